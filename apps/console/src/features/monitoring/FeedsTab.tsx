// The watched feeds with their health (last fetch, last error, next attempt): add, pause or
// resume, fetch now, stop watching.
import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal, RowActions, TableCard, useAction, useLoad } from '../../kit/index.ts';
import type { DataColumn } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { FEED_KINDS, KIND_COLOR, healthOf, type Feed } from './monitoring.ts';

interface FeedValues {
  name: string;
  kind: Feed['kind'];
  url: string;
}

export function FeedsTab() {
  const { t } = useTranslation();
  const tz = useStaff().tenant.timezone;
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<FeedValues>();
  const action = useAction();
  const { data, loading, error, reload } = useLoad(
    () => unwrap(api.GET('/api/v1/staff/monitoring/feeds')),
    [],
  );

  async function change(f: Feed, call: () => Promise<unknown>, done: string) {
    if ((await action.run(f.id, call, done)) !== undefined) await reload();
  }
  const path = (f: Feed) => ({ params: { path: { feedId: f.id } } });
  const setStatus = (f: Feed, status: 'active' | 'paused') =>
    change(
      f,
      () =>
        unwrap(
          api.PATCH('/api/v1/staff/monitoring/feeds/{feedId}', { ...path(f), body: { status } }),
        ),
      t(status === 'paused' ? 'monitoring.feeds.pausedDone' : 'monitoring.feeds.resumedDone'),
    );

  const columns: DataColumn<Feed>[] = [
    {
      title: t('monitoring.feeds.name'),
      key: 'name',
      render: (_, f) => (
        <Space direction="vertical" size={0}>
          <Space size={4}>
            <Typography.Text strong data-testid="feed-row-name">
              {f.name}
            </Typography.Text>
            <Tag color={KIND_COLOR[f.kind]}>{t(`monitoring.kind.${f.kind}`)}</Tag>
          </Space>
          <Typography.Text type="secondary" copyable ellipsis style={{ maxWidth: 360 }}>
            {f.url}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('monitoring.feeds.health'),
      key: 'health',
      width: 300,
      render: (_, f) => {
        const h = healthOf(f);
        return (
          <Space direction="vertical" size={0} data-testid={`feed-health-${f.id}`}>
            <Space size={4}>
              <Tag color={h.color}>{t(`monitoring.health.${h.key}`)}</Tag>
              {f.lastResult && f.lastResult !== 'ok' && f.lastResult !== 'not_modified' && (
                <Tooltip title={f.lastError}>
                  <Tag color="error">
                    {t(`monitoring.result.${f.lastResult}`)}
                    {f.lastHttpStatus ? ` ${f.lastHttpStatus}` : ''}
                  </Tag>
                </Tooltip>
              )}
              {f.consecutiveFailures > 1 && (
                <Typography.Text type="danger">
                  {t('monitoring.feeds.failures', { count: f.consecutiveFailures })}
                </Typography.Text>
              )}
            </Space>
            <Typography.Text type="secondary">
              {t('monitoring.feeds.lastFetch')}: {formatDateTime(f.lastFetchAt, tz) || '—'}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('monitoring.feeds.nextFetch')}: {formatDateTime(f.nextFetchAt, tz) || '—'}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('monitoring.feeds.items'),
      dataIndex: 'itemCount',
      key: 'itemCount',
      width: 90,
    },
    {
      title: t('monitoring.actions'),
      key: 'actions',
      width: 220,
      render: (_, f) => (
        <RowActions
          actions={[
            f.status === 'active'
              ? { label: t('monitoring.feeds.pause'), onClick: () => void setStatus(f, 'paused') }
              : { label: t('monitoring.feeds.resume'), onClick: () => void setStatus(f, 'active') },
            ...(f.status === 'active'
              ? [
                  {
                    label: t('monitoring.feeds.fetchNow'),
                    onClick: () =>
                      void change(
                        f,
                        () =>
                          unwrap(
                            api.POST('/api/v1/staff/monitoring/feeds/{feedId}/fetch', path(f)),
                          ),
                        t('monitoring.feeds.fetchQueued'),
                      ),
                  },
                ]
              : []),
            {
              label: t('monitoring.delete'),
              confirm: t('monitoring.feeds.deleteConfirm'),
              danger: true,
              onClick: () =>
                void change(
                  f,
                  () => unwrap(api.DELETE('/api/v1/staff/monitoring/feeds/{feedId}', path(f))),
                  t('monitoring.deleted'),
                ),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <TableCard<Feed>
      title={t('monitoring.tabs.feeds')}
      extra={<Button icon={<ReloadOutlined />} onClick={() => void reload()} />}
      add={{ label: t('monitoring.feeds.add'), onClick: () => setAdding(true), testId: 'feed-add' }}
      error={error}
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      scroll={{ x: 900 }}
    >
      <FormModal
        open={adding}
        title={t('monitoring.feeds.add')}
        form={form}
        fields={['name', 'kind', 'url']}
        onSubmit={(body: FeedValues) =>
          unwrap(api.POST('/api/v1/staff/monitoring/feeds', { body }))
        }
        onDone={() => {
          setAdding(false);
          void reload();
        }}
        onClose={() => setAdding(false)}
        values={{ kind: 'competitor' }}
        okTestId="feed-save"
      >
        <Form.Item
          name="name"
          label={t('monitoring.feeds.name')}
          rules={[{ required: true, max: 60 }]}
        >
          <Input data-testid="feed-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('monitoring.feeds.kind')} rules={[{ required: true }]}>
          <Select
            options={FEED_KINDS.map((k) => ({ value: k, label: t(`monitoring.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('monitoring.feeds.url')}
          rules={[{ required: true, max: 2000 }]}
          extra={t('monitoring.feeds.urlHelp')}
        >
          <Input placeholder="https://example.com/feed.xml" data-testid="feed-url" />
        </Form.Item>
      </FormModal>
    </TableCard>
  );
}
