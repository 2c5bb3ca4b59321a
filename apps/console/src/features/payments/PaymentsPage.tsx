// 在线支付: the payments owners made from the app (status, refunds, timeline in a drawer), the
// day's reconciliation against each provider's statement (differences as CSV), and the payment
// providers' settings (secrets write-only).
import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, Select, Switch, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  DataTable,
  FormModal,
  PagedTable,
  StatCards,
  StatusTag,
  TableCard,
  dateTimeColumn,
  useLoad,
  usePagedLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import { PaymentDrawer } from './PaymentDrawer.tsx';
import {
  canRefund,
  FIELDS,
  PROVIDERS,
  STATUS_COLORS,
  type Difference,
  type Payment,
  type PaymentSetting,
  type Provider,
} from './payments.ts';

function PaymentList() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [status, setStatus] = useState<Payment['status'] | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/payments', {
          params: {
            query: { limit: 50, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
          },
        }),
      ),
    [status],
  );
  const columns: DataColumn<Payment>[] = [
    dateTimeColumn(t('payments.col.createdAt'), (p) => p.createdAt, staff.tenant.timezone),
    { title: t('payments.col.description'), dataIndex: 'description' },
    { title: t('payments.col.customer'), dataIndex: 'customerName' },
    {
      title: t('payments.col.amount'),
      dataIndex: 'amountFen',
      render: (v: number) => formatFen(v),
      csv: (p) => (p.amountFen / 100).toFixed(2),
    },
    {
      title: t('payments.col.refunded'),
      dataIndex: 'refundedFen',
      render: (v: number) => (v ? formatFen(v) : '—'),
      csv: (p) => (p.refundedFen / 100).toFixed(2),
    },
    {
      title: t('payments.col.provider'),
      dataIndex: 'provider',
      render: (v: string) => t(`payments.provider.${v}`),
    },
    {
      title: t('payments.col.status'),
      dataIndex: 'status',
      render: (v: Payment['status']) => (
        <StatusTag value={v} prefix="payments.status" colors={STATUS_COLORS} />
      ),
      csv: (p) => t(`payments.status.${p.status}`),
    },
    { title: t('payments.col.number'), dataIndex: 'number', csvOnly: true },
    { title: t('payments.col.txn'), dataIndex: 'providerTxnId', csvOnly: true },
  ];
  return (
    <Flex vertical gap={12}>
      <Select
        allowClear
        placeholder={t('payments.col.status')}
        style={{ width: 200 }}
        value={status}
        onChange={setStatus}
        options={Object.keys(STATUS_COLORS).map((s) => ({
          value: s,
          label: t(`payments.status.${s}`),
        }))}
        data-testid="payments-status-filter"
      />
      <PagedTable<Payment>
        list={list}
        rowKey="id"
        columns={columns}
        onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: 'pointer' } })}
        csv={{ filename: 'payments', label: t('payments.csv'), testId: 'payments-csv' }}
        data-testid="payments-table"
      />
      <PaymentDrawer
        paymentId={open}
        onClose={() => setOpen(null)}
        onChanged={() => void list.reload()}
      />
    </Flex>
  );
}

function ReconciliationTab({ providers }: { providers: Provider[] }) {
  const { t } = useTranslation();
  const [provider, setProvider] = useState<Provider>(providers[0] ?? 'dev');
  const [date, setDate] = useState(dayjs().subtract(1, 'day').format('YYYY-MM-DD'));
  const rec = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/payments/reconciliation', { params: { query: { provider, date } } }),
      ),
    [provider, date],
  );
  const columns: DataColumn<Difference>[] = [
    {
      title: t('payments.diff.type'),
      dataIndex: 'type',
      render: (v: string) => <Tag color="red">{t(`payments.diff.${v}`)}</Tag>,
      csv: (d) => t(`payments.diff.${d.type}`),
    },
    {
      title: t('payments.diff.kind'),
      dataIndex: 'kind',
      render: (v: string) => t(`payments.diff.${v}`),
    },
    { title: t('payments.col.number'), dataIndex: 'number' },
    {
      title: t('payments.diff.ours'),
      dataIndex: 'ourFen',
      render: (v: number | null) => (v === null ? '—' : formatFen(v)),
    },
    {
      title: t('payments.diff.theirs'),
      dataIndex: 'providerFen',
      render: (v: number | null) => (v === null ? '—' : formatFen(v)),
    },
  ];
  const r = rec.data;
  return (
    <TableCard<Difference>
      title={t('payments.tabs.reconcile')}
      extra={
        <Flex gap={8}>
          <Select
            value={provider}
            onChange={setProvider}
            options={providers.map((p) => ({ value: p, label: t(`payments.provider.${p}`) }))}
            style={{ width: 140 }}
          />
          <DatePicker
            value={dayjs(date)}
            onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
            allowClear={false}
            data-testid="reconcile-date"
          />
        </Flex>
      }
      error={rec.error}
      header={
        r && (
          <StatCards
            items={[
              {
                title: t('payments.rec.ours'),
                value: formatFen(r.ours.paidFen - r.ours.refundedFen),
              },
              {
                title: t('payments.rec.statement'),
                value: formatFen(r.statement.paidFen - r.statement.refundedFen),
              },
              {
                title: t('payments.rec.result'),
                value: r.clean
                  ? t('payments.rec.clean')
                  : t('payments.rec.differences', { n: r.differences.length }),
                valueTestId: 'reconcile-result',
              },
            ]}
          />
        )
      }
      rowKey={(d) => `${d.kind}:${d.number}`}
      dataSource={r?.differences ?? []}
      loading={rec.loading}
      columns={columns}
      pagination={false}
      csv={{
        filename: `reconciliation-${provider}-${date}`,
        label: t('payments.csv'),
        testId: 'reconcile-csv',
      }}
    />
  );
}

function SettingsTab({ settings, reload }: { settings: PaymentSetting[]; reload: () => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [editing, setEditing] = useState<Provider | null>(null);
  const current = settings.find((s) => s.provider === editing);
  const fields = editing ? FIELDS[editing] : { config: [], secrets: [] };
  return (
    <>
      <DataTable<{ provider: Provider; setting?: PaymentSetting }>
        rowKey="provider"
        pagination={false}
        dataSource={PROVIDERS.map((p) => ({
          provider: p,
          setting: settings.find((s) => s.provider === p),
        }))}
        columns={[
          {
            title: t('payments.col.provider'),
            dataIndex: 'provider',
            render: (v: string) => t(`payments.provider.${v}`),
          },
          {
            title: t('payments.settings.enabled'),
            key: 'on',
            render: (_: unknown, r) =>
              r.setting?.enabled ? (
                <Tag color="green">{t('payments.settings.on')}</Tag>
              ) : (
                <Tag>{t('payments.settings.off')}</Tag>
              ),
            csv: false,
          },
          {
            title: '',
            key: 'edit',
            render: (_: unknown, r) =>
              staff.role === 'owner' && (
                <Button
                  size="small"
                  onClick={() => setEditing(r.provider)}
                  data-testid={`payment-settings-${r.provider}`}
                >
                  {t('payments.settings.edit')}
                </Button>
              ),
          },
        ]}
      />
      <FormModal<Record<string, string | boolean>, unknown>
        open={!!editing}
        title={editing ? t(`payments.provider.${editing}`) : ''}
        values={{ enabled: current?.enabled ?? false, ...(current?.config ?? {}) }}
        onClose={() => setEditing(null)}
        onSubmit={(v) => {
          const config = Object.fromEntries(
            fields.config.filter((k) => v[k]).map((k) => [k, String(v[k])]),
          );
          const secrets = Object.fromEntries(
            fields.secrets
              .filter((k) => v[`secret.${k}`])
              .map((k) => [k, String(v[`secret.${k}`])]),
          );
          return unwrap(
            api.PUT('/api/v1/staff/payment-settings', {
              body: { provider: editing!, enabled: !!v.enabled, config, secrets },
            }),
          );
        }}
        onDone={() => {
          setEditing(null);
          reload();
        }}
        okTestId="payment-settings-save"
      >
        <Form.Item name="enabled" label={t('payments.settings.enabled')} valuePropName="checked">
          <Switch data-testid="payment-settings-enabled" />
        </Form.Item>
        {fields.config.map((k) => (
          <Form.Item key={k} name={k} label={k}>
            {k.endsWith('Pem') ? <Input.TextArea rows={3} /> : <Input />}
          </Form.Item>
        ))}
        {fields.secrets.map((k) => (
          <Form.Item
            key={k}
            name={`secret.${k}`}
            label={k}
            extra={
              current?.secretsSet[k]
                ? t('payments.settings.secretSet')
                : t('payments.settings.secretUnset')
            }
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ))}
      </FormModal>
    </>
  );
}

export default function PaymentsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const manager = canRefund(staff);
  const settings = useLoad(() => unwrap(api.GET('/api/v1/staff/payment-settings')), [], {
    enabled: manager,
  });
  const items = settings.data?.items ?? [];
  const configured = items.map((s) => s.provider);
  return (
    <Tabs
      items={[
        { key: 'list', label: t('payments.tabs.list'), children: <PaymentList /> },
        ...(manager
          ? [
              {
                key: 'reconcile',
                label: t('payments.tabs.reconcile'),
                children: (
                  <ReconciliationTab providers={configured.length ? configured : ['dev']} />
                ),
              },
              {
                key: 'settings',
                label: t('payments.tabs.settings'),
                children: <SettingsTab settings={items} reload={() => void settings.reload()} />,
              },
            ]
          : []),
      ]}
    />
  );
}
