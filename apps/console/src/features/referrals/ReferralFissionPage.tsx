// 裂变视图: the headline referral share of revenue and of new customers for a period, the month
// chart per store with its table and CSV, the top referrers (candidate KOLs) and the referral
// tree of a chosen customer.
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { Button, Card, DatePicker, Flex, Result, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApartmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { StatCards } from '../../kit/StatCards.tsx';
import { DataTable, ErrorAlert, useLoad } from '../../kit/index.ts';
import { ReferralTreeCard, type TreeRoot } from './ReferralTreeCard.tsx';
import { ReferralShareCard, byMonth } from './ReferralShareCard.tsx';
import { formatFen, todayIn } from '../../kit/format.ts';
import dayjs from 'dayjs';
import { canReadReferrals, pct, type ReferralShare, type TopReferrer } from './ReferralCommon.tsx';

type Period = [Dayjs, Dayjs];
export default function ReferralFissionPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canReadReferrals(staff);
  const [period, setPeriod] = useState<Period>(() => {
    const month = dayjs(todayIn(staff.tenant.timezone)).startOf('month');
    return [month.subtract(11, 'month'), month];
  });
  const [storeId, setStoreId] = useState<string | 'all'>('all');
  const [treeRoot, setTreeRoot] = useState<TreeRoot | null>(null);

  const from = period[0].format('YYYY-MM');
  const to = period[1].format('YYYY-MM');
  const shareQuery = useMemo(
    () => ({ from, to, ...(storeId !== 'all' ? { storeId } : {}) }),
    [from, to, storeId],
  );

  const {
    data,
    loading,
    error,
    reload: load,
  } = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/staff/referrals/share', { params: { query: shareQuery } })),
        unwrap(
          api.GET('/api/v1/staff/referrals/top', {
            params: {
              query: {
                from: period[0].startOf('month').format('YYYY-MM-DD'),
                to: period[1].endOf('month').format('YYYY-MM-DD'),
                limit: 20,
              },
            },
          }),
        ),
      ]),
    [shareQuery, period],
    { enabled: allowed },
  );
  const share: ReferralShare | null = data?.[0] ?? null;
  const top: TopReferrer[] = useMemo(() => data?.[1].items ?? [], [data]);

  // Open on the biggest tree so the page shows something the first time.
  const firstTop = top[0]?.customerId ?? null;
  useEffect(() => {
    if (firstTop) setTreeRoot((prev) => prev ?? { id: firstTop, picked: null });
  }, [firstTop]);

  const months = useMemo(() => byMonth(share?.rows ?? [], storeId), [share, storeId]);
  const stores = useMemo(() => {
    const seen = new Map<string, string>();
    for (const s of staff.stores) seen.set(s.id, s.name);
    for (const r of share?.rows ?? [])
      if (r.storeId && !seen.has(r.storeId)) seen.set(r.storeId, r.storeName);
    return [...seen.entries()].map(([id, name]) => ({ id, name }));
  }, [staff.stores, share]);

  if (!allowed) return <Result status="403" title={t('referrals.forbidden')} />;

  const topColumns: TableColumnsType<TopReferrer> = [
    {
      title: '#',
      width: 48,
      render: (_, __, i) => i + 1,
    },
    {
      title: t('referrals.fission.referrer'),
      render: (_, r) => (
        <Link to={`/customers/${r.customerId}`}>{r.name ?? t('customer.unnamed')}</Link>
      ),
    },
    { title: t('referrals.fission.direct'), dataIndex: 'direct', align: 'right' },
    { title: t('referrals.fission.total'), dataIndex: 'total', align: 'right' },
    { title: t('referrals.fission.depth'), dataIndex: 'depth', align: 'right' },
    {
      title: t('referrals.fission.subtreeRevenue'),
      dataIndex: 'revenueFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: '',
      align: 'right',
      render: (_, r) => (
        <Button
          size="small"
          type="link"
          icon={<ApartmentOutlined />}
          data-testid="top-referrer-tree"
          onClick={() => {
            setTreeRoot({ id: r.customerId, picked: null });
            document
              .querySelector('[data-testid="referral-tree"]')
              ?.scrollIntoView({ behavior: 'smooth' });
          }}
        >
          {t('referrals.fission.showTree')}
        </Button>
      ),
    },
  ];

  const total = share?.total;
  return (
    <Flex vertical gap={16} data-testid="referral-fission">
      <Flex align="center" justify="space-between" wrap gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('referrals.fission.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            value={period}
            onChange={(v) => {
              if (v?.[0] && v[1]) setPeriod([v[0], v[1]]);
            }}
            data-testid="fission-period"
          />
          <Select
            style={{ minWidth: 160 }}
            value={storeId}
            onChange={setStoreId}
            data-testid="fission-store"
            options={[
              { value: 'all', label: t('referrals.fission.allStores') },
              ...stores.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <Button
            icon={<ReloadOutlined />}
            loading={loading}
            onClick={() => void load()}
            aria-label={t('common.refresh')}
          />
        </Flex>
      </Flex>
      <ErrorAlert error={error} />
      <StatCards
        col={{ xs: 24, md: 12, xl: 6 }}
        cards
        items={[
          {
            title: t('referrals.fission.revenueShare'),
            value: pct(total?.revenueShare),
            valueStyle: { color: '#1677ff' },
            valueTestId: 'headline-revenue-share',
            note: t('referrals.fission.ofRevenue', {
              referred: formatFen(total?.referredRevenueFen),
              all: formatFen(total?.revenueFen),
            }),
          },
          {
            title: t('referrals.fission.newCustomerShare'),
            value: pct(total?.newCustomerShare),
            valueStyle: { color: '#52c41a' },
            valueTestId: 'headline-new-customer-share',
            note: t('referrals.fission.ofNewCustomers', {
              referred: total?.referredNewCustomers ?? 0,
              all: total?.newCustomers ?? 0,
            }),
          },
          {
            title: t('referrals.fission.referredRevenue'),
            value: formatFen(total?.referredRevenueFen),
            note: t('referrals.fission.period', { from, to }),
          },
          {
            title: t('referrals.fission.referredNewCustomers'),
            value: total?.referredNewCustomers ?? 0,
            note: t('referrals.fission.period', { from, to }),
          },
        ]}
      />
      <ReferralShareCard
        share={share}
        months={months}
        loading={loading}
        csvHref={`/api/v1/staff/referrals/share.csv?${new URLSearchParams(shareQuery).toString()}`}
      />
      <Card title={t('referrals.fission.topTitle')}>
        <DataTable<TopReferrer>
          size="small"
          rowKey="customerId"
          loading={loading}
          columns={topColumns}
          dataSource={top}
          locale={{ emptyText: t('referrals.fission.noData') }}
          onRow={() => ({ 'data-testid': 'top-referrer-row' }) as object}
        />
      </Card>
      <ReferralTreeCard root={treeRoot} onPick={setTreeRoot} />
    </Flex>
  );
}
