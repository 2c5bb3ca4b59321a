import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { dateTimeColumn, LoadMore, TableCard, usePagedLoad, useSubmit } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';

type Page = Json<paths['/api/v1/staff/messages']['get']>;
type Message = Page['items'][number];
type Detail = Json<paths['/api/v1/staff/messages/{intentId}']['get']>;
type Query = NonNullable<paths['/api/v1/staff/messages']['get']['parameters']['query']>;

const STATUS_COLORS: Record<string, string> = {
  queued: 'default',
  processing: 'processing',
  waiting: 'default',
  sending: 'processing',
  sent: 'success',
  delivered: 'success',
  opened: 'cyan',
  clicked: 'cyan',
  failed: 'error',
  suppressed: 'warning',
};

/** Every message and where it stands; one message's timeline in a drawer. */
export default function MessageListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const tz = staff.tenant.timezone;
  const [params, setParams] = useSearchParams();
  const [detail, setDetail] = useState<Detail | null>(null);
  const opening = useSubmit();

  const filters: Query = {
    status: (params.get('status') as Query['status']) ?? undefined,
    channel: (params.get('channel') as Query['channel']) ?? undefined,
    purpose: (params.get('purpose') as Query['purpose']) ?? undefined,
    customerId: params.get('customerId') ?? undefined,
  };
  const filterKey = params.toString();

  const list = usePagedLoad(
    (cursor) => {
      const query: Query = { limit: 50 };
      for (const k of ['status', 'channel', 'purpose', 'customerId'] as const) {
        const v = new URLSearchParams(filterKey).get(k);
        if (v) (query as Record<string, string>)[k] = v;
      }
      if (cursor) query.cursor = cursor;
      return unwrap(api.GET('/api/v1/staff/messages', { params: { query } }));
    },
    [filterKey],
  );

  async function open(id: string) {
    const found = await opening.run(() =>
      unwrap(api.GET('/api/v1/staff/messages/{intentId}', { params: { path: { intentId: id } } })),
    );
    if (found) setDetail(found);
  }

  function setFilter(key: string, value: string | undefined) {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  }

  const reason = (r: string | null) =>
    r ? t(`messaging.reasons.${r}`, { defaultValue: r }) : null;
  const columns: TableColumnsType<Message> = [
    dateTimeColumn(t('messaging.time'), (m) => m.createdAt, tz, 160),
    {
      title: t('messaging.customer'),
      key: 'customer',
      width: 140,
      render: (_, m) =>
        m.customerId ? (
          <Link to={`/customers/${m.customerId}`}>{m.customerName ?? m.customerId.slice(-6)}</Link>
        ) : (
          m.toAddress
        ),
    },
    { title: t('messaging.template'), dataIndex: 'templateName', key: 'template', width: 190 },
    {
      title: t('messaging.purpose'),
      key: 'purpose',
      width: 100,
      render: (_, m) => t(`purpose.${m.purpose}`, { defaultValue: m.purpose }),
    },
    {
      title: t('messaging.status'),
      key: 'status',
      width: 120,
      render: (_, m) => (
        <Tag color={STATUS_COLORS[m.status]} data-testid="message-status">
          {t(`messaging.intentStatus.${m.status}`)}
        </Tag>
      ),
    },
    {
      title: t('messaging.channels'),
      key: 'channels',
      render: (_, m) => (
        <Space wrap size={4}>
          {m.deliveries.map((d) => (
            <Tag key={d.id} color={STATUS_COLORS[d.status]}>
              {t(`messaging.channel.${d.channel}`)} · {t(`messaging.deliveryStatus.${d.status}`)}
              {d.reason ? ` (${reason(d.reason)})` : ''}
            </Tag>
          ))}
          {!m.deliveries.length && m.reason && (
            <Typography.Text type="secondary">{reason(m.reason)}</Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  const options = (prefix: string, values: string[]) => [
    { value: '', label: t('messaging.all') },
    ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}`, { defaultValue: v }) })),
  ];

  return (
    <TableCard<Message>
      title={t('messaging.messagesTitle')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
          {t('messaging.refresh')}
        </Button>
      }
      header={
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            style={{ width: 140 }}
            value={filters.status ?? ''}
            options={options('messaging.intentStatus', [
              'queued',
              'processing',
              'sent',
              'failed',
              'suppressed',
            ])}
            onChange={(v) => setFilter('status', v || undefined)}
            data-testid="filter-status"
          />
          <Select
            style={{ width: 140 }}
            value={filters.channel ?? ''}
            options={options('messaging.channel', ['inapp', 'webpush', 'sms', 'email', 'wechat'])}
            onChange={(v) => setFilter('channel', v || undefined)}
          />
          <Select
            style={{ width: 140 }}
            value={filters.purpose ?? ''}
            options={options('purpose', ['transactional', 'service', 'marketing', 'auth'])}
            onChange={(v) => setFilter('purpose', v || undefined)}
          />
        </Space>
      }
      error={list.error ?? opening.error}
      size="small"
      loading={list.loading}
      columns={columns}
      dataSource={list.items}
      onRow={(m) => ({ onClick: () => void open(m.id), style: { cursor: 'pointer' } })}
    >
      <LoadMore list={list} label={t('messaging.more')} />
      <Drawer
        open={!!detail}
        onClose={() => setDetail(null)}
        width={560}
        title={
          detail ? `${detail.templateName} · ${t(`messaging.intentStatus.${detail.status}`)}` : ''
        }
      >
        {detail && (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('messaging.customer')}>
                {detail.customerName ?? detail.toAddress ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('messaging.purpose')}>
                {t(`purpose.${detail.purpose}`, { defaultValue: detail.purpose })}
              </Descriptions.Item>
              <Descriptions.Item label={t('messaging.notBefore')}>
                {formatDateTime(detail.notBefore, tz)}
              </Descriptions.Item>
              {detail.source.type && (
                <Descriptions.Item label={t('messaging.source')}>
                  {detail.source.type} {detail.source.id ?? ''}
                </Descriptions.Item>
              )}
            </Descriptions>
            {detail.deliveries.map((d) => (
              <Card
                key={d.id}
                size="small"
                style={{ marginTop: 12 }}
                title={`${t(`messaging.channel.${d.channel}`)} · ${d.provider ?? ''}`}
                extra={
                  <Tag color={STATUS_COLORS[d.status]}>
                    {t(`messaging.deliveryStatus.${d.status}`)}
                  </Tag>
                }
              >
                {d.subject && <Typography.Text strong>{d.subject}</Typography.Text>}
                {d.body && (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                    {d.body}
                  </Typography.Paragraph>
                )}
                <Typography.Text type="secondary">
                  {d.address} · {t('messaging.attempts')} {d.attempts}
                  {d.reason ? ` · ${reason(d.reason)}` : ''}
                  {d.nextAttemptAt
                    ? ` · ${t('messaging.nextAttempt')} ${formatDateTime(d.nextAttemptAt, tz)}`
                    : ''}
                </Typography.Text>
                {d.error && (
                  <Alert
                    type="error"
                    style={{ marginTop: 8 }}
                    message={`${t('messaging.error')}: ${d.error}`}
                  />
                )}
              </Card>
            ))}
            <Typography.Title level={5} style={{ marginTop: 20 }}>
              {t('messaging.timeline')}
            </Typography.Title>
            <Timeline
              data-testid="message-timeline"
              items={detail.timeline.map((e) => ({
                key: e.id,
                color:
                  e.type === 'failed'
                    ? 'red'
                    : e.type === 'suppressed' || e.type === 'deferred'
                      ? 'orange'
                      : 'blue',
                children: (
                  <>
                    <Typography.Text strong>
                      {t(`messaging.event.${e.type}`, { defaultValue: e.type })}
                    </Typography.Text>
                    {e.channel &&
                      ` · ${t(`messaging.channel.${e.channel}`, { defaultValue: e.channel })}`}
                    {e.reason && ` · ${reason(e.reason)}`}
                    <br />
                    <Typography.Text type="secondary">{formatDateTime(e.at, tz)}</Typography.Text>
                    {typeof e.detail?.error === 'string' && (
                      <Typography.Text type="danger" style={{ display: 'block' }}>
                        {e.detail.error}
                      </Typography.Text>
                    )}
                    {typeof e.detail?.until === 'string' && (
                      <Typography.Text type="secondary" style={{ display: 'block' }}>
                        → {formatDateTime(e.detail.until, tz)}
                      </Typography.Text>
                    )}
                  </>
                ),
              }))}
            />
          </>
        )}
      </Drawer>
    </TableCard>
  );
}
