// Paying stored value back (退款) per the tenant's refund rule; then what was paid and forfeited.
import { Descriptions, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, MoneyInput, useStateFor } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import {
  type COUNTER_METHODS,
  CounterMethodSelect,
  reasonRule,
  type CounterModalProps,
  type LoyaltySummary,
  type WalletRefund,
} from './LoyaltyCommon.tsx';

interface RefundValues {
  principalFen?: number | null;
  reason: string;
  method: (typeof COUNTER_METHODS)[number];
}

function RefundResult({ result }: { result: WalletRefund }) {
  const { t } = useTranslation();
  const line = (key: string, label: string, fen: number) => ({
    key,
    label: t(label),
    children: formatFen(fen),
  });
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        {
          key: 'cash',
          label: t('loyalty.refund.cash'),
          children: <span data-testid="refund-cash">{formatFen(result.cashFen)}</span>,
        },
        line('principal', 'loyalty.refund.principalOut', result.principalOut),
        line('forfeit', 'loyalty.refund.bonusForfeit', result.bonusForfeit),
        line('clawback', 'loyalty.refund.clawback', result.clawbackFen),
        line('left', 'loyalty.refund.left', result.wallet.balanceFen),
      ]}
    />
  );
}

export function RefundModal({
  open,
  customerId,
  summary,
  onClose,
  onDone,
}: CounterModalProps & { summary: LoyaltySummary | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RefundValues>();
  const [result, setResult] = useStateFor<WalletRefund | null>(open, null);

  const save = (v: RefundValues) =>
    unwrap(
      api.POST('/api/v1/staff/customers/{customerId}/stored-value/refunds', {
        params: { path: { customerId } },
        body: {
          reason: v.reason.trim(),
          method: v.method,
          ...(v.principalFen ? { principalFen: v.principalFen } : {}),
        },
      }),
    );

  return (
    <FormModal
      open={open}
      title={t('loyalty.refund.title')}
      form={result ? undefined : form}
      onSubmit={save}
      onDone={setResult}
      onClose={onClose}
      okText={t('loyalty.refund.confirm')}
      okTestId="refund-confirm"
      danger
      done={result && { okText: t('loyalty.done'), onOk: () => onDone(result), hideCancel: true }}
      formProps={{ initialValues: { method: 'cash' } }}
    >
      {result ? (
        <RefundResult result={result} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('loyalty.refund.hint', {
              principal: formatFen(summary?.storedValue.principalFen ?? 0),
              bonus: formatFen(summary?.storedValue.bonusFen ?? 0),
            })}
          </Typography.Paragraph>
          <Form.Item name="principalFen" label={t('loyalty.refund.principal')}>
            <MoneyInput
              minFen={1}
              placeholder={t('loyalty.refund.all')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="method" label={t('loyalty.method')} rules={[{ required: true }]}>
            <CounterMethodSelect />
          </Form.Item>
          <Form.Item name="reason" label={t('loyalty.adjust.reason')} rules={[reasonRule(t)]}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
