// Per rule over a period: decided, sent, opened, converted (booking or paid order within the
// rule's window, last touch), revenue and conversion rate.
import { useState } from 'react';
import { Alert, Segmented } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../kit/index.ts';
import { api, unwrap } from '../../api.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { EMPTY, formatFen } from '../../kit/format.ts';
import type { RuleDashboard, RuleStats } from './ReminderCommon.ts';

const PERIODS = [7, 30, 90, 365] as const;

export default function ReminderDashboard() {
  const { t } = useTranslation();
  const [days, setDays] = useState<number>(30);
  const { data, loading, error } = useLoad<RuleDashboard>(
    () => unwrap(api.GET('/api/v1/staff/reminders/dashboard', { params: { query: { days } } })),
    [days],
  );

  const num = (k: keyof RuleStats, title: string): TableColumnsType<RuleStats>[number] => ({
    title,
    key: k,
    align: 'right',
    width: 90,
    render: (_, r) => String(r[k] ?? 0),
  });
  const columns: TableColumnsType<RuleStats> = [
    { title: t('reminders.dashboard.col.rule'), key: 'name', render: (_, r) => r.name },
    num('decided', t('reminders.dashboard.col.decided')),
    num('sent', t('reminders.dashboard.col.sent')),
    num('opened', t('reminders.dashboard.col.opened')),
    num('suppressed', t('reminders.dashboard.col.suppressed')),
    num('cancelled', t('reminders.dashboard.col.cancelled')),
    num('converted', t('reminders.dashboard.col.converted')),
    {
      title: t('reminders.dashboard.col.rate'),
      key: 'rate',
      align: 'right',
      width: 100,
      render: (_, r) =>
        r.conversionRate == null ? EMPTY : `${(r.conversionRate * 100).toFixed(1)}%`,
    },
    {
      title: t('reminders.dashboard.col.revenue'),
      key: 'revenue',
      align: 'right',
      width: 120,
      render: (_, r) => <span data-testid="reminder-revenue">{formatFen(r.revenueFen)}</span>,
    },
  ];
  return (
    <>
      <Segmented<number>
        style={{ marginBottom: 12 }}
        value={days}
        onChange={setDays}
        options={PERIODS.map((d) => ({ value: d, label: t('reminders.dashboard.days', { n: d }) }))}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <DataTable<RuleStats>
        data-testid="reminders-dashboard"
        size="middle"
        rowKey="ruleId"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
      />
    </>
  );
}
