// 推荐记录: every referral with its status, fraud flags (reasons on the tag) and rewards; a
// manager approves or rejects a flagged one with a note (the decision is logged server-side).
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Modal,
  Radio,
  Result,
  Segmented,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import { EMPTY, formatDateTime, formatFen } from '../../kit/format.ts';
import {
  REFERRAL_STATUSES,
  ReferralFlags,
  ReferralStatusTag,
  RewardLines,
  canManageReferrals,
  canReadReferrals,
  type Referral,
  type ReferralStatus,
} from './ReferralCommon.tsx';

const PAGE = 50;

function ReviewModal({
  referral,
  onClose,
  onDone,
}: {
  referral: Referral | null;
  onClose(): void;
  onDone(r: Referral): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setDecision('approve');
    setNote('');
    setError(null);
  }, [referral]);

  async function submit() {
    if (!referral || !note.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await unwrap(
        api.POST('/api/v1/staff/referrals/{referralId}/review', {
          params: { path: { referralId: referral.id } },
          body: { decision, note: note.trim() },
        }),
      );
      onDone(saved);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={referral !== null}
      title={t('referrals.review.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('referrals.review.submit')}
      okButtonProps={{
        loading: busy,
        disabled: !note.trim(),
        danger: decision === 'reject',
        'data-testid': 'review-submit',
      }}
      destroyOnHidden
    >
      {referral && (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'referrer',
                label: t('referrals.referrer'),
                children: referral.referrerName ?? t('customer.unnamed'),
              },
              {
                key: 'referee',
                label: t('referrals.referee'),
                children: referral.refereeName ?? t('customer.unnamed'),
              },
              {
                key: 'created',
                label: t('referrals.createdAt'),
                children: formatDateTime(referral.createdAt, staff.tenant.timezone),
              },
              {
                key: 'flags',
                label: t('referrals.review.reasons'),
                children: referral.flags.length ? (
                  <ReferralFlags flags={referral.flags} wide />
                ) : (
                  EMPTY
                ),
              },
            ]}
          />
          <Radio.Group
            value={decision}
            onChange={(e) => setDecision(e.target.value as 'approve' | 'reject')}
            optionType="button"
            buttonStyle="solid"
            data-testid="review-decision"
            options={[
              { value: 'approve', label: t('referrals.review.approve') },
              { value: 'reject', label: t('referrals.review.reject') },
            ]}
          />
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('referrals.review.notePlaceholder')}
            aria-label={t('referrals.review.note')}
            data-testid="review-note"
          />
          {error && <Alert type="error" showIcon title={error} />}
        </Flex>
      )}
    </Modal>
  );
}

export default function ReferralListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = canReadReferrals(staff);
  const manage = canManageReferrals(staff);
  const [status, setStatus] = useState<ReferralStatus | 'all'>('all');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Referral[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState<Referral | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = await unwrap(
          api.GET('/api/v1/staff/referrals', {
            params: {
              query: {
                limit: PAGE,
                ...(status !== 'all' ? { status } : {}),
                ...(q.trim() ? { q: q.trim() } : {}),
                ...(after ? { cursor: after } : {}),
              },
            },
          }),
        );
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor ?? null);
        setError(null);
      } catch (err) {
        setError(errorText(err, t));
      } finally {
        setLoading(false);
      }
    },
    [status, q, t],
  );

  useEffect(() => {
    if (allowed) void load(null);
    // q is applied on search, not on every key stroke
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, status]);

  if (!allowed) return <Result status="403" title={t('referrals.forbidden')} />;

  const tz = staff.tenant.timezone;
  const columns: TableColumnsType<Referral> = [
    {
      title: t('referrals.referrer'),
      render: (_, r) => (
        <Link to={`/customers/${r.referrerId}`}>{r.referrerName ?? t('customer.unnamed')}</Link>
      ),
    },
    {
      title: t('referrals.referee'),
      render: (_, r) => (
        <Link to={`/customers/${r.refereeId}`}>{r.refereeName ?? t('customer.unnamed')}</Link>
      ),
    },
    {
      title: t('referrals.channel'),
      dataIndex: 'channel',
      render: (c: Referral['channel']) => t(`referrals.channels.${c}`),
    },
    {
      title: t('referrals.statusLabel'),
      render: (_, r) => (
        <Flex vertical gap={4} align="flex-start">
          <ReferralStatusTag status={r.status} />
          <ReferralFlags flags={r.flags} />
        </Flex>
      ),
    },
    {
      title: t('referrals.firstOrder'),
      align: 'right',
      render: (_, r) => (r.qualifyingOrderFen == null ? EMPTY : formatFen(r.qualifyingOrderFen)),
    },
    { title: t('referrals.rewards'), render: (_, r) => <RewardLines referral={r} /> },
    {
      title: t('referrals.decision'),
      render: (_, r) =>
        r.decision ? (
          <Flex vertical>
            <Typography.Text>
              {t(`referrals.decided.${r.decision.decision}`)} · {r.decision.by}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.decision.at, tz)} {r.decision.note}
            </Typography.Text>
          </Flex>
        ) : (
          EMPTY
        ),
    },
    {
      title: t('referrals.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, tz),
    },
    {
      title: '',
      align: 'right',
      render: (_, r) =>
        manage &&
        r.status === 'flagged' && (
          <Button
            size="small"
            type="primary"
            icon={<AuditOutlined />}
            onClick={() => setReviewing(r)}
            data-testid="referral-review"
          >
            {t('referrals.review.action')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('referrals.list.title')}
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void load(null)}
          aria-label={t('common.refresh')}
        />
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<ReferralStatus | 'all'>
          value={status}
          onChange={setStatus}
          data-testid="referral-status-filter"
          options={[
            { value: 'all', label: t('referrals.list.all') },
            ...REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.status.${s}`) })),
          ]}
        />
        <Input.Search
          allowClear
          style={{ maxWidth: 280 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={() => void load(null)}
          placeholder={t('referrals.list.search')}
          data-testid="referral-search"
        />
      </Flex>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Referral>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('referrals.list.empty') }}
        onRow={(r) =>
          ({ 'data-testid': 'referral-row', 'data-status': r.status, 'data-id': r.id }) as object
        }
      />
      {cursor && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={loading} onClick={() => void load(cursor)}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
      <ReviewModal
        referral={reviewing}
        onClose={() => setReviewing(null)}
        onDone={(saved) => {
          setReviewing(null);
          setItems((prev) => prev.map((r) => (r.id === saved.id ? saved : r)));
          message.success(t('referrals.review.saved'));
        }}
      />
    </Card>
  );
}
