// 储值负债报表: what the business owes its customers in stored value, per home store and in
// total (principal and bonus apart), with a CSV export built from the same figures.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Result, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../api.ts';
import { errorText } from '../errors.ts';
import { formatDateTime, formatFen } from '../format.ts';
import { canManageLoyalty, type Liability } from './LoyaltyCommon.tsx';

type Row = Liability['stores'][number] & { key: string; isTotal?: boolean };

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const yuan = (fen: number) => (fen / 100).toFixed(2);

export default function LoyaltyLiabilityPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canManageLoyalty(staff);
  const [data, setData] = useState<Liability | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await unwrap(api.GET('/api/v1/staff/loyalty/liability')));
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setLoading(false);
    }
  }, [t]);
  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  if (!allowed) return <Result status="403" title={t('loyalty.liability.forbidden')} />;

  const storeName = (r: Liability['stores'][number]) =>
    r.storeName ?? (r.storeId ? t('loyalty.liability.otherStore') : t('loyalty.liability.noStore'));
  const rows: Row[] = data
    ? [
        ...data.stores.map((s) => ({ ...s, key: s.storeId ?? 'none' })),
        {
          key: 'total',
          isTotal: true,
          storeId: null,
          storeName: t('loyalty.liability.total'),
          ...data.total,
        },
      ]
    : [];

  function exportCsv() {
    if (!data) return;
    const header = [
      t('loyalty.liability.store'),
      t('loyalty.liability.customers'),
      t('loyalty.liability.principal'),
      t('loyalty.liability.bonus'),
      t('loyalty.liability.owed'),
      t('loyalty.liability.pointsAvailable'),
      t('loyalty.liability.pointsPending'),
    ];
    const lines = [header.map(csvCell).join(',')];
    for (const r of rows)
      lines.push(
        [
          r.isTotal ? t('loyalty.liability.total') : storeName(r),
          r.customers,
          yuan(r.principalFen),
          yuan(r.bonusFen),
          yuan(r.totalFen),
          r.pointsAvailable,
          r.pointsPending,
        ]
          .map(csvCell)
          .join(','),
      );
    // A BOM so that Excel reads the Chinese store names as UTF-8.
    const blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], {
      type: 'text/csv;charset=utf-8',
    });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `stored-value-liability-${data.asOf.slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  const columns: TableColumnsType<Row> = [
    {
      title: t('loyalty.liability.store'),
      render: (_, r) =>
        r.isTotal ? (
          <Typography.Text strong>{t('loyalty.liability.total')}</Typography.Text>
        ) : (
          storeName(r)
        ),
    },
    { title: t('loyalty.liability.customers'), dataIndex: 'customers', align: 'right' },
    {
      title: t('loyalty.liability.principal'),
      dataIndex: 'principalFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('loyalty.liability.bonus'),
      dataIndex: 'bonusFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('loyalty.liability.owed'),
      dataIndex: 'totalFen',
      align: 'right',
      render: (v: number, r) => (
        <Typography.Text strong={r.isTotal} data-testid={r.isTotal ? 'liability-total' : undefined}>
          {formatFen(v)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="loyalty-liability">
      <Flex align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('loyalty.liability.title')}
        </Typography.Title>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={!data}
            onClick={exportCsv}
            data-testid="liability-csv"
          >
            {t('loyalty.liability.csv')}
          </Button>
        </Flex>
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <Card>
          <Flex gap={48} wrap>
            <Statistic title={t('loyalty.liability.owed')} value={formatFen(data.total.totalFen)} />
            <Statistic
              title={t('loyalty.liability.principal')}
              value={formatFen(data.total.principalFen)}
            />
            <Statistic
              title={t('loyalty.liability.bonus')}
              value={formatFen(data.total.bonusFen)}
            />
            <Statistic title={t('loyalty.liability.customers')} value={data.total.customers} />
            <Statistic
              title={t('loyalty.liability.pointsAvailable')}
              value={data.total.pointsAvailable}
            />
            <Statistic
              title={t('loyalty.liability.pointsPending')}
              value={data.total.pointsPending}
            />
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('loyalty.liability.hint', {
              asOf: formatDateTime(data.asOf, staff.tenant.timezone),
            })}
          </Typography.Paragraph>
        </Card>
      )}
      <Card>
        <Table<Row>
          size="middle"
          rowKey="key"
          columns={columns}
          dataSource={rows}
          loading={loading && !data}
          pagination={false}
          locale={{ emptyText: t('loyalty.liability.empty') }}
        />
      </Card>
    </Flex>
  );
}
