// 作废: cancelling a service order needs a reason, kept with the order.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import type { ServiceOrder } from './orders.ts';

export function CancelOrderModal({
  order,
  open,
  onClose,
  onCancelled,
}: {
  order: ServiceOrder;
  open: boolean;
  onClose(): void;
  onCancelled(order: ServiceOrder): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal
      open={open}
      title={t('serviceOrders.cancel.title', { number: order.number })}
      form={form}
      onSubmit={(v) =>
        unwrap(
          api.POST('/api/v1/staff/service-orders/{orderId}/cancel', {
            params: { path: { orderId: order.id } },
            body: { reason: v.reason.trim() },
          }),
        )
      }
      onDone={onCancelled}
      onClose={onClose}
      okText={t('serviceOrders.cancel.confirm')}
      okTestId="cancel-confirm"
      danger
      formProps={{ requiredMark: false }}
    >
      <Form.Item
        name="reason"
        label={t('serviceOrders.cancel.reason')}
        rules={[
          { required: true, whitespace: true, message: t('serviceOrders.cancel.reasonRequired') },
        ]}
      >
        <Input.TextArea
          data-testid="cancel-reason"
          rows={2}
          maxLength={200}
          placeholder={t('serviceOrders.cancel.reasonPlaceholder')}
        />
      </Form.Item>
    </FormModal>
  );
}
