// Selling a service package product (计次卡) at the counter, paid in cash, by card… or from the
// customer's stored value.
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import {
  type COUNTER_METHODS,
  CounterMethodSelect,
  useActiveItems,
  type CounterModalProps,
} from './LoyaltyCommon.tsx';

interface SellValues {
  productId: string;
  method: (typeof COUNTER_METHODS)[number] | 'stored_value';
}

export function SellPackageModal({ customerId, ...modal }: CounterModalProps) {
  const { t } = useTranslation();
  const { store } = useSession();
  const [form] = Form.useForm<SellValues>();
  const products = useActiveItems(modal.open, () =>
    unwrap(api.GET('/api/v1/staff/loyalty/package-products')),
  );

  const save = (v: SellValues) =>
    unwrap(
      api.POST('/api/v1/staff/customers/{customerId}/packages', {
        params: { path: { customerId } },
        body: { productId: v.productId, method: v.method, ...(store ? { storeId: store.id } : {}) },
      }),
    );

  return (
    <FormModal
      {...modal}
      title={t('loyalty.sell.title')}
      form={form}
      onSubmit={save}
      okTestId="sell-confirm"
      formProps={{ initialValues: { method: 'wechat_pay' } }}
    >
      <Form.Item name="productId" label={t('loyalty.sell.product')} rules={[{ required: true }]}>
        <Select
          data-testid="sell-product"
          placeholder={products.length === 0 ? t('loyalty.sell.none') : undefined}
          options={products.map((p) => ({
            value: p.id,
            label: t('loyalty.sell.option', {
              name: p.name,
              uses: p.uses,
              days: p.validityDays,
              price: formatFen(p.priceFen),
            }),
          }))}
        />
      </Form.Item>
      <Form.Item name="method" label={t('loyalty.method')} rules={[{ required: true }]}>
        <CounterMethodSelect wallet />
      </Form.Item>
    </FormModal>
  );
}
