// A customer's points, stored value, service packages and tier on the customer page, with the
// ledger history (running balance per account), manual adjustment, top-up at the counter,
// stored-value refund and selling / using service packages.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Segmented,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  DollarOutlined,
  EditOutlined,
  RollbackOutlined,
  ShoppingOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession, useStaff } from '../../api.ts';
import { StatCards } from '../../kit/StatCards.tsx';
import { MoneyInput } from '../../kit/MoneyInput.tsx';
import { errorText } from '../../kit/errors.ts';
import { EMPTY, formatDateTime, formatDay, formatFen } from '../../kit/format.ts';
import type { CustomerSummary } from '../../types.ts';
import {
  COUNTER_METHODS,
  accountLabel,
  canManageLoyalty,
  canServeLoyalty,
  formatAmount,
  memoText,
  toFen,
  type CustomerPackage,
  type LedgerLine,
  type LedgerView,
  type LoyaltySummary,
  type PackageProduct,
  type TopUpPackage,
  type WalletRefund,
} from './LoyaltyCommon.tsx';

type Dialog = 'topUp' | 'adjust' | 'refund' | 'sell' | null;

function MethodSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value as string)}
      optionType="button"
      options={COUNTER_METHODS.map((m) => ({ value: m, label: t(`serviceOrders.method.${m}`) }))}
    />
  );
}

/** Top-up at the counter: a top-up package (pay 500 get 550) or a free amount with bonus. */
function TopUpModal({
  open,
  customerId,
  onClose,
  onDone,
}: {
  open: boolean;
  customerId: string;
  onClose(): void;
  onDone(balanceFen: number): void;
}) {
  const { t } = useTranslation();
  const { store } = useSession();
  const [form] = Form.useForm();
  const [packages, setPackages] = useState<TopUpPackage[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choice = Form.useWatch('choice', form) as string | undefined;
  const payFen = Form.useWatch('payFen', form) as number | null | undefined;
  const bonusFen = Form.useWatch('bonusFen', form) as number | null | undefined;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    unwrap(api.GET('/api/v1/staff/loyalty/top-up-packages')).then(
      (r) => setPackages(r.items.filter((p) => p.active)),
      () => setPackages([]),
    );
  }, [open, form]);

  const chosen = packages.find((p) => p.id === choice);
  const pay = chosen ? chosen.payFen : (payFen ?? 0);
  const bonus = chosen ? chosen.bonusFen : (bonusFen ?? 0);

  async function submit() {
    const v = (await form.validateFields()) as {
      choice: string;
      payFen?: number | null;
      bonusFen?: number | null;
      method: (typeof COUNTER_METHODS)[number];
      note?: string;
    };
    setBusy(true);
    setError(null);
    try {
      const body =
        v.choice === 'amount'
          ? { payFen: v.payFen ?? 0, bonusFen: v.bonusFen ?? 0, method: v.method }
          : { packageId: v.choice, method: v.method };
      const wallet = await unwrap(
        api.POST('/api/v1/staff/customers/{customerId}/stored-value/top-ups', {
          params: { path: { customerId } },
          body: {
            ...body,
            ...(store ? { storeId: store.id } : {}),
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          },
        }),
      );
      onDone(wallet.balanceFen);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('loyalty.topUp.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('loyalty.topUp.confirm')}
      okButtonProps={{ loading: busy, 'data-testid': 'topup-confirm' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ choice: 'amount', method: 'wechat_pay', bonusFen: 0 }}
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
          <MethodSelect />
        </Form.Item>
        <Form.Item name="note" label={t('loyalty.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      <Alert
        type="info"
        title={t('loyalty.topUp.preview', {
          pay: formatFen(pay),
          bonus: formatFen(bonus),
          total: formatFen(pay + bonus),
        })}
        data-testid="topup-preview"
      />
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Modal>
  );
}

/** Manual adjustment of points or stored value, with a required reason (audit log). */
function AdjustModal({
  open,
  customerId,
  onClose,
  onDone,
}: {
  open: boolean;
  customerId: string;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const account = Form.useWatch('account', form) as string | undefined;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);

  async function submit() {
    const v = (await form.validateFields()) as {
      account: 'points' | 'stored_value_principal' | 'stored_value_bonus';
      direction: 1 | -1;
      amount: number;
      reason: string;
    };
    const amount = v.direction * (v.account === 'points' ? Math.round(v.amount) : toFen(v.amount));
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/staff/customers/{customerId}/loyalty/adjustments', {
          params: { path: { customerId } },
          body: { account: v.account, amount, reason: v.reason.trim() },
        }),
      );
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  const points = (account ?? 'points') === 'points';
  return (
    <Modal
      open={open}
      title={t('loyalty.adjust.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'adjust-confirm' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ account: 'points', direction: 1 }}>
        <Form.Item name="account" label={t('loyalty.adjust.account')}>
          <Radio.Group
            optionType="button"
            options={(['points', 'stored_value_principal', 'stored_value_bonus'] as const).map(
              (a) => ({ value: a, label: t(`loyalty.adjust.accounts.${a}`) }),
            )}
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
            rules={[{ required: true, type: 'number', min: points ? 1 : 0.01 }]}
            style={{ flex: 1 }}
          >
            <InputNumber
              prefix={points ? undefined : '¥'}
              precision={points ? 0 : 2}
              min={points ? 1 : 0.01}
              style={{ width: '100%' }}
              data-testid="adjust-amount"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="reason"
          label={t('loyalty.adjust.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              message: t('loyalty.adjust.reasonRequired'),
            },
          ]}
          extra={t('loyalty.adjust.audited')}
        >
          <Input maxLength={200} data-testid="adjust-reason" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** Pay stored value back per the tenant's refund rule; shows what was paid and forfeited. */
function RefundModal({
  open,
  customerId,
  summary,
  onClose,
  onDone,
}: {
  open: boolean;
  customerId: string;
  summary: LoyaltySummary | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<WalletRefund | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    setResult(null);
  }, [open, form]);

  async function submit() {
    if (result) return onDone();
    const v = (await form.validateFields()) as {
      principalFen?: number | null;
      reason: string;
      method: (typeof COUNTER_METHODS)[number];
    };
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(
        api.POST('/api/v1/staff/customers/{customerId}/stored-value/refunds', {
          params: { path: { customerId } },
          body: {
            reason: v.reason.trim(),
            method: v.method,
            ...(v.principalFen ? { principalFen: v.principalFen } : {}),
          },
        }),
      );
      setResult(r);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('loyalty.refund.title')}
      onCancel={result ? onDone : onClose}
      onOk={() => void submit()}
      okText={result ? t('loyalty.done') : t('loyalty.refund.confirm')}
      okButtonProps={{ loading: busy, danger: !result, 'data-testid': 'refund-confirm' }}
      cancelButtonProps={{ style: result ? { display: 'none' } : undefined }}
      destroyOnHidden
    >
      {result ? (
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'cash',
              label: t('loyalty.refund.cash'),
              children: <span data-testid="refund-cash">{formatFen(result.cashFen)}</span>,
            },
            {
              key: 'principal',
              label: t('loyalty.refund.principalOut'),
              children: formatFen(result.principalOut),
            },
            {
              key: 'forfeit',
              label: t('loyalty.refund.bonusForfeit'),
              children: formatFen(result.bonusForfeit),
            },
            {
              key: 'clawback',
              label: t('loyalty.refund.clawback'),
              children: formatFen(result.clawbackFen),
            },
            {
              key: 'left',
              label: t('loyalty.refund.left'),
              children: formatFen(result.wallet.balanceFen),
            },
          ]}
        />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ method: 'cash' }}>
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
            <MethodSelect />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('loyalty.adjust.reason')}
            rules={[
              {
                required: true,
                whitespace: true,
                min: 2,
                message: t('loyalty.adjust.reasonRequired'),
              },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** Sell a service package product (计次卡). */
function SellModal({
  open,
  customerId,
  onClose,
  onDone,
}: {
  open: boolean;
  customerId: string;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { store } = useSession();
  const [form] = Form.useForm();
  const [products, setProducts] = useState<PackageProduct[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    unwrap(api.GET('/api/v1/staff/loyalty/package-products')).then(
      (r) => setProducts(r.items.filter((p) => p.active)),
      () => setProducts([]),
    );
  }, [open, form]);
  async function submit() {
    const v = (await form.validateFields()) as {
      productId: string;
      method: (typeof COUNTER_METHODS)[number] | 'stored_value';
    };
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/staff/customers/{customerId}/packages', {
          params: { path: { customerId } },
          body: {
            productId: v.productId,
            method: v.method,
            ...(store ? { storeId: store.id } : {}),
          },
        }),
      );
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('loyalty.sell.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'sell-confirm' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ method: 'wechat_pay' }}>
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
          <Radio.Group
            optionType="button"
            options={[...COUNTER_METHODS, 'stored_value' as const].map((m) => ({
              value: m,
              label: t(`serviceOrders.method.${m}`),
            }))}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** The ledger lines of one view, newest first, each with the account's running balance. */
function LedgerTable({
  customerId,
  view,
  packages,
  timeZone,
  version,
}: {
  customerId: string;
  view: LedgerView;
  packages: readonly { id: string; name: string }[];
  timeZone: string;
  version: number;
}) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<LedgerLine[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = await unwrap(
          api.GET('/api/v1/staff/customers/{customerId}/ledger', {
            params: {
              path: { customerId },
              query: { view, limit: 20, ...(after ? { cursor: after } : {}) },
            },
          }),
        );
        setLines((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (err) {
        setError(errorText(err, t));
      } finally {
        setLoading(false);
      }
    },
    [customerId, view, t],
  );

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage, version]);

  const columns: TableColumnsType<LedgerLine> = [
    {
      title: t('loyalty.ledger.time'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v, timeZone),
    },
    {
      title: t('loyalty.ledger.account'),
      dataIndex: 'account',
      render: (a: string) => accountLabel(a, t, packages),
    },
    {
      title: t('loyalty.ledger.kind'),
      dataIndex: 'kind',
      render: (k: string, l) => (
        <Tag color={l.reversesTransferId ? 'orange' : undefined} variant="filled">
          {t(`loyalty.kind.${k}`, { defaultValue: k })}
        </Tag>
      ),
    },
    {
      title: t('loyalty.ledger.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: number, l) => (
        <Typography.Text type={v < 0 ? 'danger' : 'success'} data-testid="ledger-amount">
          {formatAmount(l.account, v, true)}
        </Typography.Text>
      ),
    },
    {
      title: t('loyalty.ledger.balance'),
      dataIndex: 'balanceAfter',
      align: 'right',
      render: (v: number, l) => (
        <span data-testid="ledger-balance">{formatAmount(l.account, v)}</span>
      ),
    },
    {
      title: t('loyalty.ledger.memo'),
      render: (_, l) =>
        (l.memo ? memoText(l.memo, t) : null) ??
        (l.referenceType
          ? t(`loyalty.reference.${l.referenceType}`, { defaultValue: l.referenceType })
          : EMPTY),
    },
  ];

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Table<LedgerLine>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={lines}
        loading={loading && lines.length === 0}
        pagination={false}
        locale={{ emptyText: t('loyalty.ledger.empty') }}
        data-testid="ledger-table"
      />
      {cursor && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button
            loading={loading}
            onClick={() => void fetchPage(cursor)}
            data-testid="ledger-more"
          >
            {t('loyalty.ledger.more')}
          </Button>
        </Flex>
      )}
    </>
  );
}

export default function LoyaltyCustomerPanel({ customer }: { customer: CustomerSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;
  const [summary, setSummary] = useState<LoyaltySummary | null>(null);
  const [packages, setPackages] = useState<CustomerPackage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [view, setView] = useState<LedgerView>('stored_value');
  const [version, setVersion] = useState(0);
  const [using, setUsing] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [s, p] = await Promise.all([
        unwrap(
          api.GET('/api/v1/staff/customers/{customerId}/loyalty', {
            params: { path: { customerId: customer.id } },
          }),
        ),
        unwrap(
          api.GET('/api/v1/staff/customers/{customerId}/packages', {
            params: { path: { customerId: customer.id } },
          }),
        ),
      ]);
      setSummary(s);
      setPackages(p.items);
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [customer.id, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = useCallback(
    (text: string) => {
      setDialog(null);
      message.success(text);
      setVersion((v) => v + 1);
      void load();
    },
    [load, message],
  );

  async function consumePackage(pkg: CustomerPackage) {
    setUsing(pkg.id);
    try {
      await unwrap(
        api.POST('/api/v1/staff/customer-packages/{packageId}/use', {
          params: { path: { packageId: pkg.id } },
          body: {},
        }),
      );
      changed(t('loyalty.packages.used', { name: pkg.name }));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setUsing(null);
    }
  }

  const manage = canManageLoyalty(staff);
  const serve = canServeLoyalty(staff);
  const sv = summary?.storedValue;
  const pts = summary?.points;
  const tier = summary?.tier ?? null;
  const tierPercent =
    tier && tier.progress.nextThreshold
      ? Math.min(100, Math.round((tier.progress.value / tier.progress.nextThreshold) * 100))
      : 100;
  const tierValue = (v: number) =>
    tier?.progress.metric === 'spend' ? formatFen(v) : v.toLocaleString('zh-CN');

  const packageColumns: TableColumnsType<CustomerPackage> = [
    { title: t('loyalty.packages.name'), dataIndex: 'name' },
    {
      title: t('loyalty.packages.remaining'),
      render: (_, p) => (
        <span data-testid="package-remaining">
          {p.remaining} / {p.total}
        </span>
      ),
    },
    {
      title: t('loyalty.packages.status'),
      dataIndex: 'status',
      render: (s: string) => (
        <Tag color={s === 'active' ? 'green' : undefined} variant="filled">
          {t(`loyalty.packages.statuses.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('loyalty.packages.soldAt'),
      dataIndex: 'soldAt',
      render: (v: string) => formatDay(v, timeZone),
    },
    {
      title: t('loyalty.packages.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v: string) => formatDay(v, timeZone),
    },
    {
      title: '',
      align: 'right',
      render: (_, p) =>
        p.status === 'active' &&
        p.remaining > 0 && (
          <Button
            size="small"
            loading={using === p.id}
            onClick={() => void consumePackage(p)}
            data-testid="package-use"
          >
            {t('loyalty.packages.use')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('loyalty.panel.title')}
      data-testid="customer-loyalty"
      extra={
        <Flex gap={8} wrap>
          {serve && (
            <Button
              type="primary"
              icon={<DollarOutlined />}
              onClick={() => setDialog('topUp')}
              data-testid="loyalty-topup"
            >
              {t('loyalty.topUp.button')}
            </Button>
          )}
          {serve && (
            <Button
              icon={<ShoppingOutlined />}
              onClick={() => setDialog('sell')}
              data-testid="loyalty-sell"
            >
              {t('loyalty.sell.button')}
            </Button>
          )}
          {manage && (
            <Button
              icon={<EditOutlined />}
              onClick={() => setDialog('adjust')}
              data-testid="loyalty-adjust"
            >
              {t('loyalty.adjust.button')}
            </Button>
          )}
          {manage && (
            <Button
              danger
              icon={<RollbackOutlined />}
              disabled={!sv || sv.balanceFen <= 0}
              onClick={() => setDialog('refund')}
              data-testid="loyalty-refund"
            >
              {t('loyalty.refund.button')}
            </Button>
          )}
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <StatCards
        gap={48}
        style={{ marginBottom: 16 }}
        items={[
          {
            title: t('loyalty.summary.storedValue'),
            value: sv ? formatFen(sv.balanceFen) : EMPTY,
            blockTestId: 'loyalty-stored-value',
            note: (
              <Typography.Text type="secondary" data-testid="loyalty-stored-value-split">
                {sv
                  ? t('loyalty.summary.split', {
                      principal: formatFen(sv.principalFen),
                      bonus: formatFen(sv.bonusFen),
                    })
                  : EMPTY}
              </Typography.Text>
            ),
          },
          {
            title: t('loyalty.summary.points'),
            value: pts ? pts.available.toLocaleString('zh-CN') : EMPTY,
            blockTestId: 'loyalty-points',
            note: (
              <Typography.Text type="secondary" data-testid="loyalty-points-pending">
                {pts ? t('loyalty.summary.pending', { count: pts.pending }) : EMPTY}
              </Typography.Text>
            ),
          },
          {
            title: t('loyalty.summary.expiring'),
            value: pts?.expiringSoon ? pts.expiringSoon.amount.toLocaleString('zh-CN') : 0,
            note: (
              <Typography.Text type="secondary">
                {pts?.expiringSoon
                  ? t('loyalty.summary.before', {
                      date: formatDay(pts.expiringSoon.before, timeZone),
                    })
                  : t('loyalty.summary.noneExpiring')}
              </Typography.Text>
            ),
          },
          {
            title: t('loyalty.summary.tier'),
            value: tier?.name ?? t('loyalty.summary.noTier'),
            blockTestId: 'loyalty-tier',
            style: { minWidth: 220 },
            note: tier ? (
              <>
                <Progress percent={tierPercent} size="small" showInfo={false} />
                <Typography.Text type="secondary">
                  {tier.nextTierName && tier.progress.nextThreshold !== null
                    ? t('loyalty.summary.toNext', {
                        value: tierValue(tier.progress.value),
                        next: tierValue(tier.progress.nextThreshold),
                        name: tier.nextTierName,
                      })
                    : t('loyalty.summary.topTier')}
                </Typography.Text>
              </>
            ) : null,
          },
        ]}
      />
      <Tabs
        items={[
          {
            key: 'ledger',
            label: t('loyalty.ledger.title'),
            children: (
              <>
                <Segmented<LedgerView>
                  value={view}
                  onChange={setView}
                  style={{ marginBottom: 8 }}
                  options={(['stored_value', 'points', 'packages', 'all'] as const).map((v) => ({
                    value: v,
                    label: t(`loyalty.ledger.views.${v}`),
                  }))}
                  data-testid="ledger-view"
                />
                <LedgerTable
                  customerId={customer.id}
                  view={view}
                  packages={packages}
                  timeZone={timeZone}
                  version={version}
                />
              </>
            ),
          },
          {
            key: 'packages',
            label: t('loyalty.packages.title', {
              count: packages.filter((p) => p.status === 'active').length,
            }),
            children: (
              <Table<CustomerPackage>
                size="small"
                rowKey="id"
                columns={packageColumns}
                dataSource={packages}
                pagination={false}
                locale={{ emptyText: t('loyalty.packages.none') }}
              />
            ),
          },
        ]}
      />
      <TopUpModal
        open={dialog === 'topUp'}
        customerId={customer.id}
        onClose={() => setDialog(null)}
        onDone={(balance) => changed(t('loyalty.topUp.done', { balance: formatFen(balance) }))}
      />
      <AdjustModal
        open={dialog === 'adjust'}
        customerId={customer.id}
        onClose={() => setDialog(null)}
        onDone={() => changed(t('loyalty.adjust.done'))}
      />
      <RefundModal
        open={dialog === 'refund'}
        customerId={customer.id}
        summary={summary}
        onClose={() => setDialog(null)}
        onDone={() => changed(t('loyalty.refund.done'))}
      />
      <SellModal
        open={dialog === 'sell'}
        customerId={customer.id}
        onClose={() => setDialog(null)}
        onDone={() => changed(t('loyalty.sell.done'))}
      />
    </Card>
  );
}
