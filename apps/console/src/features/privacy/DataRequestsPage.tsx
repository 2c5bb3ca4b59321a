// 个人信息请求: customers' requests for a copy, a correction or deletion of their data, open ones
// by deadline first; staff answer each (deletion = erasure) and the owner sets the deadline.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Modal,
  Result,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { Link } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import { EMPTY, formatDateTime } from '../../kit/format.ts';

type RequestPage = Json<paths['/api/v1/staff/data-requests']['get']>;
type DataRequest = RequestPage['items'][number];
type StatusFilter = 'open' | 'completed' | 'rejected' | 'all';
type Action = { kind: 'complete' | 'reject' | 'erase'; request: DataRequest } | null;

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
  const { message } = App.useApp();
  const [days, setDays] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    void unwrap(api.GET('/api/v1/staff/privacy/settings')).then(
      (s) => setDays(s.deadlineWorkingDays),
      () => undefined,
    );
  }, []);
  const save = async () => {
    if (!days) return;
    setSaving(true);
    try {
      const s = await unwrap(
        api.PUT('/api/v1/staff/privacy/settings', { body: { deadlineWorkingDays: days } }),
      );
      setDays(s.deadlineWorkingDays);
      message.success(t('privacy.saved'));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space>
      <span>{t('privacy.deadline')}</span>
      <InputNumber
        min={1}
        max={60}
        value={days}
        disabled={!owner}
        onChange={(v) => setDays(v)}
        addonAfter={t('privacy.workingDays')}
        style={{ width: 150 }}
        data-testid="privacy-deadline"
      />
      {owner && (
        <Button onClick={() => void save()} loading={saving}>
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
  const [items, setItems] = useState<DataRequest[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [resolution, setResolution] = useState('');
  const [confirmText, setConfirmText] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await unwrap(
          api.GET('/api/v1/staff/data-requests', {
            params: {
              query: {
                limit: 50,
                ...(status !== 'all' ? { status } : {}),
                ...(after ? { cursor: after } : {}),
              },
            },
          }),
        );
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (err) {
        setError(errorText(err, t));
      } finally {
        setLoading(false);
      }
    },
    [status, t],
  );

  useEffect(() => {
    if (allowed) void load(null);
  }, [allowed, load]);

  if (!allowed) return <Result status="403" title={t('privacy.forbidden')} />;

  const open = (kind: 'complete' | 'reject' | 'erase', request: DataRequest) => {
    setResolution('');
    setConfirmText('');
    setAction({ kind, request });
  };

  const submit = async () => {
    if (!action) return;
    const id = action.request.id;
    setBusy(true);
    try {
      if (action.kind === 'reject')
        await unwrap(
          api.POST('/api/v1/staff/data-requests/{requestId}/reject', {
            params: { path: { requestId: id } },
            body: { resolution },
          }),
        );
      else
        await unwrap(
          api.POST(
            action.kind === 'erase'
              ? '/api/v1/staff/data-requests/{requestId}/erase'
              : '/api/v1/staff/data-requests/{requestId}/complete',
            { params: { path: { requestId: id } }, body: { resolution: resolution || null } },
          ),
        );
      message.success(t(`privacy.done.${action.kind}`));
      setAction(null);
      await load(null);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

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
            {r.kind === 'deletion' ? (
              <Button
                size="small"
                danger
                onClick={() => open('erase', r)}
                data-testid="request-erase"
              >
                {t('privacy.erase')}
              </Button>
            ) : (
              <Button size="small" type="primary" onClick={() => open('complete', r)}>
                {t('privacy.complete')}
              </Button>
            )}
            <Button size="small" onClick={() => open('reject', r)}>
              {t('privacy.reject')}
            </Button>
          </Space>
        ),
    },
  ];

  const eraseWord = t('privacy.eraseWord');
  return (
    <Card
      title={t('privacy.title')}
      data-testid="data-requests"
      extra={<DeadlineSetting owner={staff.role === 'owner'} />}
    >
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={(['open', 'completed', 'rejected', 'all'] as const).map((s) => ({
            value: s,
            label: t(`privacy.filter.${s}`),
          }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load(null)} loading={loading}>
          {t('privacy.refresh')}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<DataRequest>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading && items.length === 0}
        pagination={false}
        scroll={{ x: 1000 }}
      />
      {cursor && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void load(cursor)} loading={loading}>
            {t('privacy.more')}
          </Button>
        </Flex>
      )}
      <Modal
        open={!!action}
        title={action ? t(`privacy.confirm.${action.kind}`) : ''}
        onCancel={() => setAction(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okButtonProps={{
          danger: action?.kind === 'erase',
          disabled:
            (action?.kind === 'reject' && !resolution.trim()) ||
            (action?.kind === 'erase' && confirmText.trim() !== eraseWord),
        }}
        okText={action ? t(`privacy.${action.kind}`) : ''}
        destroyOnHidden
      >
        {action?.kind === 'erase' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('privacy.eraseWarning')}
          />
        )}
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={t(action?.kind === 'reject' ? 'privacy.reasonRequired' : 'privacy.note')}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
        />
        {action?.kind === 'erase' && (
          <Input
            style={{ marginTop: 12 }}
            placeholder={t('privacy.typeToConfirm', { word: eraseWord })}
            value={confirmText}
            onChange={(e) => setConfirmText(e.target.value)}
            data-testid="erase-confirm"
          />
        )}
      </Modal>
    </Card>
  );
}
