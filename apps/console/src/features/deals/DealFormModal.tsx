// Creating a group deal: what buyers get (a service package or a coupon template), the group
// price against the usual one, how many make the deal happen, seats, the deadline, the stores.
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FieldGrid, FormModal, MoneyInput, useLoad } from '../../kit/index.ts';
import { instantOfZoned } from '../../kit/format.ts';
import type { DealDetail } from './deals.ts';

interface FormValues {
  title: string;
  description?: string;
  rewardKind: 'package' | 'coupon';
  packageProductId?: string;
  couponTemplateId?: string;
  priceFen: number | null;
  originalPriceFen: number | null;
  minJoiners: number;
  maxJoiners?: number | null;
  deadline: Dayjs | null;
  storeIds?: string[];
}

const FIELDS: Record<string, string> = Object.fromEntries(
  [
    'title',
    'description',
    'packageProductId',
    'couponTemplateId',
    'priceFen',
    'originalPriceFen',
    'minJoiners',
    'maxJoiners',
    'storeIds',
  ].map((f) => [f, f]),
);

export function DealFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (deal: DealDetail) => void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('rewardKind', form);
  const choices = useLoad(
    async () => {
      const [products, templates] = await Promise.all([
        unwrap(api.GET('/api/v1/staff/loyalty/package-products')),
        unwrap(api.GET('/api/v1/staff/coupon-templates', { params: { query: {} } })),
      ]);
      return { products: products.items, templates: templates.items };
    },
    [],
    { enabled: open },
  );
  const save = (v: FormValues) =>
    unwrap(
      api.POST('/api/v1/staff/deals', {
        body: {
          title: v.title,
          description: v.description ?? '',
          rewardKind: v.rewardKind,
          packageProductId: v.rewardKind === 'package' ? (v.packageProductId ?? null) : null,
          couponTemplateId: v.rewardKind === 'coupon' ? (v.couponTemplateId ?? null) : null,
          priceFen: v.priceFen ?? 0,
          originalPriceFen: v.originalPriceFen ?? 0,
          minJoiners: v.minJoiners,
          maxJoiners: v.maxJoiners ?? null,
          deadlineAt: v.deadline
            ? instantOfZoned(v.deadline.format('YYYY-MM-DDTHH:mm'), staff.tenant.timezone)
            : '',
          storeIds: v.storeIds ?? [],
        },
      }),
    );
  return (
    <FormModal
      open={open}
      title={t('deals.form.title')}
      form={form}
      fields={FIELDS}
      values={{
        rewardKind: 'package',
        minJoiners: 3,
        deadline: dayjs().add(7, 'day').hour(20).minute(0),
      }}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okTestId="deal-form-save"
      testId="deal-form"
      width={640}
    >
      <Form.Item name="title" label={t('deals.field.title')} rules={[{ required: true }]}>
        <Input maxLength={60} data-testid="deal-title" />
      </Form.Item>
      <Form.Item name="description" label={t('deals.field.description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="rewardKind" label={t('deals.field.rewardKind')}>
        <Radio.Group
          options={[
            { value: 'package', label: t('deals.reward.package') },
            { value: 'coupon', label: t('deals.reward.coupon') },
          ]}
        />
      </Form.Item>
      {kind === 'coupon' ? (
        <Form.Item
          name="couponTemplateId"
          label={t('deals.reward.coupon')}
          rules={[{ required: true }]}
        >
          <Select
            loading={choices.loading}
            data-testid="deal-coupon-template"
            options={(choices.data?.templates ?? [])
              .filter((x) => x.status === 'active')
              .map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="packageProductId"
          label={t('deals.reward.package')}
          rules={[{ required: true }]}
        >
          <Select
            loading={choices.loading}
            data-testid="deal-package-product"
            options={(choices.data?.products ?? []).map((p) => ({
              value: p.id,
              label: `${p.name}（${p.uses} 次）`,
            }))}
          />
        </Form.Item>
      )}
      <FieldGrid span={12}>
        <Form.Item name="priceFen" label={t('deals.field.price')} rules={[{ required: true }]}>
          <MoneyInput minFen={1} style={{ width: '100%' }} data-testid="deal-price" />
        </Form.Item>
        <Form.Item
          name="originalPriceFen"
          label={t('deals.field.originalPrice')}
          rules={[{ required: true }]}
        >
          <MoneyInput minFen={1} style={{ width: '100%' }} data-testid="deal-original-price" />
        </Form.Item>
        <Form.Item
          name="minJoiners"
          label={t('deals.field.minJoiners')}
          rules={[{ required: true }]}
        >
          <InputNumber min={2} max={1000} style={{ width: '100%' }} data-testid="deal-min" />
        </Form.Item>
        <Form.Item name="maxJoiners" label={t('deals.field.maxJoiners')}>
          <InputNumber min={2} max={1000} style={{ width: '100%' }} />
        </Form.Item>
      </FieldGrid>
      <Form.Item name="deadline" label={t('deals.field.deadline')} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item
        name="storeIds"
        label={t('deals.field.stores')}
        extra={t('deals.field.storesHint')}
      >
        <Select
          mode="multiple"
          options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
    </FormModal>
  );
}
