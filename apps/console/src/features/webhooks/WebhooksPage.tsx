import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { api, unwrap, useStaff } from '../../api.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import { formatDateTime } from '../../kit/format.ts';

type WebhookList = Json<paths['/api/v1/staff/webhooks']['get']>;
type Webhook = WebhookList['items'][number];
type DeliveryPage = Json<paths['/api/v1/staff/webhooks/{id}/deliveries']['get']>;
type Delivery = DeliveryPage['items'][number];
type DeliveryDetail = Json<paths['/api/v1/staff/webhooks/{id}/deliveries/{deliveryId}']['get']>;

const STATUS_COLOR: Record<Delivery['status'], string> = {
  pending: 'processing',
  succeeded: 'success',
  failed: 'error',
};

/** 集成 · Webhooks: subscriptions to events, the secret shown once, delivery log with replay. */
export default function WebhooksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = staff.role === 'owner';
  const [data, setData] = useState<WebhookList | null>(null);
  const [loading, setLoading] = useState(allowed);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setData(await unwrap(api.GET('/api/v1/staff/webhooks')));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setLoading(false);
    }
  }, [t]);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  if (!allowed) return <Result status="403" title={t('webhooks.forbidden')} />;

  const setEnabled = async (w: Webhook, enabled: boolean) => {
    try {
      await unwrap(
        api.PATCH('/api/v1/staff/webhooks/{id}', {
          params: { path: { id: w.id } },
          body: { enabled },
        }),
      );
      message.success(enabled ? t('webhooks.enabledDone') : t('webhooks.disabledDone'));
      await load();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const rotate = async (w: Webhook) => {
    try {
      const r = await unwrap(
        api.POST('/api/v1/staff/webhooks/{id}/rotate-secret', { params: { path: { id: w.id } } }),
      );
      setSecret(r.secret);
      await load();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const remove = async (w: Webhook) => {
    try {
      await unwrap(api.DELETE('/api/v1/staff/webhooks/{id}', { params: { path: { id: w.id } } }));
      message.success(t('webhooks.deleted'));
      await load();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('webhooks.url'),
      key: 'url',
      render: (_, w) => (
        <Space direction="vertical" size={0}>
          <Typography.Text code copyable>
            {w.url}
          </Typography.Text>
          {w.description && <Typography.Text type="secondary">{w.description}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('webhooks.events'),
      key: 'events',
      render: (_, w) => (
        <Flex wrap gap={4}>
          {w.eventTypes.map((e) => (
            <Tag key={e}>{e}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('webhooks.status'),
      key: 'status',
      width: 200,
      render: (_, w) => (
        <Space direction="vertical" size={2}>
          <Switch
            checked={w.status === 'enabled'}
            onChange={(on) => void setEnabled(w, on)}
            checkedChildren={t('webhooks.on')}
            unCheckedChildren={t('webhooks.off')}
            data-testid={`webhook-switch-${w.id}`}
          />
          {w.disabledReason === 'failing' && (
            <Tag color="error">{t('webhooks.disabledFailing')}</Tag>
          )}
          {w.status === 'enabled' && w.consecutiveFailures > 0 && (
            <Tag color="warning">
              {t('webhooks.failingCount', { count: w.consecutiveFailures })}
            </Tag>
          )}
          {w.lastSuccessAt && (
            <Typography.Text type="secondary">
              {t('webhooks.lastSuccess')}: {formatDateTime(w.lastSuccessAt, staff.tenant.timezone)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('webhooks.actions'),
      key: 'actions',
      width: 260,
      render: (_, w) => (
        <Space wrap>
          <Button size="small" onClick={() => setLogOf(w)}>
            {t('webhooks.deliveries')}
          </Button>
          <Popconfirm title={t('webhooks.rotateConfirm')} onConfirm={() => void rotate(w)}>
            <Button size="small">{t('webhooks.rotate')}</Button>
          </Popconfirm>
          <Popconfirm title={t('webhooks.deleteConfirm')} onConfirm={() => void remove(w)}>
            <Button size="small" danger>
              {t('webhooks.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('webhooks.title')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="webhook-create"
          >
            {t('webhooks.create')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>
      {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} />}
      <Table
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
      />
      <CreateModal
        open={creating}
        eventTypes={data?.eventTypes ?? []}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false);
          setSecret(s);
          void load();
        }}
      />
      <Modal
        open={secret !== null}
        title={t('webhooks.secretTitle')}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('webhooks.secretSaved')}
        maskClosable={false}
      >
        <Alert type="warning" showIcon message={t('webhooks.secretOnce')} />
        <Typography.Paragraph
          code
          copyable
          style={{ marginTop: 16, wordBreak: 'break-all' }}
          data-testid="webhook-secret"
        >
          {secret}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('webhooks.signatureHelp')}</Typography.Paragraph>
      </Modal>
      <DeliveryLog webhook={logOf} onClose={() => setLogOf(null)} />
    </Card>
  );
}

function CreateModal(props: {
  open: boolean;
  eventTypes: string[];
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ url: string; description?: string; eventTypes: string[] }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const created = await unwrap(
        api.POST('/api/v1/staff/webhooks', {
          body: {
            url: values.url,
            description: values.description || null,
            eventTypes: values.eventTypes as never,
          },
        }),
      );
      form.resetFields();
      props.onCreated(created.secret);
    } catch (err) {
      if (!showFieldError(form, err, ['url', 'eventTypes'])) message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('webhooks.create')}
      onCancel={props.onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('webhooks.createOk')}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ eventTypes: [] }}>
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          rules={[{ required: true, message: t('webhooks.urlRequired') }]}
          extra={t('webhooks.urlHelp')}
        >
          <Input placeholder="https://example.com/liuke/events" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('webhooks.events')}
          rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.eventsRequired') }]}
        >
          <Checkbox.Group style={{ width: '100%' }}>
            <Flex wrap gap={8}>
              {props.eventTypes.map((e) => (
                <Checkbox key={e} value={e} style={{ width: 260, marginInlineStart: 0 }}>
                  <Typography.Text code>{e}</Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeliveryLog(props: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const tz = staff.tenant.timezone;
  const id = props.webhook?.id ?? null;
  const [items, setItems] = useState<Delivery[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [detail, setDetail] = useState<DeliveryDetail | null>(null);

  const load = useCallback(
    async (after?: string) => {
      if (!id) return;
      setLoading(true);
      try {
        const page = await unwrap(
          api.GET('/api/v1/staff/webhooks/{id}/deliveries', {
            params: { path: { id }, query: { limit: 50, ...(after ? { cursor: after } : {}) } },
          }),
        );
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        message.error(errorText(err, t));
      } finally {
        setLoading(false);
      }
    },
    [id, message, t],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    void load();
  }, [load]);

  const open = async (d: Delivery) => {
    if (!id) return;
    try {
      setDetail(
        await unwrap(
          api.GET('/api/v1/staff/webhooks/{id}/deliveries/{deliveryId}', {
            params: { path: { id, deliveryId: d.id } },
          }),
        ),
      );
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const replay = async (d: Delivery) => {
    if (!id) return;
    try {
      await unwrap(
        api.POST('/api/v1/staff/webhooks/{id}/deliveries/{deliveryId}/replay', {
          params: { path: { id, deliveryId: d.id } },
        }),
      );
      message.success(t('webhooks.replayed'));
      await load();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<Delivery> = [
    {
      title: t('webhooks.time'),
      key: 'time',
      width: 160,
      render: (_, d) => formatDateTime(d.createdAt, tz),
    },
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
        <Tag color={STATUS_COLOR[d.status]}>{t(`webhooks.deliveryStatus.${d.status}`)}</Tag>
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
          <Popconfirm title={t('webhooks.replayConfirm')} onConfirm={() => void replay(d)}>
            <Button size="small" disabled={props.webhook?.status !== 'enabled'}>
              {t('webhooks.replay')}
            </Button>
          </Popconfirm>
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
      extra={<Button icon={<ReloadOutlined />} onClick={() => void load()} />}
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
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('webhooks.noDeliveries') }}
      />
      {cursor && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void load(cursor)}>{t('webhooks.more')}</Button>
        </Flex>
      )}
      <Modal
        open={detail !== null}
        onCancel={() => setDetail(null)}
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
                    #{a.attempt} · {formatDateTime(a.at, tz)} · {a.responseStatus ?? '—'} ·{' '}
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
    </Drawer>
  );
}
