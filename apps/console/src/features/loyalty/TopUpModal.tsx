// Top-up at the counter (充值): a top-up package (pay 500 get 550) or a free amount with bonus.
import { Alert, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession } from '../../api.ts';
import { FormModal, MoneyInput } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import {
  type COUNTER_METHODS,
  CounterMethodSelect,
  useActiveItems,
  type CounterModalProps,
  type Wallet,
} from './LoyaltyCommon.tsx';

interface TopUpValues {
  choice: string;
  payFen?: number | null;
  bonusFen?: number | null;
  method: (typeof COUNTER_METHODS)[number];
  note?: string;
}

export function TopUpModal({ customerId, ...modal }: CounterModalProps<Wallet>) {
  const { t } = useTranslation();
  const { store } = useSession();
  const [form] = Form.useForm<TopUpValues>();
  const packages = useActiveItems(modal.open, () =>
    unwrap(api.GET('/api/v1/staff/loyalty/top-up-packages')),
  );
  const choice = Form.useWatch('choice', form);
  const payFen = Form.useWatch('payFen', form);
  const bonusFen = Form.useWatch('bonusFen', form);
  const chosen = packages.find((p) => p.id === choice);
  const pay = chosen ? chosen.payFen : (payFen ?? 0);
  const bonus = chosen ? chosen.bonusFen : (bonusFen ?? 0);

  const save = (v: TopUpValues) =>
    unwrap(
      api.POST('/api/v1/staff/customers/{customerId}/stored-value/top-ups', {
        params: { path: { customerId } },
        body: {
          ...(v.choice === 'amount'
            ? { payFen: v.payFen ?? 0, bonusFen: v.bonusFen ?? 0, method: v.method }
            : { packageId: v.choice, method: v.method }),
          ...(store ? { storeId: store.id } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      }),
    );

  return (
    <FormModal
      {...modal}
      title={t('loyalty.topUp.title')}
      form={form}
      onSubmit={save}
      okText={t('loyalty.topUp.confirm')}
      okTestId="topup-confirm"
      formProps={{ initialValues: { choice: 'amount', method: 'wechat_pay', bonusFen: 0 } }}
      footerNote={
        <Alert
          type="info"
          title={t('loyalty.topUp.preview', {
            pay: formatFen(pay),
            bonus: formatFen(bonus),
            total: formatFen(pay + bonus),
          })}
          data-testid="topup-preview"
        />
      }
    >
      <Form.Item name="choice" label={t('loyalty.topUp.package')}>
        <Select
          data-testid="topup-choice"
          options={[
            ...packages.map((p) => ({
              value: p.id,
              label: `${p.name} (${formatFen(p.payFen)} + ${formatFen(p.bonusFen)})`,
            })),
            { value: 'amount', label: t('loyalty.topUp.freeAmount') },
          ]}
        />
      </Form.Item>
      {choice === 'amount' && (
        <Flex gap={16}>
          <Form.Item
            name="payFen"
            label={t('loyalty.topUp.pay')}
            rules={[{ required: true, type: 'number', min: 1 }]}
            style={{ flex: 1 }}
          >
            <MoneyInput minFen={1} style={{ width: '100%' }} data-testid="topup-pay" />
          </Form.Item>
          <Form.Item name="bonusFen" label={t('loyalty.topUp.bonus')} style={{ flex: 1 }}>
            <MoneyInput minFen={0} style={{ width: '100%' }} data-testid="topup-bonus" />
          </Form.Item>
        </Flex>
      )}
      <Form.Item name="method" label={t('loyalty.method')} rules={[{ required: true }]}>
        <CounterMethodSelect />
      </Form.Item>
      <Form.Item name="note" label={t('loyalty.note')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
