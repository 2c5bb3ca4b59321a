// 收款: the method and the amount, prefilled with the amount due (it must match), and what of it
// comes from the customer's stored value.
import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, MoneyInput } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import { PAYMENT_METHODS, type PaymentMethod, type ServiceOrder } from './orders.ts';

interface PayValues {
  method: PaymentMethod;
  paidFen: number | null;
  storedValueFen?: number | null;
}

export function PayModal({
  order,
  open,
  onClose,
  onPaid,
}: {
  order: ServiceOrder;
  open: boolean;
  onClose(): void;
  onPaid(order: ServiceOrder): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PayValues>();
  const money = { symbol: 'prefix', style: { width: 200 } } as const;
  const save = (v: PayValues) =>
    unwrap(
      api.POST('/api/v1/staff/service-orders/{orderId}/pay', {
        params: { path: { orderId: order.id } },
        body: {
          method: v.method,
          paidFen: v.paidFen!,
          ...(v.storedValueFen ? { storedValueFen: v.storedValueFen } : {}),
        },
      }),
    );

  return (
    <FormModal
      open={open}
      title={t('serviceOrders.pay.title', { number: order.number })}
      form={form}
      fields={['paidFen', 'storedValueFen']}
      values={{ method: 'wechat_pay', paidFen: order.amountDueFen }}
      onSubmit={save}
      onDone={onPaid}
      onClose={onClose}
      okText={t('serviceOrders.pay.confirm')}
      okTestId="pay-confirm"
      formProps={{ requiredMark: false }}
    >
      <Typography.Paragraph>
        {t('serviceOrders.pay.due')}{' '}
        <Typography.Text strong style={{ fontSize: 20 }}>
          {formatFen(order.amountDueFen)}
        </Typography.Text>
      </Typography.Paragraph>
      <Form.Item name="method" label={t('serviceOrders.pay.method')}>
        <Select
          data-testid="pay-method"
          options={PAYMENT_METHODS.map((m) => ({
            value: m,
            label: t(`serviceOrders.method.${m}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="paidFen"
        label={t('serviceOrders.pay.amount')}
        rules={[{ required: true, message: t('serviceOrders.item.priceFormat') }]}
      >
        <MoneyInput {...money} minFen={0} data-testid="pay-amount" />
      </Form.Item>
      <Form.Item
        name="storedValueFen"
        label={t('serviceOrders.pay.storedValue')}
        extra={t('serviceOrders.pay.storedValueHint')}
      >
        <MoneyInput {...money} minFen={0} data-testid="pay-stored-value" />
      </Form.Item>
    </FormModal>
  );
}
