// Reminders (提醒): today's reminders — what the run will send and what it sent today — the
// rules (built-in defaults, editable) and each rule's results (sent, opened, converted, revenue).
import { Alert, Button, Card, Flex, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { useAction, useLoad } from '../../kit/index.ts';
import { EMPTY } from '../../kit/format.ts';
import { canManageReminders, type TodayItem } from './ReminderCommon.ts';
import ReminderRules from './ReminderRules.tsx';
import ReminderDashboard from './ReminderDashboard.tsx';

const STATUS_COLOR: Record<TodayItem['status'], string> = {
  will_send: 'blue',
  pending: 'gold',
  queued: 'green',
  cancelled: 'default',
};

function TodayTab() {
  const { t } = useTranslation();
  const staff = useStaff();
  const action = useAction();
  const {
    data: loaded,
    loading,
    error,
    reload: load,
  } = useLoad(
    () => unwrap(api.GET('/api/v1/staff/reminders/today', { params: { query: { limit: 200 } } })),
    [],
  );
  const data = loaded ?? null;

  async function run() {
    const r = await action.run(
      'run',
      () => unwrap(api.POST('/api/v1/staff/reminders/run', {})),
      (r) => t('reminders.today.ran', { selected: r.selected, queued: r.queued }),
    );
    if (r) await load();
  }

  const columns: TableColumnsType<TodayItem> = [
    {
      title: t('reminders.today.col.status'),
      key: 'status',
      width: 110,
      render: (_, i) => (
        <Tag color={STATUS_COLOR[i.status]} data-testid="reminder-status">
          {t(`reminders.today.status.${i.status}`)}
        </Tag>
      ),
    },
    {
      title: t('reminders.today.col.rule'),
      key: 'rule',
      width: 150,
      render: (_, i) => (
        <span data-testid="reminder-rule">
          {i.ruleName}
          {i.attempt > 0 && (
            <Typography.Text type="secondary">
              {' '}
              {t('reminders.today.repeat', { n: i.attempt })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('reminders.today.col.customer'),
      key: 'customer',
      width: 200,
      render: (_, i) => (
        <Link to={`/customers/${i.customerId}`}>
          {i.customerName ?? i.phone ?? EMPTY}
          {i.plate && <Typography.Text type="secondary"> · {i.plate}</Typography.Text>}
        </Link>
      ),
    },
    {
      title: t('reminders.today.col.what'),
      key: 'what',
      render: (_, i) => <span data-testid="reminder-what">{i.what}</span>,
    },
    {
      title: t('reminders.today.col.dueDate'),
      key: 'dueDate',
      width: 110,
      render: (_, i) => i.dueDate ?? EMPTY,
    },
    {
      title: t('reminders.today.col.template'),
      key: 'template',
      width: 190,
      render: (_, i) => i.templateName,
    },
  ];

  const willSend = data?.rules.reduce((n, r) => n + r.willSend, 0) ?? 0;
  const decided = data?.rules.reduce((n, r) => n + r.decidedToday, 0) ?? 0;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Typography.Text data-testid="reminders-summary">
          {data ? t('reminders.today.summary', { date: data.today, willSend, decided }) : ''}
        </Typography.Text>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('reminders.reload')}
          </Button>
          {canManageReminders(staff) && (
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={action.busy !== null}
              onClick={() => void run()}
              data-testid="reminders-run"
            >
              {t('reminders.today.run')}
            </Button>
          )}
        </Flex>
      </Flex>
      {data && (
        <Flex gap={6} wrap style={{ marginBottom: 12 }}>
          {data.rules
            .filter((r) => r.willSend + r.decidedToday > 0)
            .map((r) => (
              <Tag key={r.ruleId}>
                {r.name}: {r.willSend} / {r.decidedToday}
              </Tag>
            ))}
        </Flex>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<TodayItem>
        data-testid="reminders-today"
        size="middle"
        rowKey={(i) =>
          `${i.ruleId}:${i.customerId}:${i.vehicleId ?? ''}:${i.cycleKey}:${i.attempt}:${i.status}`
        }
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('reminders.today.empty') }}
      />
    </>
  );
}

export default function ReminderPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'today';
  return (
    <Card title={t('reminders.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'today', label: t('reminders.tabs.today'), children: <TodayTab /> },
          { key: 'rules', label: t('reminders.tabs.rules'), children: <ReminderRules /> },
          {
            key: 'dashboard',
            label: t('reminders.tabs.dashboard'),
            children: <ReminderDashboard />,
          },
        ]}
      />
    </Card>
  );
}
