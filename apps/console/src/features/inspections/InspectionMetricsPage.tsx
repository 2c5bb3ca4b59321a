// 检查指标: inspections per order, photos per inspection, the share sent, the owners' viewing
// time, approvals and their amount, and declined work recovered within 180 days — for the shop,
// per technician and per advisor, over a chosen range, each table exportable as CSV.
import { useState } from 'react';
import { Card, DatePicker, Flex, Typography } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, unwrap } from '../../api.ts';
import { DataTable, IconTitle, StatCards, useLoad, type DataColumn } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import { percent, type Metrics, type MetricsRow } from './inspections.ts';

const num = (v: number | null) => (v === null ? '—' : String(v));

function useColumns(): DataColumn<MetricsRow>[] {
  const { t } = useTranslation();
  const col = (key: keyof MetricsRow, show: (r: MetricsRow) => string): DataColumn<MetricsRow> => ({
    title: t(`inspections.metrics.${key}`),
    key,
    render: (_, r) => show(r),
    csv: (r) => show(r),
  });
  return [
    {
      title: t('inspections.metrics.name'),
      key: 'name',
      render: (_, r) => r.name ?? '—',
      csv: (r) => r.name ?? '',
    },
    col('inspections', (r) => String(r.inspections)),
    col('inspectionsPerOrder', (r) => num(r.inspectionsPerOrder)),
    col('photosPerInspection', (r) => num(r.photosPerInspection)),
    col('sentShare', (r) => percent(r.sentShare)),
    col('avgViewSeconds', (r) => num(r.avgViewSeconds)),
    col('approvalRate', (r) => percent(r.approvalRate)),
    col('approvedFen', (r) => formatFen(r.approvedFen)),
    col('recoveryRate', (r) => percent(r.recoveryRate)),
  ];
}

function Totals({ total }: { total: Metrics['total'] }) {
  const { t } = useTranslation();
  return (
    <StatCards
      cards
      col={{ xs: 12, md: 6 }}
      items={[
        {
          title: t('inspections.metrics.inspections'),
          value: total.inspections,
          valueTestId: 'metrics-inspections',
          note: t('inspections.metrics.perOrder', { n: num(total.inspectionsPerOrder) }),
        },
        {
          title: t('inspections.metrics.photosPerInspection'),
          value: num(total.photosPerInspection),
        },
        {
          title: t('inspections.metrics.sentShare'),
          value: percent(total.sentShare),
          note: t('inspections.metrics.avgView', { s: num(total.avgViewSeconds) }),
        },
        {
          title: t('inspections.metrics.approvalRate'),
          value: percent(total.approvalRate),
          valueTestId: 'metrics-approval',
        },
        {
          title: t('inspections.metrics.approvedFen'),
          value: formatFen(total.approvedFen),
          valueTestId: 'metrics-approved-fen',
        },
        {
          title: t('inspections.metrics.recoveryRate'),
          value: percent(total.recoveryRate),
          note: t('inspections.metrics.recovered', { n: total.recovered, of: total.declinedDue }),
        },
      ]}
    />
  );
}

export default function InspectionMetricsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().subtract(89, 'day').startOf('day'),
    dayjs().endOf('day'),
  ]);
  const loaded = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/inspections/metrics', {
          params: { query: { from: range[0].toISOString(), to: range[1].toISOString() } },
        }),
      ),
    [range[0].valueOf(), range[1].valueOf()],
  );
  const columns = useColumns();
  const m = loaded.data;
  return (
    <Flex vertical gap={16} data-testid="inspection-metrics">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <IconTitle icon={<BarChartOutlined />}>{t('inspections.metrics.title')}</IconTitle>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].startOf('day'), v[1].endOf('day')])}
        />
      </Flex>
      {m && <Totals total={m.total} />}
      {(['byTechnician', 'byAdvisor'] as const).map((k) => (
        <Card key={k} title={t(`inspections.metrics.${k}`)}>
          <DataTable<MetricsRow>
            rowKey={(r) => r.staffId ?? 'none'}
            loading={loaded.loading}
            columns={columns}
            dataSource={m?.[k] ?? []}
            scroll={{ x: true }}
            csv={{
              filename: `inspections-${k}.csv`,
              label: t('inspections.metrics.csv'),
              testId: `metrics-csv-${k}`,
            }}
          />
        </Card>
      ))}
      {loaded.error && <Typography.Text type="danger">{loaded.error}</Typography.Text>}
    </Flex>
  );
}
