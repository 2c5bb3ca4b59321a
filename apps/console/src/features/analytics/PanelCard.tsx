// One dashboard panel, whatever it shows: its chart, headline figures, table, CSV (the server's,
// UTF-8 with BOM) and the one-line definition of its figure — all from one server answer, so a
// new panel on the server needs nothing here. Rows the server gives a segment filter get a
// "save as segment" action.
import { App, Button, Card, Flex, Typography } from 'antd';
import { DownloadOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { DataTable, ErrorAlert, StatCards, useLoad, type DataColumn } from '../../kit/index.ts';
import { chartOption, formatValue, type PanelAnswer } from './panel-chart.ts';

export interface PanelFilters {
  storeId?: string;
  from: string;
  to: string;
  compareFrom?: string;
  compareTo?: string;
}

type Row = PanelAnswer['rows'][number] & { __i: number };

export function PanelCard({ panelId, filters }: { panelId: string; filters: PanelFilters }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as PanelFilters;
  const { data, error, loading } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/analytics/panels/{panelId}', {
          params: { path: { panelId }, query },
        }),
      ),
    [panelId, JSON.stringify(query)],
  );
  const saveSegment = async (i: number) => {
    const s = data?.segments?.[i];
    if (!s) return;
    await unwrap(
      api.POST('/api/v1/staff/segments', { body: { name: s.name, filter: s.filter as never } }),
    );
    message.success(t('analytics.segmentSaved', { name: s.name }));
  };
  const columns: DataColumn<Row>[] = (data?.columns ?? []).map((c) => ({
    title: c.title,
    dataIndex: c.key,
    align: c.format === 'text' ? 'left' : 'right',
    render: (v: unknown) => formatValue(v, c.format),
  }));
  if (data?.segments?.some(Boolean))
    columns.push({
      title: '',
      csv: false,
      render: (_: unknown, r: Row) =>
        data.segments?.[r.__i] && Number(r.customers ?? 0) > 0 ? (
          <Button
            size="small"
            icon={<UsergroupAddOutlined />}
            onClick={() => void saveSegment(r.__i)}
          >
            {t('analytics.saveSegment')}
          </Button>
        ) : null,
    });
  const rows: Row[] = (data?.rows ?? []).map((r, i) => ({ ...r, __i: i }) as Row);
  const csvHref = `/api/v1/staff/analytics/panels/${panelId}/csv?${new URLSearchParams(query as unknown as Record<string, string>).toString()}`;
  return (
    <Card
      title={data?.title ?? panelId}
      loading={loading && !data}
      data-testid={`panel-${panelId}`}
      extra={
        <Button icon={<DownloadOutlined />} href={csvHref} data-testid={`panel-csv-${panelId}`}>
          {t('analytics.csv')}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      {data && (
        <Flex vertical gap={12}>
          {data.headline.length > 0 && (
            <StatCards
              items={data.headline.map((h) => ({
                key: h.key,
                title: h.title,
                value: formatValue(h.value, h.format),
              }))}
            />
          )}
          <ReactECharts
            option={chartOption(data, data.comparison, t('analytics.comparison'))}
            notMerge
            style={{ height: data.chart.type === 'heatmap' ? 360 : 300 }}
          />
          <Typography.Text type="secondary" data-testid={`panel-definition-${panelId}`}>
            {data.definition}
          </Typography.Text>
          <DataTable<Row>
            rowKey="__i"
            size="small"
            scroll={{ x: true }}
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 12 ? { pageSize: 12 } : false}
          />
        </Flex>
      )}
    </Card>
  );
}
