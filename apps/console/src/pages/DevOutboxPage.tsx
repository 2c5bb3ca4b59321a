import { useCallback, useEffect, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Result, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, canSeeDevOutbox, unwrap, useStaff } from '../api.ts';
import { errorText } from '../errors.ts';
import { formatDateTime } from '../format.ts';
import type { OutboxMessage } from '../types.ts';

/** Messages recorded by the development channel (e.g. customers' sign-in codes). */
export default function DevOutboxPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canSeeDevOutbox(staff);
  const [items, setItems] = useState<OutboxMessage[]>([]);
  const [loading, setLoading] = useState(allowed);
  const [error, setError] = useState<string | null>(null);
  const [loadedAt, setLoadedAt] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const page = await unwrap(
        api.GET('/api/v1/staff/dev/outbox', { params: { query: { limit: 200 } } }),
      );
      setItems(page.items);
      setLoadedAt(new Date().toISOString());
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setLoading(false);
    }
  }, [t]);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  if (!allowed) {
    return <Result status="403" title={t('outbox.forbidden')} />;
  }

  const columns: TableColumnsType<OutboxMessage> = [
    {
      title: t('outbox.time'),
      key: 'time',
      width: 170,
      render: (_, m) => formatDateTime(m.createdAt, staff.tenant.timezone),
    },
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
          onClick={() => void load()}
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
      <Table<OutboxMessage>
        rowKey="id"
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
