// 收款: one payment split across methods. The customer's stored value and points (at the shop's
// redemption rate, within its limits) come first, each with a one-click "use the most"; the rest
// goes to one or two money methods, the first of which always takes what is left.
import { useEffect } from 'react';
import { Button, Form, InputNumber, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, MoneyInput, useLoad } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import { PAYMENT_METHODS, type PaymentMethod, type ServiceOrder } from './orders.ts';

type MoneyMethod = Exclude<PaymentMethod, 'stored_value' | 'points'>;
const MONEY_METHODS = PAYMENT_METHODS.filter(
  (m): m is MoneyMethod => m !== 'stored_value' && m !== 'points',
);

interface PayValues {
  storedValueFen: number | null;
  points: number | null;
  money: { method: MoneyMethod; amountFen: number | null }[];
}

interface Wallet {
  storedValueFen: number;
  points: number;
  /** Points that pay ¥1 (0: the shop takes no points). */
  pointsPerYuan: number;
  maxSharePercent: number;
  minPoints: number;
}

function useWallet(customerId: string, open: boolean) {
  return useLoad(
    async (): Promise<Wallet> => {
      const [summary, settings] = await Promise.all([
        unwrap(
          api.GET('/api/v1/staff/customers/{customerId}/loyalty', {
            params: { path: { customerId } },
          }),
        ),
        unwrap(api.GET('/api/v1/staff/loyalty/settings')),
      ]);
      const r = settings.points.redemption;
      return {
        storedValueFen: summary.storedValue.balanceFen,
        points: Math.max(0, summary.points.available),
        pointsPerYuan: r.pointsPerYuan,
        maxSharePercent: r.maxOrderSharePercent,
        minPoints: r.minPoints,
      };
    },
    [customerId, open],
    { enabled: open },
  );
}

/** Fen that `points` pay at the rate (0 when the shop takes no points). */
const pointsFen = (points: number, w: Wallet | undefined) =>
  w && w.pointsPerYuan > 0 ? Math.floor((points * 100) / w.pointsPerYuan) : 0;

/** The most points this order may take: the balance, the share of what is due, whole fen. */
function maxPoints(dueFen: number, w: Wallet): number {
  if (w.pointsPerYuan <= 0) return 0;
  const capFen = Math.floor((dueFen * w.maxSharePercent) / 100);
  const byShare = Math.floor((capFen * w.pointsPerYuan) / 100);
  const most = Math.min(w.points, byShare);
  // Points that make whole fen only (at 100 points per ¥1 every point does).
  const step = w.pointsPerYuan % 100 === 0 ? w.pointsPerYuan / 100 : w.pointsPerYuan;
  const whole = most - (most % step);
  return whole >= w.minPoints ? whole : 0;
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
  const wallet = useWallet(order.customerId, open).data;
  const due = order.amountDueFen;
  const storedValueFen = Form.useWatch('storedValueFen', form) ?? 0;
  const points = Form.useWatch('points', form) ?? 0;
  const money = Form.useWatch('money', form) ?? [];
  const pointsPart = pointsFen(points, wallet);
  const otherMoney = money.slice(1).reduce((s, m) => s + (m?.amountFen ?? 0), 0);
  const rest = due - storedValueFen - pointsPart - otherMoney;

  // The first money method takes whatever the other parts leave.
  useEffect(() => {
    if (!open) return;
    const first = form.getFieldValue(['money', 0, 'amountFen']) as number | null;
    const next = Math.max(0, rest);
    if (first !== next) form.setFieldValue(['money', 0, 'amountFen'], next);
  }, [open, rest, form]);

  const save = (v: PayValues) => {
    const parts = [
      ...(v.storedValueFen
        ? [{ method: 'stored_value' as const, amountFen: v.storedValueFen }]
        : []),
      ...(v.points ? [{ method: 'points' as const, points: v.points }] : []),
      ...v.money
        .filter((m) => (m.amountFen ?? 0) > 0)
        .map((m) => ({ method: m.method, amountFen: m.amountFen! })),
    ];
    return unwrap(
      api.POST('/api/v1/staff/service-orders/{orderId}/pay', {
        params: { path: { orderId: order.id } },
        body: parts.length ? { parts } : { method: 'cash', paidFen: 0 },
      }),
    );
  };

  const walletMax = wallet ? Math.min(wallet.storedValueFen, due - pointsPart) : 0;
  const pointsMax = wallet ? maxPoints(due - storedValueFen, wallet) : 0;
  const paidSoFar =
    storedValueFen + pointsPart + money.reduce((s, m) => s + (m?.amountFen ?? 0), 0);
  const moneyStyle = { symbol: 'prefix', style: { width: 160 } } as const;

  return (
    <FormModal
      open={open}
      title={t('serviceOrders.pay.title', { number: order.number })}
      form={form}
      fields={['parts', 'storedValueFen', 'points']}
      values={{
        storedValueFen: null,
        points: null,
        money: [{ method: 'wechat_pay', amountFen: due }],
      }}
      onSubmit={save}
      onDone={onPaid}
      onClose={onClose}
      okText={t('serviceOrders.pay.confirm')}
      okTestId="pay-confirm"
      okDisabled={paidSoFar !== due}
      width={560}
      formProps={{ requiredMark: false, layout: 'horizontal', labelCol: { span: 7 } }}
    >
      <Typography.Paragraph>
        {t('serviceOrders.pay.due')}{' '}
        <Typography.Text strong style={{ fontSize: 20 }} data-testid="pay-due">
          {formatFen(due)}
        </Typography.Text>
      </Typography.Paragraph>
      <Form.Item
        label={t('serviceOrders.pay.storedValue')}
        extra={
          wallet
            ? t('serviceOrders.pay.storedValueBalance', {
                amount: formatFen(wallet.storedValueFen),
              })
            : null
        }
      >
        <Space>
          <Form.Item name="storedValueFen" noStyle>
            <MoneyInput
              {...moneyStyle}
              minFen={0}
              maxFen={walletMax}
              data-testid="pay-stored-value"
            />
          </Form.Item>
          <Button
            disabled={walletMax <= 0}
            onClick={() => form.setFieldValue('storedValueFen', walletMax)}
            data-testid="pay-stored-value-max"
          >
            {t('serviceOrders.pay.useMost')}
          </Button>
        </Space>
      </Form.Item>
      {wallet && wallet.pointsPerYuan > 0 ? (
        <Form.Item
          label={t('serviceOrders.pay.points')}
          extra={t('serviceOrders.pay.pointsHint', {
            points: wallet.points,
            rate: wallet.pointsPerYuan,
            share: wallet.maxSharePercent,
            min: wallet.minPoints,
            value: formatFen(pointsPart),
          })}
        >
          <Space>
            <Form.Item name="points" noStyle>
              <InputNumber
                min={0}
                max={pointsMax}
                precision={0}
                style={{ width: 160 }}
                data-testid="pay-points"
              />
            </Form.Item>
            <Button
              disabled={pointsMax <= 0}
              onClick={() => form.setFieldValue('points', pointsMax)}
              data-testid="pay-points-max"
            >
              {t('serviceOrders.pay.useMost')}
            </Button>
          </Space>
        </Form.Item>
      ) : null}
      <Form.List name="money">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Form.Item
                key={field.key}
                label={i === 0 ? t('serviceOrders.pay.rest') : t('serviceOrders.pay.also')}
              >
                <Space>
                  <Form.Item name={[field.name, 'method']} noStyle>
                    <Select
                      style={{ width: 120 }}
                      data-testid={i === 0 ? 'pay-method' : `pay-method-${i}`}
                      options={MONEY_METHODS.map((m) => ({
                        value: m,
                        label: t(`serviceOrders.method.${m}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amountFen']} noStyle>
                    <MoneyInput
                      {...moneyStyle}
                      minFen={0}
                      disabled={i === 0}
                      data-testid={i === 0 ? 'pay-amount' : `pay-amount-${i}`}
                    />
                  </Form.Item>
                  {i > 0 ? (
                    <Button onClick={() => remove(field.name)}>{t('common.remove')}</Button>
                  ) : null}
                </Space>
              </Form.Item>
            ))}
            {fields.length < 2 ? (
              <Form.Item label=" " colon={false}>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ method: 'cash', amountFen: null })}
                  data-testid="pay-add-method"
                >
                  {t('serviceOrders.pay.addMethod')}
                </Button>
              </Form.Item>
            ) : null}
          </>
        )}
      </Form.List>
      <Typography.Text type={paidSoFar === due ? 'success' : 'danger'} data-testid="pay-remaining">
        {paidSoFar === due
          ? t('serviceOrders.pay.balanced', { amount: formatFen(paidSoFar) })
          : t('serviceOrders.pay.unbalanced', { amount: formatFen(due - paidSoFar) })}
      </Typography.Text>
    </FormModal>
  );
}
