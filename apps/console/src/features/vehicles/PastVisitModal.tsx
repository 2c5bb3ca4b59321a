// 补录到店记录: a visit from paper records, filed as a closed order on its real day (no payment,
// no points, nothing sent to the owner); its mileage becomes the car's reading of that day.
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import { DateField, FieldGrid, FormModal, MoneyInput } from '../../kit/index.ts';
import type { Vehicle } from '../../types.ts';

const CATEGORIES = ['oil_change', 'tyres', 'brakes', 'battery', 'inspection', 'wash', 'other'] as const; // prettier-ignore
const MAX_KM = 2_000_000;

interface Values {
  date: string;
  storeId: string | null;
  mileageKm: number | null;
  category: (typeof CATEGORIES)[number];
  description: string;
  totalFen: number | null;
}

export function PastVisitModal({
  vehicle,
  open,
  onClose,
  onSaved,
}: {
  vehicle: Vehicle;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const { store } = useSession();
  const [form] = Form.useForm<Values>();

  async function save(v: Values) {
    await unwrap(
      api.POST('/api/v1/staff/vehicles/{vehicleId}/past-visits', {
        params: { path: { vehicleId: vehicle.id } },
        body: {
          date: v.date,
          storeId: v.storeId!,
          mileageKm: v.mileageKm ?? null,
          category: v.category,
          description: v.description,
          totalFen: v.totalFen ?? 0,
        },
      }),
    );
  }

  return (
    <FormModal
      open={open}
      title={t('profile.pastVisit.title', { plate: vehicle.plate ?? t('vehicle.noPlate') })}
      form={form}
      values={{
        storeId: store?.id ?? staff.stores[0]?.id ?? null,
        category: 'oil_change',
        mileageKm: null,
        totalFen: null,
      }}
      fields={['date', 'storeId', 'mileageKm', 'category', 'description', 'totalFen']}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      width={560}
      okText={t('common.save')}
      okTestId="past-visit-save"
      testId="past-visit-form"
      formProps={{ style: { marginTop: 12 } }}
    >
      <FieldGrid span={12}>
        <DateField name="date" label={t('profile.pastVisit.date')} past testId="past-visit-date" />
        <Form.Item
          name="storeId"
          label={t('profile.pastVisit.store')}
          rules={[{ required: true, message: t('profile.pastVisit.storeRequired') }]}
        >
          <Select
            options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="past-visit-store"
          />
        </Form.Item>
        <Form.Item name="category" label={t('profile.pastVisit.category')}>
          <Select
            options={CATEGORIES.map((c) => ({ value: c, label: t(`serviceOrders.category.${c}`) }))}
            data-testid="past-visit-category"
          />
        </Form.Item>
        <Form.Item name="mileageKm" label={t('profile.pastVisit.mileage')}>
          <InputNumber<number>
            min={0}
            max={MAX_KM}
            precision={0}
            suffix="km"
            style={{ width: '100%' }}
            data-testid="past-visit-mileage"
          />
        </Form.Item>
      </FieldGrid>
      <Form.Item
        name="description"
        label={t('profile.pastVisit.description')}
        rules={[{ required: true, whitespace: true, message: t('profile.pastVisit.descriptionRequired') }]} // prettier-ignore
      >
        <Input
          maxLength={200}
          placeholder={t('profile.pastVisit.descriptionPlaceholder')}
          data-testid="past-visit-description"
        />
      </Form.Item>
      <Form.Item
        name="totalFen"
        label={t('profile.pastVisit.amount')}
        extra={t('profile.pastVisit.hint')}
      >
        <MoneyInput minFen={0} style={{ width: '100%' }} data-testid="past-visit-amount" />
      </Form.Item>
    </FormModal>
  );
}
