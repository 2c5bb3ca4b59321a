// Manual adjustment of points or stored value (调整), with a required reason (audit log).
import { Flex, Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, MoneyInput } from '../../kit/index.ts';
import { reasonRule, type CounterModalProps } from './LoyaltyCommon.tsx';

const ACCOUNTS = ['points', 'stored_value_principal', 'stored_value_bonus'] as const;

interface AdjustValues {
  account: (typeof ACCOUNTS)[number];
  direction: 1 | -1;
  /** Points, or fen for stored value. */
  amount: number;
  reason: string;
}

export function AdjustModal({ customerId, ...modal }: CounterModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AdjustValues>();
  const points = (Form.useWatch('account', form) ?? 'points') === 'points';

  const save = (v: AdjustValues) =>
    unwrap(
      api.POST('/api/v1/staff/customers/{customerId}/loyalty/adjustments', {
        params: { path: { customerId } },
        body: { account: v.account, amount: v.direction * v.amount, reason: v.reason.trim() },
      }),
    );

  const amountProps = { style: { width: '100%' }, 'data-testid': 'adjust-amount' };
  return (
    <FormModal
      {...modal}
      title={t('loyalty.adjust.title')}
      form={form}
      onSubmit={save}
      okTestId="adjust-confirm"
      formProps={{ initialValues: { account: 'points', direction: 1 } }}
    >
      <Form.Item name="account" label={t('loyalty.adjust.account')}>
        <Radio.Group
          optionType="button"
          options={ACCOUNTS.map((a) => ({ value: a, label: t(`loyalty.adjust.accounts.${a}`) }))}
        />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="direction" label={t('loyalty.adjust.direction')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 1, label: t('loyalty.adjust.add') },
              { value: -1, label: t('loyalty.adjust.deduct') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={points ? t('loyalty.adjust.points') : t('loyalty.adjust.yuan')}
          rules={[{ required: true, type: 'number', min: 1 }]}
          style={{ flex: 1 }}
        >
          {points ? (
            <InputNumber precision={0} min={1} {...amountProps} />
          ) : (
            <MoneyInput minFen={1} {...amountProps} />
          )}
        </Form.Item>
      </Flex>
      <Form.Item
        name="reason"
        label={t('loyalty.adjust.reason')}
        rules={[reasonRule(t)]}
        extra={t('loyalty.adjust.audited')}
      >
        <Input maxLength={200} data-testid="adjust-reason" />
      </Form.Item>
    </FormModal>
  );
}
