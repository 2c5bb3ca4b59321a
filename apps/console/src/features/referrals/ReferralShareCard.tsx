// The referral share per month (revenue and new customers, referred and all) as a chart, and
// the rows per month and store as a table, with the CSV of those rows.
import { Button, Card, Empty, Flex, Spin, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../kit/format.ts';
import { pct, type ReferralShare, type ShareRow } from './ReferralCommon.tsx';

export type MonthTotals = Omit<ShareRow, 'storeId' | 'storeName'>;

/** The rows of one store, or all stores summed per month (shares recomputed from the sums). */
export function byMonth(rows: ShareRow[], storeId: string | 'all'): MonthTotals[] {
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

export function ReferralShareCard({
  share,
  months,
  loading,
  csvHref,
}: {
  share: ReferralShare | null;
  months: MonthTotals[];
  loading: boolean;
  csvHref: string;
}) {
  const { t } = useTranslation();
  const yuan = (fen: number) => Math.round(fen) / 100;
  const bar = (key: string, fen: (m: MonthTotals) => number, color: string) => ({
    type: 'bar',
    name: t(`referrals.fission.${key}`),
    data: months.map((m) => yuan(fen(m))),
    itemStyle: { color },
    tooltip: { valueFormatter: (v: number) => formatFen(Math.round(v * 100)) },
  });
  const line = (key: string, share: (m: MonthTotals) => number, color: string) => ({
    type: 'line',
    name: t(`referrals.fission.${key}`),
    yAxisIndex: 1,
    smooth: true,
    data: months.map((m) => Number((share(m) * 100).toFixed(1))),
    itemStyle: { color },
    tooltip: { valueFormatter: (v: number) => `${v}%` },
  });
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
      bar('revenue', (m) => m.revenueFen, '#bae0ff'),
      bar('referredRevenue', (m) => m.referredRevenueFen, '#1677ff'),
      line('revenueShare', (m) => m.revenueShare, '#fa8c16'),
      line('newCustomerShare', (m) => m.newCustomerShare, '#52c41a'),
    ],
  };

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

  return (
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
  );
}
