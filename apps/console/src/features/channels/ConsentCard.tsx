import { useState } from 'react';
import { Button, Card, Drawer, Flex, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, canEditCustomers, unwrap, useStaff } from '../../api.ts';
import { DataTable, dateTimeColumn, ErrorAlert, useAction, useLoad } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { CHANNELS, PURPOSES } from './consents.ts';
import type { Channel, ConsentRecord, ConsentState, Purpose } from './consents.ts';

const cellKey = (channel: Channel, purpose: Purpose) => `${channel}.${purpose}`;

/** When and how the consent in force was given ("2026-11-22 10:00 · 员工录入"), or why none. */
function ConsentSource({ state, timeZone }: { state: ConsentState | undefined; timeZone: string }) {
  const { t } = useTranslation();
  if (!state?.recordedAt) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('profile.consent.neverRecorded')}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {formatDateTime(state.recordedAt, timeZone)} ·{' '}
      {t(`profile.consentMethod.${state.method}`, { defaultValue: state.method ?? '' })}
    </Typography.Text>
  );
}

/** The full consent record of one customer, newest first. */
function ConsentHistoryDrawer({
  customerId,
  open,
  onClose,
  timeZone,
}: {
  customerId: string;
  open: boolean;
  onClose(): void;
  timeZone: string;
}) {
  const { t } = useTranslation();

  const { data, loading, error } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/customers/{customerId}/consents', {
          params: { path: { customerId } },
        }),
      ),
    [customerId],
    { enabled: open },
  );
  const items: ConsentRecord[] = data?.items ?? [];

  const columns: TableColumnsType<ConsentRecord> = [
    dateTimeColumn(t('profile.consent.time'), (r) => r.recordedAt, timeZone, 150),
    {
      title: t('profile.consent.channel'),
      key: 'channel',
      width: 90,
      render: (_, r) => t(`profile.channel.${r.channel}`),
    },
    {
      title: t('profile.consent.purpose'),
      key: 'purpose',
      width: 90,
      render: (_, r) => t(`profile.purpose.${r.purpose}`),
    },
    {
      title: t('profile.consent.state'),
      key: 'granted',
      width: 80,
      render: (_, r) =>
        r.granted ? (
          <Tag color="success">{t('profile.consent.granted')}</Tag>
        ) : (
          <Tag>{t('profile.consent.withdrawn')}</Tag>
        ),
    },
    {
      title: t('profile.consent.method'),
      key: 'method',
      render: (_, r) => t(`profile.consentMethod.${r.method}`, { defaultValue: r.method }),
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('profile.consent.historyTitle')}
      size={620}
      data-testid="consent-history"
    >
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Table<ConsentRecord>
        size="small"
        rowKey={(r) => `${r.recordedAt}.${r.channel}.${r.purpose}.${r.granted}`}
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('profile.consent.historyEmpty') }}
      />
    </Drawer>
  );
}

/**
 * 授权管理: the consent in force per channel × purpose, switchable by staff (recorded with
 * method "staff"), and the full record in a drawer.
 */
export default function ConsentCard({
  customerId,
  consents,
  onChange,
}: {
  customerId: string;
  consents: ConsentState[];
  onChange(consents: ConsentState[]): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;
  const editable = canEditCustomers(staff);
  const action = useAction();
  const saving = action.busy;
  const [historyOpen, setHistoryOpen] = useState(false);

  const find = (channel: Channel, purpose: Purpose) =>
    consents.find((c) => c.channel === channel && c.purpose === purpose);

  async function toggle(channel: Channel, purpose: Purpose, granted: boolean) {
    const result = await action.run(
      cellKey(channel, purpose),
      () =>
        unwrap(
          api.POST('/api/v1/staff/customers/{customerId}/consents', {
            params: { path: { customerId } },
            body: { consents: [{ channel, purpose, granted }], method: 'staff' },
          }),
        ),
      t(granted ? 'profile.consent.grantedMessage' : 'profile.consent.withdrawnMessage', {
        channel: t(`profile.channel.${channel}`),
        purpose: t(`profile.purpose.${purpose}`),
      }),
    );
    if (result) onChange(result.consents);
  }

  type Row = { purpose: Purpose };
  const columns: TableColumnsType<Row> = [
    {
      title: t('profile.consent.purpose'),
      key: 'purpose',
      width: 110,
      fixed: 'left',
      render: (_, { purpose }) => (
        <Typography.Text strong>{t(`profile.purpose.${purpose}`)}</Typography.Text>
      ),
    },
    ...CHANNELS.map((channel) => ({
      title: t(`profile.channel.${channel}`),
      key: channel,
      render: (_: unknown, { purpose }: Row) => {
        const state = find(channel, purpose);
        const granted = state?.granted ?? false;
        const tip = state?.recordedAt
          ? t('profile.consent.tooltip', {
              state: t(granted ? 'profile.consent.granted' : 'profile.consent.withdrawn'),
              time: formatDateTime(state.recordedAt, timeZone),
              method: t(`profile.consentMethod.${state.method}`, {
                defaultValue: state.method ?? '',
              }),
            })
          : t('profile.consent.neverRecordedHint');
        return (
          <Tooltip title={tip}>
            <Flex vertical gap={4} align="flex-start">
              <Switch
                size="small"
                checked={granted}
                disabled={!editable || (saving !== null && saving !== cellKey(channel, purpose))}
                loading={saving === cellKey(channel, purpose)}
                onChange={(next) => void toggle(channel, purpose, next)}
                data-testid="consent-switch"
                data-channel={channel}
                data-purpose={purpose}
                aria-label={`${t(`profile.channel.${channel}`)} ${t(`profile.purpose.${purpose}`)}`}
              />
              <ConsentSource state={state} timeZone={timeZone} />
            </Flex>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <Card
      title={t('profile.consent.title')}
      data-testid="consent-card"
      extra={
        <Button
          type="link"
          icon={<HistoryOutlined />}
          onClick={() => setHistoryOpen(true)}
          data-testid="consent-history-open"
        >
          {t('profile.consent.history')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('profile.consent.hint')}
      </Typography.Paragraph>
      <DataTable<Row>
        size="small"
        rowKey="purpose"
        columns={columns}
        dataSource={PURPOSES.map((purpose) => ({ purpose }))}
        scroll={{ x: 900 }}
      />
      <ConsentHistoryDrawer
        customerId={customerId}
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        timeZone={timeZone}
      />
    </Card>
  );
}
