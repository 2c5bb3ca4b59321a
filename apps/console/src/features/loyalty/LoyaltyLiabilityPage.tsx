// 储值负债报表: what the business owes its customers in stored value, per home store and in
// total (principal and bonus apart), with a CSV export built from the same figures.
import { Alert, Button, Card, Flex, Result, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { DataTable, exportTable, type DataColumn } from '../../kit/DataTable.tsx';
import { StatCards } from '../../kit/StatCards.tsx';
import { useLoad } from '../../kit/useLoad.ts';
import { formatDateTime, formatFen } from '../../kit/format.ts';
import { canManageLoyalty, type Liability } from './LoyaltyCommon.tsx';

type Row = Liability['stores'][number] & { key: string; isTotal?: boolean };

export default function LoyaltyLiabilityPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const allowed = canManageLoyalty(staff);
  const { data, error, loading, reload } = useLoad<Liability>(
    () => unwrap(api.GET('/api/v1/staff/loyalty/liability')),
    [],
    { enabled: allowed },
  );

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

  // The CSV holds the same columns plus the points figures.
  const columns: DataColumn<Row>[] = [
    {
      title: t('loyalty.liability.store'),
      csv: (r) => (r.isTotal ? t('loyalty.liability.total') : storeName(r)),
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
      csv: 'fen',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('loyalty.liability.bonus'),
      dataIndex: 'bonusFen',
      align: 'right',
      csv: 'fen',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('loyalty.liability.owed'),
      dataIndex: 'totalFen',
      align: 'right',
      csv: 'fen',
      render: (v: number, r) => (
        <Typography.Text strong={r.isTotal} data-testid={r.isTotal ? 'liability-total' : undefined}>
          {formatFen(v)}
        </Typography.Text>
      ),
    },
    { title: t('loyalty.liability.pointsAvailable'), dataIndex: 'pointsAvailable', csvOnly: true },
    { title: t('loyalty.liability.pointsPending'), dataIndex: 'pointsPending', csvOnly: true },
  ];

  return (
    <Flex vertical gap={16} data-testid="loyalty-liability">
      <Flex align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('loyalty.liability.title')}
        </Typography.Title>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={!data}
            onClick={() =>
              data &&
              exportTable(
                `stored-value-liability-${data.asOf.slice(0, 10)}.csv`,
                columns,
                rows,
                staff.tenant.timezone,
              )
            }
            data-testid="liability-csv"
          >
            {t('loyalty.liability.csv')}
          </Button>
        </Flex>
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <Card>
          <StatCards
            gap={48}
            items={[
              { title: t('loyalty.liability.owed'), value: formatFen(data.total.totalFen) },
              {
                title: t('loyalty.liability.principal'),
                value: formatFen(data.total.principalFen),
              },
              { title: t('loyalty.liability.bonus'), value: formatFen(data.total.bonusFen) },
              { title: t('loyalty.liability.customers'), value: data.total.customers },
              {
                title: t('loyalty.liability.pointsAvailable'),
                value: data.total.pointsAvailable,
              },
              { title: t('loyalty.liability.pointsPending'), value: data.total.pointsPending },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('loyalty.liability.hint', {
              asOf: formatDateTime(data.asOf, staff.tenant.timezone),
            })}
          </Typography.Paragraph>
        </Card>
      )}
      <Card>
        <DataTable<Row>
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
