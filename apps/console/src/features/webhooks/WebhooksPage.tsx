import { useState } from 'react';
import { Alert, Button, Flex, Modal, Result, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { RowActions, TableCard, useAction, useLoad } from '../../kit/index.ts';
import type { Webhook } from './webhooks.ts';
import { WebhookCreateModal } from './WebhookCreateModal.tsx';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { formatDateTime } from '../../kit/format.ts';

/** 集成 · Webhooks: subscriptions to events, the secret shown once, delivery log with replay. */
export default function WebhooksPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = staff.role === 'owner';
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const action = useAction();
  const { data, loading, error, reload } = useLoad(
    () => unwrap(api.GET('/api/v1/staff/webhooks')),
    [],
    { enabled: allowed },
  );

  if (!allowed) return <Result status="403" title={t('webhooks.forbidden')} />;

  /** Runs a change on one webhook, then reads the list again. */
  async function change<R>(w: Webhook, call: () => Promise<R>, done?: string) {
    const result = await action.run(w.id, call, done);
    if (result !== undefined) await reload();
    return result;
  }
  const path = (w: Webhook) => ({ params: { path: { id: w.id } } });
  const setEnabled = (w: Webhook, enabled: boolean) =>
    change(
      w,
      () => unwrap(api.PATCH('/api/v1/staff/webhooks/{id}', { ...path(w), body: { enabled } })),
      enabled ? t('webhooks.enabledDone') : t('webhooks.disabledDone'),
    );
  const rotate = async (w: Webhook) => {
    const r = await change(w, () =>
      unwrap(api.POST('/api/v1/staff/webhooks/{id}/rotate-secret', path(w))),
    );
    if (r) setSecret(r.secret);
  };
  const remove = (w: Webhook) =>
    change(
      w,
      () => unwrap(api.DELETE('/api/v1/staff/webhooks/{id}', path(w))),
      t('webhooks.deleted'),
    );

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
        <RowActions
          actions={[
            { label: t('webhooks.deliveries'), onClick: () => setLogOf(w) },
            {
              label: t('webhooks.rotate'),
              confirm: t('webhooks.rotateConfirm'),
              onClick: () => void rotate(w),
            },
            {
              label: t('webhooks.delete'),
              confirm: t('webhooks.deleteConfirm'),
              danger: true,
              onClick: () => void remove(w),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <TableCard<Webhook>
      title={t('webhooks.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={() => void reload()} />}
      add={{
        label: t('webhooks.create'),
        onClick: () => setCreating(true),
        testId: 'webhook-create',
      }}
      header={<Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>}
      error={error}
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      scroll={{ x: 900 }}
    >
      <WebhookCreateModal
        open={creating}
        eventTypes={data?.eventTypes ?? []}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false);
          setSecret(s);
          void reload();
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
      <WebhookDeliveries webhook={logOf} onClose={() => setLogOf(null)} />
    </TableCard>
  );
}
