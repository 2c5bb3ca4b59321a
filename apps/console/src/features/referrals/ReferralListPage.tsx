// 推荐记录: every referral with its status, fraud flags (reasons on the tag) and rewards; a
// manager approves or rejects a flagged one with a note (the decision is logged server-side).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Flex, Input, Result, Segmented, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { DataTable, ErrorAlert, LoadMore, usePagedLoad } from '../../kit/index.ts';
import { ReviewModal } from './ReferralReviewModal.tsx';
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

export default function ReferralListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = canReadReferrals(staff);
  const manage = canManageReferrals(staff);
  const [status, setStatus] = useState<ReferralStatus | 'all'>('all');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [reviewing, setReviewing] = useState<Referral | null>(null);
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/referrals', {
          params: {
            query: {
              limit: PAGE,
              ...(status !== 'all' ? { status } : {}),
              ...(query ? { q: query } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [status, query],
    { enabled: allowed },
  );
  // The search applies on Enter (or the button), not on every key stroke.
  const search = () => (q.trim() === query ? void list.reload() : setQuery(q.trim()));

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
          onClick={() => void list.reload()}
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
          onSearch={search}
          placeholder={t('referrals.list.search')}
          data-testid="referral-search"
        />
      </Flex>
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <DataTable<Referral>
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.items}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('referrals.list.empty') }}
        onRow={(r) =>
          ({ 'data-testid': 'referral-row', 'data-status': r.status, 'data-id': r.id }) as object
        }
      />
      <LoadMore list={list} />
      <ReviewModal
        referral={reviewing}
        onClose={() => setReviewing(null)}
        onDone={(saved) => {
          setReviewing(null);
          list.setItems((prev) => prev.map((r) => (r.id === saved.id ? saved : r)));
          message.success(t('referrals.review.saved'));
        }}
      />
    </Card>
  );
}
