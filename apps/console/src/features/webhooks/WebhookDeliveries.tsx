// A webhook's delivery log (a drawer): each delivery's status, response and attempts, its
// details, and replaying one.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Modal, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  ConfirmButton,
  DataTable,
  dateTimeColumn,
  ErrorAlert,
  LoadMore,
  useAction,
  usePagedLoad,
} from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import {
  DELIVERY_STATUS_COLOR,
  type Delivery,
  type DeliveryDetail,
  type Webhook,
} from './webhooks.ts';

/** One delivery: its event, status and body, and each attempt's request and answer. */
function DeliveryDetailModal({
  detail,
  timeZone,
  onClose,
}: {
  detail: DeliveryDetail | null;
  timeZone: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={detail !== null}
      onCancel={onClose}
      footer={null}
      width={800}
      title={detail?.eventType}
    >
      {detail && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('webhooks.eventId')} span={2}>
              <Typography.Text code copyable>
                {detail.eventId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('webhooks.status')}>
              {t(`webhooks.deliveryStatus.${detail.status}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('webhooks.attemptsLabel')}>
              {detail.attempts}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('webhooks.body')}
          </Typography.Title>
          <pre style={{ maxHeight: 200, overflow: 'auto', fontSize: 12 }}>
            {JSON.stringify(JSON.parse(detail.body), null, 2)}
          </pre>
          <Typography.Title level={5}>{t('webhooks.attemptLog')}</Typography.Title>
          {detail.attemptLog.map((a) => (
            <Card key={a.attempt} size="small" style={{ marginBottom: 8 }}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <span>
                  #{a.attempt} · {formatDateTime(a.at, timeZone)} · {a.responseStatus ?? '—'} ·{' '}
                  {a.durationMs} ms
                </span>
                {a.error && <Typography.Text type="danger">{a.error}</Typography.Text>}
                <pre style={{ fontSize: 12, margin: 0, whiteSpace: 'pre-wrap' }}>
                  {`POST ${a.request.url}\n`}
                  {Object.entries(a.request.headers)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join('\n')}
                </pre>
                {a.responseBody && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.responseBody}
                  </Typography.Text>
                )}
              </Space>
            </Card>
          ))}
        </>
      )}
    </Modal>
  );
}

export function WebhookDeliveries(props: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const tz = staff.tenant.timezone;
  const id = props.webhook?.id ?? null;
  const [detail, setDetail] = useState<DeliveryDetail | null>(null);
  const action = useAction();
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/webhooks/{id}/deliveries', {
          params: { path: { id: id! }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [id],
    { enabled: id !== null },
  );

  const path = (d: Delivery) => ({ params: { path: { id: id!, deliveryId: d.id } } });
  const open = async (d: Delivery) => {
    const found = await action.run(d.id, () =>
      unwrap(api.GET('/api/v1/staff/webhooks/{id}/deliveries/{deliveryId}', path(d))),
    );
    if (found) setDetail(found);
  };
  const replay = async (d: Delivery) => {
    const done = await action.run(
      d.id,
      () => unwrap(api.POST('/api/v1/staff/webhooks/{id}/deliveries/{deliveryId}/replay', path(d))),
      t('webhooks.replayed'),
    );
    if (done !== undefined) await list.reload();
  };

  const columns: TableColumnsType<Delivery> = [
    dateTimeColumn(t('webhooks.time'), (d) => d.createdAt, tz, 160),
    {
      title: t('webhooks.event'),
      key: 'event',
      render: (_, d) => (
        <Space direction="vertical" size={0}>
          <Typography.Text code>{d.eventType}</Typography.Text>
          {d.replayOf && <Tag>{t('webhooks.replay')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('webhooks.status'),
      key: 'status',
      width: 120,
      render: (_, d) => (
        <Tag color={DELIVERY_STATUS_COLOR[d.status]}>
          {t(`webhooks.deliveryStatus.${d.status}`)}
        </Tag>
      ),
    },
    {
      title: t('webhooks.response'),
      key: 'response',
      width: 170,
      render: (_, d) => (
        <Space direction="vertical" size={0}>
          <span>
            {d.responseStatus ?? '—'}
            {d.durationMs !== null && ` · ${d.durationMs} ms`}
          </span>
          <Typography.Text type="secondary">
            {t('webhooks.attempts', { count: d.attempts })}
          </Typography.Text>
          {d.nextAttemptAt && (
            <Typography.Text type="secondary">
              {t('webhooks.nextAttempt')}: {formatDateTime(d.nextAttemptAt, tz)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('webhooks.actions'),
      key: 'actions',
      width: 170,
      render: (_, d) => (
        <Space>
          <Button size="small" onClick={() => void open(d)}>
            {t('webhooks.details')}
          </Button>
          <ConfirmButton
            size="small"
            confirm={t('webhooks.replayConfirm')}
            onConfirm={() => void replay(d)}
            disabled={props.webhook?.status !== 'enabled'}
          >
            {t('webhooks.replay')}
          </ConfirmButton>
        </Space>
      ),
    },
  ];

  return (
    <Drawer
      open={props.webhook !== null}
      onClose={props.onClose}
      width={900}
      title={t('webhooks.logTitle', { url: props.webhook?.url ?? '' })}
      extra={<Button icon={<ReloadOutlined />} onClick={() => void list.reload()} />}
    >
      {props.webhook?.status === 'disabled' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            props.webhook.disabledReason === 'failing'
              ? t('webhooks.disabledFailingHelp')
              : t('webhooks.disabledHelp')
          }
        />
      )}
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <DataTable
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.items}
        locale={{ emptyText: t('webhooks.noDeliveries') }}
      />
      <LoadMore list={list} label={t('webhooks.more')} />
      <DeliveryDetailModal detail={detail} timeZone={tz} onClose={() => setDetail(null)} />
    </Drawer>
  );
}
