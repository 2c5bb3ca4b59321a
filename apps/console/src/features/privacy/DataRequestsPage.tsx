// 个人信息请求: customers' requests for a copy, a correction or deletion of their data, open ones
// by deadline first; staff answer each (deletion = erasure) and the owner sets the deadline.
import { useState } from 'react';
import { App, Button, Flex, InputNumber, Result, Segmented, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  LoadMore,
  RowActions,
  TableCard,
  useAction,
  useLoad,
  usePagedLoad,
} from '../../kit/index.ts';
import { DataRequestActionModal } from './DataRequestActionModal.tsx';
import type { DataRequest, RequestAction } from './dataRequests.ts';
import { EMPTY, formatDateTime } from '../../kit/format.ts';

type StatusFilter = 'open' | 'completed' | 'rejected' | 'all';
type Action = RequestAction | null;

export function canHandleDataRequests(role: string): boolean {
  return role === 'owner' || role === 'manager';
}

function Deadline({ r }: { r: DataRequest }) {
  const { t } = useTranslation();
  if (r.status !== 'open') return <span>{r.dueOn}</span>;
  const left = r.daysLeft ?? 0;
  return (
    <Flex vertical gap={2}>
      <span>{r.dueOn}</span>
      <Tag color={r.overdue ? 'red' : left <= 3 ? 'orange' : 'blue'} data-testid="request-deadline">
        {r.overdue ? t('privacy.overdue', { days: -left }) : t('privacy.daysLeft', { days: left })}
      </Tag>
    </Flex>
  );
}

function DeadlineSetting({ owner }: { owner: boolean }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<number | null>(null);
  const action = useAction();
  const loaded = useLoad(() => unwrap(api.GET('/api/v1/staff/privacy/settings')), []);
  const shown = days ?? loaded.data?.deadlineWorkingDays ?? null;
  const save = async () => {
    if (!shown) return;
    const s = await action.run(
      'save',
      () =>
        unwrap(api.PUT('/api/v1/staff/privacy/settings', { body: { deadlineWorkingDays: shown } })),
      t('privacy.saved'),
    );
    if (s) setDays(s.deadlineWorkingDays);
  };
  return (
    <Space>
      <span>{t('privacy.deadline')}</span>
      <InputNumber
        min={1}
        max={60}
        value={shown}
        disabled={!owner}
        onChange={(v) => setDays(v)}
        addonAfter={t('privacy.workingDays')}
        style={{ width: 150 }}
        data-testid="privacy-deadline"
      />
      {owner && (
        <Button onClick={() => void save()} loading={action.busy !== null}>
          {t('privacy.save')}
        </Button>
      )}
    </Space>
  );
}

export default function DataRequestsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = canHandleDataRequests(staff.role);
  const [status, setStatus] = useState<StatusFilter>('open');
  const [action, setAction] = useState<Action>(null);
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/data-requests', {
          params: {
            query: {
              limit: 50,
              ...(status !== 'all' ? { status } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [status],
    { enabled: allowed },
  );

  if (!allowed) return <Result status="403" title={t('privacy.forbidden')} />;

  const open = (kind: 'complete' | 'reject' | 'erase', request: DataRequest) =>
    setAction({ kind, request });

  const columns: TableColumnsType<DataRequest> = [
    {
      title: t('privacy.customer'),
      key: 'customer',
      render: (_, r) =>
        r.customer.erased ? (
          <Tag>{t('privacy.erased')}</Tag>
        ) : (
          <Link to={`/customers/${r.customerId}`}>
            {r.customer.name ?? r.customer.memberNo}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.customer.phoneMasked}
            </Typography.Text>
          </Link>
        ),
    },
    {
      title: t('privacy.kind'),
      key: 'kind',
      width: 110,
      render: (_, r) => <Tag data-testid="request-kind">{t(`privacy.kinds.${r.kind}`)}</Tag>,
    },
    {
      title: t('privacy.message'),
      key: 'message',
      render: (_, r) => r.message ?? EMPTY,
    },
    {
      title: t('privacy.requestedAt'),
      key: 'requestedAt',
      width: 170,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <span>{formatDateTime(r.requestedAt, staff.tenant.timezone)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`privacy.channel.${r.channel}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('privacy.dueOn'), key: 'due', width: 140, render: (_, r) => <Deadline r={r} /> },
    {
      title: t('privacy.status'),
      key: 'status',
      width: 160,
      render: (_, r) =>
        r.status === 'open' ? (
          <Tag color="processing">{t('privacy.statuses.open')}</Tag>
        ) : (
          <Flex vertical gap={2}>
            <Tag color={r.status === 'completed' ? 'success' : 'default'}>
              {t(`privacy.statuses.${r.status}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                r.handledBy,
                r.resolution === 'self_service' ? t('privacy.selfService') : r.resolution,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: t('privacy.actions'),
      key: 'actions',
      width: 220,
      render: (_, r) =>
        r.status !== 'open' ? null : (
          <Space wrap size={4}>
            {r.kind === 'export' && (
              <Button
                size="small"
                href={`/api/v1/staff/customers/${r.customerId}/data-export`}
                data-testid="request-export"
              >
                {t('privacy.downloadCopy')}
              </Button>
            )}
            <RowActions
              actions={[
                {
                  label: t('privacy.erase'),
                  onClick: () => open('erase', r),
                  danger: true,
                  hidden: r.kind !== 'deletion',
                  testId: 'request-erase',
                },
                {
                  label: t('privacy.complete'),
                  onClick: () => open('complete', r),
                  primary: true,
                  hidden: r.kind === 'deletion',
                },
                { label: t('privacy.reject'), onClick: () => open('reject', r) },
              ]}
            />
          </Space>
        ),
    },
  ];

  return (
    <TableCard<DataRequest>
      title={t('privacy.title')}
      cardTestId="data-requests"
      extra={<DeadlineSetting owner={staff.role === 'owner'} />}
      header={
        <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 16 }}>
          <Segmented<StatusFilter>
            value={status}
            onChange={setStatus}
            options={(['open', 'completed', 'rejected', 'all'] as const).map((s) => ({
              value: s,
              label: t(`privacy.filter.${s}`),
            }))}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.reload()}
            loading={list.loading}
          >
            {t('privacy.refresh')}
          </Button>
        </Flex>
      }
      error={list.error}
      size="small"
      columns={columns}
      dataSource={list.items}
      loading={list.loading && list.items.length === 0}
      scroll={{ x: 1000 }}
    >
      <LoadMore list={list} label={t('privacy.more')} />
      <DataRequestActionModal
        action={action}
        onClose={() => setAction(null)}
        onDone={(kind) => {
          message.success(t(`privacy.done.${kind}`));
          setAction(null);
          void list.reload();
        }}
      />
    </TableCard>
  );
}
