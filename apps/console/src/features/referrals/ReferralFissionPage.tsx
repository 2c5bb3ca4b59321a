// 裂变视图: the headline referral share of revenue and of new customers for a period, the month
// chart per store with its table and CSV, the top referrers (candidate KOLs) and the referral
// tree of a chosen customer.
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Result,
  Select,
  Spin,
  Table,
  Tree,
  Typography,
} from 'antd';
import type { TableColumnsType, TreeDataNode } from 'antd';
import { ApartmentOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { StatCards } from '../../kit/StatCards.tsx';
import { useLoad } from '../../kit/useLoad.ts';
import { formatDay, formatFen } from '../../kit/format.ts';
import { CustomerPicker } from '../customers/index.ts';
import { tenantToday } from '../partners/index.ts';
import type { CustomerSummary } from '../../types.ts';
import {
  ReferralStatusTag,
  canReadReferrals,
  pct,
  type ReferralNode,
  type ReferralShare,
  type ReferralStatus,
  type ReferralTree,
  type ShareRow,
  type TopReferrer,
} from './ReferralCommon.tsx';

type Period = [Dayjs, Dayjs];
type MonthTotals = Omit<ShareRow, 'storeId' | 'storeName'>;

/** The rows of one store, or all stores summed per month (shares recomputed from the sums). */
function byMonth(rows: ShareRow[], storeId: string | 'all'): MonthTotals[] {
  const months = new Map<string, MonthTotals>();
  for (const r of rows) {
    if (storeId !== 'all' && r.storeId !== storeId) continue;
    const m = months.get(r.month) ?? {
      month: r.month,
      revenueFen: 0,
      referredRevenueFen: 0,
      revenueShare: 0,
      newCustomers: 0,
      referredNewCustomers: 0,
      newCustomerShare: 0,
    };
    m.revenueFen += r.revenueFen;
    m.referredRevenueFen += r.referredRevenueFen;
    m.newCustomers += r.newCustomers;
    m.referredNewCustomers += r.referredNewCustomers;
    months.set(r.month, m);
  }
  return [...months.values()]
    .map((m) => ({
      ...m,
      revenueShare: m.revenueFen > 0 ? m.referredRevenueFen / m.revenueFen : 0,
      newCustomerShare: m.newCustomers > 0 ? m.referredNewCustomers / m.newCustomers : 0,
    }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

function toTreeData(
  node: ReferralNode,
  t: (k: string) => string,
  timeZone: string,
  isRoot = false,
): TreeDataNode {
  return {
    key: node.customerId,
    title: (
      <Flex gap={8} align="center" wrap data-testid="referral-tree-node">
        <Link to={`/customers/${node.customerId}`}>
          <Typography.Text strong={isRoot}>{node.name ?? t('customer.unnamed')}</Typography.Text>
        </Link>
        {!isRoot && node.status && <ReferralStatusTag status={node.status as ReferralStatus} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDay(node.joinedAt, timeZone)} · {t('referrals.fission.revenue')}{' '}
          {formatFen(node.revenueFen)}
          {node.children.length > 0
            ? ` · ${t('referrals.fission.directShort')} ${node.children.length}`
            : ''}
        </Typography.Text>
      </Flex>
    ),
    children: node.children.map((c) => toTreeData(c, t, timeZone)),
  };
}

interface TreeRoot {
  id: string;
  /** Set when chosen in the picker (it shows the whole customer line). */
  picked: CustomerSummary | null;
}

function TreeCard({ root, onPick }: { root: TreeRoot | null; onPick(r: TreeRoot | null): void }) {
  const { t } = useTranslation();
  const timeZone = useStaff().tenant.timezone;
  const rootId = root?.id ?? null;
  const { data, loading, error } = useLoad<ReferralTree>(
    () =>
      unwrap(
        api.GET('/api/v1/staff/referrals/tree', {
          params: { query: { customerId: rootId ?? '' } },
        }),
      ),
    [rootId],
    { enabled: !!rootId },
  );
  const tree = rootId ? (data ?? null) : null;

  const treeData = useMemo(
    () => (tree ? [toTreeData(tree.root, t, timeZone, true)] : []),
    [tree, t, timeZone],
  );
  // A KOL's tree can hold a hundred people: open the first two levels, the rest on a click.
  const openKeys = useMemo(() => {
    if (!tree) return [];
    return [tree.root.customerId, ...tree.root.children.map((c) => c.customerId)];
  }, [tree]);

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <ApartmentOutlined />
          {t('referrals.fission.treeTitle')}
        </Flex>
      }
      data-testid="referral-tree"
    >
      <Flex vertical gap={12}>
        <div style={{ maxWidth: 420 }}>
          <CustomerPicker
            value={root?.picked ?? null}
            onChange={(c) => onPick(c ? { id: c.id, picked: c } : null)}
            testId="referral-tree-customer"
          />
        </div>
        {error && <Alert type="error" showIcon title={error} />}
        {loading && <Spin />}
        {!loading && tree && (
          <>
            <StatCards
              gap={32}
              items={[
                {
                  title: t('referrals.fission.treeSize'),
                  value: tree.size,
                  valueTestId: 'referral-tree-size',
                },
                {
                  title: t('referrals.fission.treeDepth'),
                  value: tree.depth,
                  valueTestId: 'referral-tree-depth',
                },
              ]}
            />
            {tree.root.children.length === 0 ? (
              <Empty description={t('referrals.fission.treeEmpty')} />
            ) : (
              <div style={{ maxHeight: 560, overflow: 'auto' }}>
                <Tree
                  key={tree.root.customerId}
                  treeData={treeData}
                  defaultExpandedKeys={openKeys}
                  selectable={false}
                  showLine
                  blockNode
                />
              </div>
            )}
          </>
        )}
        {!root && (
          <Typography.Text type="secondary">{t('referrals.fission.treeHint')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

export default function ReferralFissionPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canReadReferrals(staff);
  const [period, setPeriod] = useState<Period>(() => {
    const month = tenantToday(staff.tenant.timezone).startOf('month');
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

  const yuan = (fen: number) => Math.round(fen) / 100;
  const chartOption = {
    tooltip: { trigger: 'axis' },
    legend: {
      top: 0,
      data: [
        t('referrals.fission.revenue'),
        t('referrals.fission.referredRevenue'),
        t('referrals.fission.revenueShare'),
        t('referrals.fission.newCustomerShare'),
      ],
    },
    grid: { left: 64, right: 56, top: 64, bottom: 32 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: [
      {
        type: 'value',
        name: t('referrals.fission.yuanAxis'),
        axisLabel: { formatter: '¥{value}' },
      },
      { type: 'value', name: '%', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        type: 'bar',
        name: t('referrals.fission.revenue'),
        data: months.map((m) => yuan(m.revenueFen)),
        itemStyle: { color: '#bae0ff' },
        tooltip: { valueFormatter: (v: number) => formatFen(Math.round(v * 100)) },
      },
      {
        type: 'bar',
        name: t('referrals.fission.referredRevenue'),
        data: months.map((m) => yuan(m.referredRevenueFen)),
        itemStyle: { color: '#1677ff' },
        tooltip: { valueFormatter: (v: number) => formatFen(Math.round(v * 100)) },
      },
      {
        type: 'line',
        name: t('referrals.fission.revenueShare'),
        yAxisIndex: 1,
        smooth: true,
        data: months.map((m) => Number((m.revenueShare * 100).toFixed(1))),
        itemStyle: { color: '#fa8c16' },
        tooltip: { valueFormatter: (v: number) => `${v}%` },
      },
      {
        type: 'line',
        name: t('referrals.fission.newCustomerShare'),
        yAxisIndex: 1,
        smooth: true,
        data: months.map((m) => Number((m.newCustomerShare * 100).toFixed(1))),
        itemStyle: { color: '#52c41a' },
        tooltip: { valueFormatter: (v: number) => `${v}%` },
      },
    ],
  };

  const csvHref = `/api/v1/staff/referrals/share.csv?${new URLSearchParams(shareQuery).toString()}`;

  const shareColumns: TableColumnsType<ShareRow> = [
    { title: t('referrals.fission.month'), dataIndex: 'month' },
    { title: t('referrals.fission.store'), dataIndex: 'storeName' },
    {
      title: t('referrals.fission.revenue'),
      dataIndex: 'revenueFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('referrals.fission.referredRevenue'),
      dataIndex: 'referredRevenueFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('referrals.fission.revenueShare'),
      dataIndex: 'revenueShare',
      align: 'right',
      render: pct,
    },
    { title: t('referrals.fission.newCustomers'), dataIndex: 'newCustomers', align: 'right' },
    {
      title: t('referrals.fission.referredNewCustomers'),
      dataIndex: 'referredNewCustomers',
      align: 'right',
    },
    {
      title: t('referrals.fission.newCustomerShare'),
      dataIndex: 'newCustomerShare',
      align: 'right',
      render: pct,
    },
  ];

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
      {error && <Alert type="error" showIcon title={error} />}
      <StatCards
        col={{ xs: 24, md: 12, xl: 6 }}
        cards
        items={[
          {
            title: t('referrals.fission.revenueShare'),
            value: pct(total?.revenueShare),
            valueStyle: { color: '#1677ff' },
            valueTestId: 'headline-revenue-share',
            note: (
              <Typography.Text type="secondary">
                {t('referrals.fission.ofRevenue', {
                  referred: formatFen(total?.referredRevenueFen),
                  all: formatFen(total?.revenueFen),
                })}
              </Typography.Text>
            ),
          },
          {
            title: t('referrals.fission.newCustomerShare'),
            value: pct(total?.newCustomerShare),
            valueStyle: { color: '#52c41a' },
            valueTestId: 'headline-new-customer-share',
            note: (
              <Typography.Text type="secondary">
                {t('referrals.fission.ofNewCustomers', {
                  referred: total?.referredNewCustomers ?? 0,
                  all: total?.newCustomers ?? 0,
                })}
              </Typography.Text>
            ),
          },
          {
            title: t('referrals.fission.referredRevenue'),
            value: formatFen(total?.referredRevenueFen),
            note: (
              <Typography.Text type="secondary">
                {t('referrals.fission.period', { from, to })}
              </Typography.Text>
            ),
          },
          {
            title: t('referrals.fission.referredNewCustomers'),
            value: total?.referredNewCustomers ?? 0,
            note: (
              <Typography.Text type="secondary">
                {t('referrals.fission.period', { from, to })}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Card
        title={t('referrals.fission.chartTitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={csvHref} data-testid="share-csv">
            {t('referrals.fission.csv')}
          </Button>
        }
      >
        {!share ? (
          <Flex justify="center" align="center" style={{ height: 320 }}>
            <Spin />
          </Flex>
        ) : months.length === 0 ? (
          <Empty description={t('referrals.fission.noData')} />
        ) : (
          <ReactECharts
            option={chartOption}
            style={{ height: 320 }}
            notMerge
            data-testid="share-chart"
          />
        )}
        <Table<ShareRow>
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(r) => `${r.month}|${r.storeId}`}
          loading={loading}
          columns={shareColumns}
          dataSource={share?.rows ?? []}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          data-testid="share-table"
          scroll={{ x: 900 }}
        />
      </Card>
      <Card title={t('referrals.fission.topTitle')}>
        <Table<TopReferrer>
          size="small"
          rowKey="customerId"
          loading={loading}
          columns={topColumns}
          dataSource={top}
          pagination={false}
          locale={{ emptyText: t('referrals.fission.noData') }}
          onRow={() => ({ 'data-testid': 'top-referrer-row' }) as object}
        />
      </Card>
      <TreeCard root={treeRoot} onPick={setTreeRoot} />
    </Flex>
  );
}
