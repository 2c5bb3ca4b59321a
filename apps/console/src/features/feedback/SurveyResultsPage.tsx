// 满意度: survey results — headline NPS, response and recovery rates, NPS by month (line) and by
// store or advisor (bars) with the table behind each chart (CSV), and the answers themselves.
import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Segmented, Select, Tag, Typography } from 'antd';
import { SmileOutlined } from '@ant-design/icons';
import ReactECharts from 'echarts-for-react';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  DataTable,
  LoadMore,
  StatCards,
  TableCard,
  useLoad,
  usePagedLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import type { MetricsRow, SurveyResponse } from './feedback.ts';

type By = 'store' | 'advisor';
const KIND_COLORS = { promoter: 'green', passive: 'gold', detractor: 'red' } as const;

function totals(rows: MetricsRow[]) {
  const sum = (k: keyof MetricsRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const responses = sum('responses');
  const detractors = sum('detractors');
  return {
    sent: sum('sent'),
    responses,
    nps: responses ? Math.round(((sum('promoters') - detractors) * 100) / responses) : null,
    recovery: detractors ? Math.round((sum('recovered') * 1000) / detractors) / 10 : null,
  };
}

function useMetrics(by: 'month' | By, range: [Dayjs, Dayjs], storeId?: string) {
  return useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/surveys/metrics', {
          params: {
            query: {
              by,
              from: range[0].format('YYYY-MM-DD'),
              to: range[1].format('YYYY-MM-DD'),
              ...(storeId ? { storeId } : {}),
            },
          },
        }),
      ),
    [by, range[0].valueOf(), range[1].valueOf(), storeId],
  );
}

function metricColumns(t: (k: string) => string, keyTitle: string): DataColumn<MetricsRow>[] {
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  return [
    { title: keyTitle, dataIndex: 'label' },
    { title: 'NPS', dataIndex: 'nps', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('feedback.metrics.sent'), dataIndex: 'sent', align: 'right' },
    { title: t('feedback.metrics.responses'), dataIndex: 'responses', align: 'right' },
    {
      title: t('feedback.metrics.responseRate'),
      dataIndex: 'responseRate',
      align: 'right',
      render: pct,
    },
    { title: t('feedback.metrics.promoters'), dataIndex: 'promoters', align: 'right' },
    { title: t('feedback.metrics.passives'), dataIndex: 'passives', align: 'right' },
    { title: t('feedback.metrics.detractors'), dataIndex: 'detractors', align: 'right' },
    {
      title: t('feedback.metrics.recoveryRate'),
      dataIndex: 'recoveryRate',
      align: 'right',
      render: pct,
    },
  ];
}

function Responses({ storeId }: { storeId?: string }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [kind, setKind] = useState<'promoter' | 'passive' | 'detractor' | undefined>();
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/surveys/responses', {
          params: {
            query: {
              limit: 50,
              ...(storeId ? { storeId } : {}),
              ...(kind ? { kind } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [storeId, kind],
  );
  const columns: DataColumn<SurveyResponse>[] = [
    {
      title: t('feedback.responses.answeredAt'),
      dataIndex: 'answeredAt',
      render: (v: string) => formatDateTime(v, staff.tenant.timezone),
    },
    { title: t('feedback.column.customer'), dataIndex: 'customerName' },
    { title: t('feedback.column.store'), dataIndex: 'storeName' },
    { title: t('feedback.responses.advisor'), dataIndex: 'advisorName' },
    {
      title: 'NPS',
      dataIndex: 'nps',
      render: (_, r) => <Tag color={KIND_COLORS[r.kind]}>{r.nps}</Tag>,
    },
    {
      title: t('feedback.responses.stars'),
      dataIndex: 'stars',
      render: (v: number | null) => (v ? '★'.repeat(v) : '—'),
    },
    {
      title: t('feedback.responses.comment'),
      dataIndex: 'comment',
      render: (_, r) => [r.reasons.join('、'), r.comment].filter(Boolean).join(' · ') || '—',
      csv: (r) => [r.reasons.join('、'), r.comment].filter(Boolean).join(' · '),
    },
    {
      title: t('feedback.responses.ticket'),
      dataIndex: 'ticketNumber',
      render: (_, r) =>
        r.ticketId ? <Link to={`/complaints/${r.ticketId}`}>{r.ticketNumber}</Link> : '—',
    },
  ];
  return (
    <TableCard
      title={t('feedback.responses.title')}
      error={list.error}
      header={
        <Segmented
          style={{ marginBottom: 12 }}
          value={kind ?? 'all'}
          onChange={(v) => setKind(v === 'all' ? undefined : (v as typeof kind))}
          options={(['all', 'promoter', 'passive', 'detractor'] as const).map((k) => ({
            value: k,
            label: t(`feedback.kind.${k}`),
          }))}
        />
      }
      loading={list.loading}
      dataSource={list.items as SurveyResponse[]}
      columns={columns}
      rowKey="id"
      csv={{ filename: 'survey-responses', label: t('feedback.exportCsv') }}
      cardTestId="survey-responses"
    >
      <LoadMore list={list} />
    </TableCard>
  );
}

export default function SurveyResultsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().subtract(11, 'month').startOf('month'),
    dayjs().endOf('month'),
  ]);
  const [storeId, setStoreId] = useState<string | undefined>();
  const [by, setBy] = useState<By>('store');
  const monthly = useMetrics('month', range, storeId);
  const grouped = useMetrics(by, range, storeId);
  const months = useMemo(() => monthly.data?.items ?? [], [monthly.data]);
  const groups = useMemo(() => grouped.data?.items ?? [], [grouped.data]);
  const sum = totals(months);
  const lineOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['NPS', t('feedback.metrics.responseRate')] },
      xAxis: { type: 'category', data: months.map((m) => m.key) },
      yAxis: [
        { type: 'value', min: -100, max: 100 },
        { type: 'value', min: 0, max: 100 },
      ],
      series: [
        { name: 'NPS', type: 'line', smooth: true, data: months.map((m) => m.nps) },
        {
          name: t('feedback.metrics.responseRate'),
          type: 'bar',
          yAxisIndex: 1,
          data: months.map((m) => m.responseRate),
          itemStyle: { opacity: 0.35 },
        },
      ],
    }),
    [months, t],
  );
  const barOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: groups.map((g) => g.label || '—') },
      yAxis: { type: 'value', min: -100, max: 100 },
      series: [{ name: 'NPS', type: 'bar', data: groups.map((g) => g.nps) }],
    }),
    [groups],
  );
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <DatePicker.RangePicker
          picker="month"
          value={range}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].startOf('month'), v[1].endOf('month')])}
          allowClear={false}
        />
        <Select
          allowClear
          placeholder={t('feedback.field.store')}
          style={{ width: 160 }}
          value={storeId}
          onChange={setStoreId}
          options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Flex>
      <StatCards
        items={[
          { title: 'NPS', value: sum.nps ?? '—', valueTestId: 'nps-total' },
          { title: t('feedback.metrics.sent'), value: sum.sent },
          { title: t('feedback.metrics.responses'), value: sum.responses },
          {
            title: t('feedback.metrics.recoveryRate'),
            value: sum.recovery === null ? '—' : `${sum.recovery}%`,
          },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            title={
              <Flex align="center" gap={8}>
                <SmileOutlined /> {t('feedback.metrics.byMonth')}
              </Flex>
            }
          >
            <ReactECharts option={lineOption} style={{ height: 280 }} notMerge />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={
              <Segmented<By>
                value={by}
                onChange={setBy}
                options={(['store', 'advisor'] as const).map((b) => ({
                  value: b,
                  label: t(`feedback.metrics.by.${b}`),
                }))}
              />
            }
          >
            <ReactECharts option={barOption} style={{ height: 280 }} notMerge />
          </Card>
        </Col>
      </Row>
      <TableCard
        title={t('feedback.metrics.byMonth')}
        error={monthly.error}
        loading={monthly.loading}
        dataSource={months}
        columns={metricColumns(t, t('feedback.metrics.month'))}
        rowKey="key"
        csv={{ filename: 'nps-by-month', label: t('feedback.exportCsv') }}
        cardTestId="nps-by-month"
      />
      <Card title={t(`feedback.metrics.by.${by}`)}>
        <DataTable
          size="small"
          rowKey="key"
          dataSource={groups}
          loading={grouped.loading}
          columns={metricColumns(t, t(`feedback.metrics.by.${by}`))}
          csv={{ filename: `nps-by-${by}`, label: t('feedback.exportCsv') }}
        />
        <Typography.Text type="secondary">{t('feedback.metrics.note')}</Typography.Text>
      </Card>
      <Responses storeId={storeId} />
    </Flex>
  );
}
