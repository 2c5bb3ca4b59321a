// 补录里程: an odometer reading from paper records, with the day it was taken. It must fit the
// car's readings of the days before and after (the server says which one it contradicts).
import { Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { DateField, FormModal } from '../../kit/index.ts';
import type { Vehicle } from '../../types.ts';

const MAX_KM = 2_000_000;

interface Values {
  date: string;
  mileageKm: number | null;
}

export function PastReadingModal({
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
  const [form] = Form.useForm<Values>();

  async function save(v: Values) {
    await unwrap(
      api.POST('/api/v1/staff/vehicles/{vehicleId}/odometer-readings', {
        params: { path: { vehicleId: vehicle.id } },
        body: { date: v.date, mileageKm: v.mileageKm ?? 0 },
      }),
    );
  }

  return (
    <FormModal
      open={open}
      title={t('profile.pastReading.title', { plate: vehicle.plate ?? t('vehicle.noPlate') })}
      form={form}
      values={{ mileageKm: null }}
      fields={['date', 'mileageKm']}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      width={420}
      okText={t('common.save')}
      okTestId="past-reading-save"
      testId="past-reading-form"
      formProps={{ style: { marginTop: 12 } }}
    >
      <DateField
        name="date"
        label={t('profile.pastReading.date')}
        past
        testId="past-reading-date"
      />
      <Form.Item
        name="mileageKm"
        label={t('profile.pastReading.mileage')}
        rules={[{ required: true, message: t('profile.mileage.required') }]}
      >
        <InputNumber<number>
          min={0}
          max={MAX_KM}
          precision={0}
          suffix="km"
          style={{ width: '100%' }}
          data-testid="past-reading-mileage"
        />
      </Form.Item>
    </FormModal>
  );
}
