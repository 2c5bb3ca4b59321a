// 收银日报: what a business day took per payment method and what its refunds gave back, for one
// store or all, with a check that the stored-value and points parts on the orders equal the
// loyalty ledger; printable, and exportable as CSV.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Select, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import { api, unwrap, useStaff } from '../../api.ts';
import type { Json } from '../../types.ts';
import { DataTable, StatCards, exportTable, useLoad, type DataColumn } from '../../kit/index.ts';
import { formatFen, todayIn } from '../../kit/format.ts';

type Till = Json<paths['/api/v1/staff/reports/till']['get']>;
type Row = Till['methods'][number];

export default function TillReportPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [date, setDate] = useState(() => todayIn(staff.tenant.timezone));
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const { data, error, loading, reload } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/reports/till', {
          params: { query: { date, ...(storeId ? { storeId } : {}) } },
        }),
      ),
    [date, storeId],
  );

  const methodName = (r: Row) => t(`serviceOrders.method.${r.method}`);
  const columns: DataColumn<Row>[] = [
    { title: t('till.method'), csv: methodName, render: (_, r) => methodName(r) },
    { title: t('till.payments'), dataIndex: 'payments', align: 'right' },
    {
      title: t('till.taken'),
      dataIndex: 'takenFen',
      align: 'right',
      csv: 'fen',
      render: (v: number) => formatFen(v),
    },
    { title: t('till.refunds'), dataIndex: 'refunds', align: 'right' },
    {
      title: t('till.refunded'),
      dataIndex: 'refundedFen',
      align: 'right',
      csv: 'fen',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('till.net'),
      dataIndex: 'netFen',
      align: 'right',
      csv: 'fen',
      render: (v: number, r) => (
        <Typography.Text strong data-testid={`till-net-${r.method}`}>
          {formatFen(v)}
        </Typography.Text>
      ),
    },
    {
      title: t('till.points'),
      dataIndex: 'points',
      align: 'right',
      render: (v: number, r) => (r.method === 'points' ? v : ''),
    },
  ];

  const ledgerOk = data ? data.matchesLedger.storedValue && data.matchesLedger.points : true;
  return (
    <Flex vertical gap={16} data-testid="till-report">
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('till.title')}
        </Typography.Title>
        <Flex gap={8} wrap className="no-print">
          <DatePicker
            allowClear={false}
            value={dayjs(date)}
            onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
            data-testid="till-date"
          />
          <Select
            style={{ width: 180 }}
            value={storeId ?? ''}
            onChange={(v) => setStoreId(v || undefined)}
            options={[
              { value: '', label: t('till.allStores') },
              ...staff.stores.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('till.print')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            disabled={!data}
            onClick={() =>
              data && exportTable(`till-${date}.csv`, columns, data.methods, staff.tenant.timezone)
            }
          >
            CSV
          </Button>
        </Flex>
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <Card>
          <StatCards
            gap={48}
            items={[
              {
                title: t('till.net'),
                value: formatFen(data.totals.netFen),
                valueTestId: 'till-total-net',
              },
              { title: t('till.taken'), value: formatFen(data.totals.takenFen) },
              { title: t('till.refunded'), value: formatFen(data.totals.refundedFen) },
              { title: t('till.paidOrders'), value: data.paidOrders },
              { title: t('till.refundedOrders'), value: data.refundedOrders },
            ]}
          />
          <Flex gap={8} align="center" style={{ marginTop: 12 }} data-testid="till-ledger">
            {ledgerOk ? (
              <Tag color="green">{t('till.ledgerMatches')}</Tag>
            ) : (
              <Tag color="red">{t('till.ledgerDiffers')}</Tag>
            )}
            <Typography.Text type="secondary">
              {t('till.ledgerDetail', {
                spent: formatFen(data.ledger.storedValueSpentFen),
                returned: formatFen(data.ledger.storedValueReturnedFen),
                redeemed: data.ledger.pointsRedeemed,
                back: data.ledger.pointsReturned,
              })}
            </Typography.Text>
          </Flex>
        </Card>
      )}
      <Card>
        <DataTable
          rowKey="method"
          columns={columns}
          dataSource={data?.methods ?? []}
          loading={loading}
          pagination={false}
          locale={{ emptyText: t('till.empty') }}
        />
      </Card>
    </Flex>
  );
}
