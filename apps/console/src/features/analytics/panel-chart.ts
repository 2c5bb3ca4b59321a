// The ECharts option of a panel's chart, from the server's answer alone (no per-panel code):
// lines, bars, stacked bars or a heat map, values read as counts, yuan or percentages; the
// comparison period's series drawn dashed beside the period's.
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { formatFen } from '../../kit/format.ts';

export type PanelAnswer = Json<paths['/api/v1/staff/analytics/panels/{panelId}']['get']>;
export type Format = PanelAnswer['columns'][number]['format'];
type Body = { chart: Omit<PanelAnswer['chart'], 'cells'> & { cells: (number | null)[][] | null } };

/** A value as the table, the tooltip and the CSV show it. */
export function formatValue(v: unknown, format: Format): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  const n = Number(v);
  if (format === 'fen') return formatFen(n);
  if (format === 'pct') return `${(n * 100).toFixed(1)}%`;
  if (format === 'decimal') return n.toFixed(2);
  return n.toLocaleString('zh-CN');
}

const axisLabel = (format: Format) => ({
  formatter: (v: number) =>
    format === 'pct'
      ? `${Math.round(v * 100)}%`
      : format === 'fen'
        ? `¥${Math.round(v / 100)}`
        : String(v),
});

function heatmap(a: Body) {
  const values = (a.chart.cells ?? [])
    .map((c) => c[2])
    .filter((v): v is number => typeof v === 'number');
  return {
    tooltip: {
      formatter: (p: { value: (number | null)[] }) =>
        formatValue(p.value[2] ?? null, a.chart.format),
    },
    grid: { left: 70, right: 20, top: 10, bottom: 60 },
    xAxis: { type: 'category', data: a.chart.categories, splitArea: { show: true } },
    yAxis: { type: 'category', data: a.chart.yCategories ?? [], splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.max(1e-9, ...values),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      formatter: (v: number) => formatValue(v, a.chart.format),
    },
    series: [
      {
        type: 'heatmap',
        data: a.chart.cells ?? [],
        label: {
          show: a.chart.categories.length <= 13,
          fontSize: 10,
          formatter: (p: { value: (number | null)[] }) =>
            p.value[2] == null ? '' : formatValue(p.value[2] ?? null, a.chart.format),
        },
      },
    ],
  };
}

export function chartOption(a: Body, comparison: Body | null, compareLabel: string) {
  if (a.chart.type === 'heatmap') return heatmap(a);
  const kind = a.chart.type === 'line' ? 'line' : 'bar';
  const series = a.chart.series.map((s) => ({
    type: kind,
    name: s.name,
    data: s.data,
    stack: a.chart.type === 'stacked' ? 'total' : undefined,
    smooth: kind === 'line',
  }));
  const cmp = (comparison?.chart.series ?? []).map((s) => ({
    type: 'line',
    name: `${s.name}（${compareLabel}）`,
    data: s.data,
    lineStyle: { type: 'dashed' },
    symbol: 'none',
  }));
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => formatValue(v, a.chart.format),
    },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 20, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: a.chart.categories, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: axisLabel(a.chart.format) },
    series: [...series, ...cmp],
  };
}
