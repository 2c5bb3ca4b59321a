import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Result, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DataTable, dateTimeColumn } from '../../kit/index.ts';
import { api, canSeeDevOutbox, unwrap, useStaff } from '../../api.ts';
import { useLoad } from '../../kit/useLoad.ts';
import { formatDateTime } from '../../kit/format.ts';
import type { OutboxMessage } from '../../types.ts';

/** Messages recorded by the development channel (e.g. customers' sign-in codes). */
export default function DevOutboxPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canSeeDevOutbox(staff);
  const { data, loading, error, reload } = useLoad(
    async () => {
      const page = await unwrap(
        api.GET('/api/v1/staff/dev/outbox', { params: { query: { limit: 200 } } }),
      );
      return { items: page.items, loadedAt: new Date().toISOString() };
    },
    [],
    { enabled: allowed },
  );
  const items: OutboxMessage[] = data?.items ?? [];
  const loadedAt = data?.loadedAt ?? null;

  if (!allowed) {
    return <Result status="403" title={t('outbox.forbidden')} />;
  }

  const columns: TableColumnsType<OutboxMessage> = [
    dateTimeColumn(t('outbox.time'), (m) => m.createdAt, staff.tenant.timezone, 170),
    {
      title: t('outbox.channel'),
      key: 'channel',
      width: 110,
      render: (_, m) => <Tag>{t(`channel.${m.channel}`, { defaultValue: m.channel })}</Tag>,
    },
    { title: t('outbox.to'), dataIndex: 'to', key: 'to', width: 170 },
    {
      title: t('outbox.purpose'),
      key: 'purpose',
      width: 130,
      render: (_, m) => t(`purpose.${m.purpose}`, { defaultValue: m.purpose }),
    },
    {
      title: t('outbox.body'),
      key: 'body',
      render: (_, m) => (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          copyable={{ text: m.body }}
        >
          {m.subject && (
            <Typography.Text strong style={{ display: 'block' }}>
              {m.subject}
            </Typography.Text>
          )}
          {m.body}
        </Typography.Paragraph>
      ),
    },
  ];

  return (
    <Card
      title={t('outbox.title')}
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void reload()}
          loading={loading}
          data-testid="outbox-refresh"
        >
          {t('common.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('outbox.description')}
        {loadedAt &&
          ` ${t('outbox.loadedAt', { time: formatDateTime(loadedAt, staff.tenant.timezone) })}`}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <DataTable<OutboxMessage>
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('outbox.empty') }}
        onRow={() => ({ 'data-testid': 'outbox-row' }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
