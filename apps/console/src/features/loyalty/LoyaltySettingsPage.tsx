// 会员设置: points earn rules, return window, expiry, stored-value caps and refund rule, top-up
// packages, member tiers and service package products — everything the loyalty settings API
// exposes. Owner and manager edit; others read.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Select,
  Skeleton,
  Switch,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { MoneyInput } from '../../kit/MoneyInput.tsx';
import { errorText } from '../../kit/errors.ts';
import { formatFen } from '../../kit/format.ts';
import {
  canManageLoyalty,
  toFen,
  type LoyaltySettings,
  type PackageProduct,
  type TierSettings,
  type TopUpPackage,
} from './LoyaltyCommon.tsx';

const CATEGORIES = [
  'oil_change',
  'tyres',
  'brakes',
  'battery',
  'inspection',
  'wash',
  'other',
] as const;
const fenToYuan = (fen: number) => fen / 100;

function useSave() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (fn: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await fn();
        message.success(t('loyalty.settings.saved'));
      } catch (err) {
        setError(errorText(err, t));
      } finally {
        setBusy(false);
      }
    },
    [message, t],
  );
  return { busy, error, run };
}

type RulesForm = {
  points: Omit<LoyaltySettings['points'], 'categoryMultipliers'> & {
    categoryMultipliers: Partial<Record<(typeof CATEGORIES)[number], number | null>>;
  };
  storedValue: Omit<LoyaltySettings['storedValue'], 'capRegisteredFen' | 'capAnonymousFen'> & {
    capRegisteredFen: number;
    capAnonymousFen: number;
  };
};

function RulesCard({ settings, editable }: { settings: LoyaltySettings; editable: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RulesForm>();
  const { busy, error, run } = useSave();
  const initial: RulesForm = {
    points: settings.points,
    storedValue: {
      spendOrder: settings.storedValue.spendOrder,
      refundRule: settings.storedValue.refundRule,
      capRegisteredFen: settings.storedValue.capRegisteredFen,
      capAnonymousFen: settings.storedValue.capAnonymousFen,
    },
  };
  async function save() {
    const v = await form.validateFields();
    const multipliers: Partial<Record<(typeof CATEGORIES)[number], number>> = {};
    for (const c of CATEGORIES) {
      const m = v.points.categoryMultipliers?.[c];
      if (m !== null && m !== undefined) multipliers[c] = m;
    }
    await run(() =>
      unwrap(
        api.PUT('/api/v1/staff/loyalty/settings', {
          body: {
            points: { ...v.points, categoryMultipliers: multipliers },
            storedValue: {
              spendOrder: v.storedValue.spendOrder,
              refundRule: v.storedValue.refundRule,
              capRegisteredFen: v.storedValue.capRegisteredFen,
              capAnonymousFen: v.storedValue.capAnonymousFen,
            },
          },
        }),
      ),
    );
  }
  const num = { style: { width: '100%' } };
  return (
    <Card
      title={t('loyalty.settings.rules')}
      extra={
        editable && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void save()}
            data-testid="rules-save"
          >
            {t('common.save')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} disabled={!editable}>
        <Typography.Title level={5}>{t('loyalty.settings.points')}</Typography.Title>
        <Flex gap={16} wrap>
          <Form.Item
            name={['points', 'pointsPerYuan']}
            label={t('loyalty.settings.pointsPerYuan')}
            rules={[{ required: true }]}
            style={{ width: 200 }}
          >
            <InputNumber min={0} max={100} step={0.1} {...num} />
          </Form.Item>
          <Form.Item
            name={['points', 'returnWindowDays']}
            label={t('loyalty.settings.returnWindowDays')}
            rules={[{ required: true }]}
            style={{ width: 200 }}
          >
            <InputNumber
              min={0}
              max={90}
              precision={0}
              suffix={t('loyalty.settings.days')}
              {...num}
            />
          </Form.Item>
          <Form.Item
            name={['points', 'expiryMonths']}
            label={t('loyalty.settings.expiryMonths')}
            rules={[{ required: true }]}
            style={{ width: 200 }}
          >
            <InputNumber
              min={1}
              max={120}
              precision={0}
              suffix={t('loyalty.settings.months')}
              {...num}
            />
          </Form.Item>
          <Form.Item
            name={['points', 'allowNegativeOnReversal']}
            label={t('loyalty.settings.allowNegative')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('loyalty.settings.multipliers')}
          extra={t('loyalty.settings.multipliersHint')}
        >
          <Flex gap={12} wrap>
            {CATEGORIES.map((c) => (
              <Form.Item
                key={c}
                name={['points', 'categoryMultipliers', c]}
                label={t(`serviceOrders.category.${c}`)}
                style={{ width: 120, marginBottom: 0 }}
              >
                <InputNumber
                  min={0}
                  max={10}
                  step={0.5}
                  placeholder="1"
                  suffix={t('loyalty.settings.times')}
                  {...num}
                />
              </Form.Item>
            ))}
          </Flex>
        </Form.Item>
        <Form.Item label={t('loyalty.settings.actions')}>
          <Flex gap={12} wrap>
            {(['review', 'referral', 'event'] as const).map((a) => (
              <Form.Item
                key={a}
                name={['points', 'actions', a]}
                label={t(`loyalty.settings.action.${a}`)}
                rules={[{ required: true }]}
                style={{ width: 160, marginBottom: 0 }}
              >
                <InputNumber min={0} max={1_000_000} precision={0} {...num} />
              </Form.Item>
            ))}
          </Flex>
        </Form.Item>
        <Typography.Title level={5}>{t('loyalty.settings.storedValue')}</Typography.Title>
        <Flex gap={16} wrap>
          <Form.Item
            name={['storedValue', 'capRegisteredFen']}
            label={t('loyalty.settings.capRegistered')}
            rules={[{ required: true }]}
            style={{ width: 200 }}
          >
            <MoneyInput minFen={0} {...num} />
          </Form.Item>
          <Form.Item
            name={['storedValue', 'capAnonymousFen']}
            label={t('loyalty.settings.capAnonymous')}
            rules={[{ required: true }]}
            style={{ width: 200 }}
          >
            <MoneyInput minFen={0} {...num} />
          </Form.Item>
          <Form.Item
            name={['storedValue', 'spendOrder']}
            label={t('loyalty.settings.spendOrder')}
            style={{ width: 220 }}
          >
            <Select
              options={(['principal_first', 'bonus_first', 'proportional'] as const).map((v) => ({
                value: v,
                label: t(`loyalty.settings.spendOrders.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name={['storedValue', 'refundRule']}
            label={t('loyalty.settings.refundRule')}
            style={{ width: 320 }}
          >
            <Select
              options={(['forfeit_bonus', 'deduct_spent_bonus'] as const).map((v) => ({
                value: v,
                label: t(`loyalty.settings.refundRules.${v}`),
              }))}
            />
          </Form.Item>
        </Flex>
      </Form>
    </Card>
  );
}

type TopUpRow = { id: string; name: string; payFen: number; bonusFen: number; active: boolean };

function TopUpPackagesCard({ items, editable }: { items: TopUpPackage[]; editable: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ items: TopUpRow[] }>();
  const { busy, error, run } = useSave();
  async function save() {
    const v = await form.validateFields();
    await run(() =>
      unwrap(
        api.PUT('/api/v1/staff/loyalty/top-up-packages', {
          body: {
            items: (v.items ?? []).map((r) => ({
              id: r.id,
              name: r.name.trim(),
              payFen: r.payFen,
              bonusFen: r.bonusFen,
              active: r.active,
            })),
          },
        }),
      ),
    );
  }
  return (
    <Card
      title={t('loyalty.settings.topUpPackages')}
      extra={
        editable && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void save()}
            data-testid="topups-save"
          >
            {t('common.save')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        disabled={!editable}
        initialValues={{
          items: items.map((p) => ({
            id: p.id,
            name: p.name,
            payFen: p.payFen,
            bonusFen: p.bonusFen,
            active: p.active,
          })),
        }}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0}>
              {fields.length === 0 && (
                <Typography.Text type="secondary">{t('loyalty.settings.noTopUps')}</Typography.Text>
              )}
              {fields.map((f) => (
                <Flex key={f.key} gap={12} align="baseline" wrap>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, whitespace: true }]}
                    style={{ width: 200 }}
                  >
                    <Input placeholder={t('loyalty.settings.topUpName')} maxLength={60} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'payFen']}
                    label={t('loyalty.topUp.pay')}
                    rules={[{ required: true, type: 'number', min: 1 }]}
                  >
                    <MoneyInput minFen={1} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'bonusFen']}
                    label={t('loyalty.topUp.bonus')}
                    rules={[{ required: true }]}
                  >
                    <MoneyInput minFen={0} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'active']}
                    label={t('loyalty.settings.active')}
                    valuePropName="checked"
                  >
                    <Switch />
                  </Form.Item>
                  {editable && (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('loyalty.delete')}
                    />
                  )}
                </Flex>
              ))}
              {editable && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      id: crypto.randomUUID(),
                      name: '',
                      payFen: 50000,
                      bonusFen: 5000,
                      active: true,
                    })
                  }
                  style={{ width: 240 }}
                >
                  {t('loyalty.settings.addTopUp')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

type TierRow = TierSettings['levels'][number] & { thresholdInput: number };

function TiersCard({ tiers, editable }: { tiers: TierSettings; editable: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Omit<TierSettings, 'levels'> & { levels: TierRow[] }>();
  const { busy, error, run } = useSave();
  const metric = (Form.useWatch('metric', form) as string | undefined) ?? tiers.metric;
  async function save() {
    const v = await form.validateFields();
    await run(() =>
      unwrap(
        api.PUT('/api/v1/staff/loyalty/tiers', {
          body: {
            metric: v.metric,
            periodMonths: v.periodMonths,
            noticeDays: v.noticeDays,
            levels: (v.levels ?? []).map((l) => ({
              code: l.code,
              name: l.name.trim(),
              threshold:
                v.metric === 'spend' ? toFen(l.thresholdInput) : Math.round(l.thresholdInput),
              earnMultiplier: l.earnMultiplier,
              upgradeCouponTemplateIds: l.upgradeCouponTemplateIds ?? [],
            })),
          },
        }),
      ),
    );
  }
  return (
    <Card
      title={t('loyalty.settings.tiers')}
      extra={
        editable && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void save()}
            data-testid="tiers-save"
          >
            {t('common.save')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{
          ...tiers,
          levels: tiers.levels.map((l) => ({
            ...l,
            thresholdInput: tiers.metric === 'spend' ? fenToYuan(l.threshold) : l.threshold,
          })),
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item name="metric" label={t('loyalty.settings.tierMetric')} style={{ width: 200 }}>
            <Select
              options={(['spend', 'points'] as const).map((m) => ({
                value: m,
                label: t(`loyalty.settings.metrics.${m}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="periodMonths"
            label={t('loyalty.settings.periodMonths')}
            rules={[{ required: true }]}
            style={{ width: 200 }}
          >
            <InputNumber min={1} max={60} precision={0} suffix={t('loyalty.settings.months')} />
          </Form.Item>
          <Form.Item
            name="noticeDays"
            label={t('loyalty.settings.noticeDays')}
            rules={[{ required: true }]}
            style={{ width: 200 }}
          >
            <InputNumber min={0} max={180} precision={0} suffix={t('loyalty.settings.days')} />
          </Form.Item>
        </Flex>
        <Form.List name="levels">
          {(fields, { add, remove }) => (
            <Flex vertical>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={12} align="baseline" wrap>
                  <Form.Item name={[f.name, 'upgradeCouponTemplateIds']} hidden>
                    <Select mode="multiple" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'code']}
                    label={i === 0 ? t('loyalty.settings.tierCode') : undefined}
                    rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,29}$/ }]}
                    style={{ width: 120 }}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'name']}
                    label={i === 0 ? t('loyalty.settings.tierName') : undefined}
                    rules={[{ required: true, whitespace: true }]}
                    style={{ width: 140 }}
                  >
                    <Input maxLength={30} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'thresholdInput']}
                    label={i === 0 ? t('loyalty.settings.threshold') : undefined}
                    rules={[{ required: true }]}
                    style={{ width: 180 }}
                  >
                    <InputNumber
                      min={0}
                      precision={metric === 'spend' ? 2 : 0}
                      prefix={metric === 'spend' ? '¥' : undefined}
                      suffix={metric === 'points' ? t('loyalty.settings.pointsUnit') : undefined}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'earnMultiplier']}
                    label={i === 0 ? t('loyalty.settings.earnMultiplier') : undefined}
                    rules={[{ required: true }]}
                    style={{ width: 120 }}
                  >
                    <InputNumber
                      min={0}
                      max={10}
                      step={0.1}
                      suffix={t('loyalty.settings.times')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                  {editable && i > 0 && (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                    />
                  )}
                </Flex>
              ))}
              {editable && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      code: `tier${fields.length + 1}`,
                      name: '',
                      thresholdInput: 0,
                      earnMultiplier: 1,
                      upgradeCouponTemplateIds: [],
                    })
                  }
                  style={{ width: 240 }}
                >
                  {t('loyalty.settings.addTier')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
        <Typography.Text type="secondary">{t('loyalty.settings.tiersHint')}</Typography.Text>
      </Form>
    </Card>
  );
}

function PackageProductsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<PackageProduct[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{
    name: string;
    uses: number;
    validityDays: number;
    priceFen: number;
  }>();

  const load = useCallback(async () => {
    try {
      setItems((await unwrap(api.GET('/api/v1/staff/loyalty/package-products'))).items);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function create() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/staff/loyalty/package-products', {
          body: {
            name: v.name.trim(),
            uses: v.uses,
            validityDays: v.validityDays,
            priceFen: v.priceFen,
          },
        }),
      );
      setCreating(false);
      message.success(t('loyalty.settings.saved'));
      void load();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  async function toggle(p: PackageProduct, active: boolean) {
    try {
      await unwrap(
        api.PATCH('/api/v1/staff/loyalty/package-products/{productId}', {
          params: { path: { productId: p.id } },
          body: { active },
        }),
      );
      void load();
    } catch (err) {
      message.error(errorText(err, t));
    }
  }
  const columns: TableColumnsType<PackageProduct> = [
    { title: t('loyalty.packages.name'), dataIndex: 'name' },
    { title: t('loyalty.settings.uses'), dataIndex: 'uses' },
    {
      title: t('loyalty.settings.validityDays'),
      dataIndex: 'validityDays',
      render: (d: number) => t('loyalty.settings.daysCount', { count: d }),
    },
    {
      title: t('loyalty.settings.price'),
      dataIndex: 'priceFen',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('loyalty.settings.onSale'),
      dataIndex: 'active',
      render: (a: boolean, p) => (
        <Switch checked={a} disabled={!editable} onChange={(v) => void toggle(p, v)} />
      ),
    },
  ];
  return (
    <Card
      title={t('loyalty.settings.packageProducts')}
      extra={
        editable && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('loyalty.settings.addProduct')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<PackageProduct>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('loyalty.sell.none') }}
      />
      <Modal
        open={creating}
        title={t('loyalty.settings.addProduct')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ uses: 5, validityDays: 365, priceFen: 15000 }}
        >
          <Form.Item
            name="name"
            label={t('loyalty.packages.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={60} placeholder="洗车 5 次卡" />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item name="uses" label={t('loyalty.settings.uses')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1000} precision={0} />
            </Form.Item>
            <Form.Item
              name="validityDays"
              label={t('loyalty.settings.validityDays')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={3650} precision={0} suffix={t('loyalty.settings.days')} />
            </Form.Item>
            <Form.Item
              name="priceFen"
              label={t('loyalty.settings.price')}
              rules={[{ required: true }]}
            >
              <MoneyInput minFen={0} />
            </Form.Item>
          </Flex>
        </Form>
      </Modal>
    </Card>
  );
}

export default function LoyaltySettingsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const editable = canManageLoyalty(staff);
  const [data, setData] = useState<{
    settings: LoyaltySettings;
    topUps: TopUpPackage[];
    tiers: TierSettings;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [settings, topUps, tiers] = await Promise.all([
        unwrap(api.GET('/api/v1/staff/loyalty/settings')),
        unwrap(api.GET('/api/v1/staff/loyalty/top-up-packages')),
        unwrap(api.GET('/api/v1/staff/loyalty/tiers')),
      ]);
      setData({ settings, topUps: topUps.items, tiers });
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error && !data)
    return (
      <Result
        status="error"
        title={error}
        extra={
          <Button type="primary" onClick={() => void load()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  return (
    <Flex vertical gap={16} data-testid="loyalty-settings">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('loyalty.settings.title')}
      </Typography.Title>
      {!editable && <Alert type="info" showIcon title={t('loyalty.settings.readOnly')} />}
      {!data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          <RulesCard settings={data.settings} editable={editable} />
          <TopUpPackagesCard items={data.topUps} editable={editable} />
          <TiersCard tiers={data.tiers} editable={editable} />
          <PackageProductsCard editable={editable} />
        </>
      )}
    </Flex>
  );
}
