// Answering a panel: the filters checked, the panel's query run for the period (and the
// comparison period when the panel takes one), titles and column names in the request's
// language; the same answer feeds the chart, the table and the CSV.
import { sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { resolveFilters, type FilterInput } from './filters.ts';
import type { Cell, Localised, PanelData, PanelDef } from './panel.ts';
import { PANELS } from './panels/index.ts';

export const allPanels = (): readonly PanelDef[] => PANELS;

export const DASHBOARDS = [
  { key: 'customers', title: { 'zh-CN': '客户', en: 'Customers' } },
  { key: 'marketing', title: { 'zh-CN': '营销', en: 'Marketing' } },
  { key: 'loyalty', title: { 'zh-CN': '会员资产', en: 'Loyalty' } },
  { key: 'community', title: { 'zh-CN': '社区与内容', en: 'Community and content' } },
] as const;

const tr = (ctx: Ctx, l: Localised) => (ctx.locale === 'en' ? l.en : l['zh-CN']);

export function findPanel(id: string): PanelDef {
  const def = allPanels().find((p) => p.id === id);
  if (!def) throw new AppError('NOT_FOUND', { field: 'panelId' });
  return def;
}

async function lastBuild(ctx: Ctx): Promise<string | null> {
  const [row] = await queryRows<{ built_at: Date | string }>(
    ctx.tx,
    sql`select b.built_at from analytics_builds b where b.tenant_id = ${ctx.tenantId}::uuid`,
  );
  return row ? new Date(row.built_at).toISOString() : null;
}

export async function listDashboards(ctx: Ctx) {
  return {
    builtAt: await lastBuild(ctx),
    dashboards: DASHBOARDS.map((d) => ({
      key: d.key,
      title: tr(ctx, d.title),
      panels: allPanels()
        .filter((p) => p.dashboard === d.key)
        .map((p) => ({
          id: p.id,
          title: tr(ctx, p.title),
          definition: tr(ctx, p.definition),
          filters: [...p.filters],
        })),
    })).filter((d) => d.panels.length > 0),
  };
}

function localise(ctx: Ctx, data: PanelData) {
  return {
    chart: {
      ...data.chart,
      yCategories: data.chart.yCategories ?? null,
      cells: data.chart.cells ?? null,
      series: data.chart.series.map((s) => ({ key: s.key, name: tr(ctx, s.name), data: s.data })),
    },
    columns: data.columns.map((c) => ({ key: c.key, title: tr(ctx, c.title), format: c.format })),
    rows: data.rows,
    headline: (data.headline ?? []).map((h) => ({ ...h, title: tr(ctx, h.title) })),
    segments:
      data.segments?.map((s) => (s ? { name: tr(ctx, s.name), filter: s.filter } : null)) ?? null,
  };
}

export async function panelAnswer(ctx: Ctx, panelId: string, input: FilterInput) {
  const def = findPanel(panelId);
  const takes = (f: string) => def.filters.includes(f as never);
  const { query, compare } = await resolveFilters(ctx, {
    ...input,
    storeId: takes('store') ? input.storeId : null,
  });
  const data = await def.query(ctx, query);
  const cmp = compare && takes('compare') ? await def.query(ctx, compare) : null;
  return {
    id: def.id,
    dashboard: def.dashboard,
    title: tr(ctx, def.title),
    definition: tr(ctx, def.definition),
    filters: [...def.filters],
    storeId: query.storeId,
    period: { from: query.from, to: query.to },
    comparePeriod: cmp && compare ? { from: compare.from, to: compare.to } : null,
    builtAt: await lastBuild(ctx),
    ...localise(ctx, data),
    comparison: cmp ? localise(ctx, cmp) : null,
  };
}

export type PanelAnswer = Awaited<ReturnType<typeof panelAnswer>>;

/** A cell as the table and the CSV show it: yuan with 2 decimals, percentages with 2. */
export function formatCell(value: Cell, format: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (format === 'fen') return (value / 100).toFixed(2);
  if (format === 'pct') return (value * 100).toFixed(2);
  if (format === 'decimal') return value.toFixed(2);
  return String(value);
}

const unitOf = (ctx: Ctx, format: string) =>
  format === 'fen' ? (ctx.locale === 'en' ? ' (CNY)' : '（元）') : format === 'pct' ? ' (%)' : '';

/** The panel's table as CSV, UTF-8 with a BOM (Excel then reads Chinese right). */
export async function panelCsv(ctx: Ctx, panelId: string, input: FilterInput): Promise<string> {
  const a = await panelAnswer(ctx, panelId, input);
  const header = a.columns.map((c) => `${c.title}${unitOf(ctx, c.format)}`);
  const body = a.rows.map((r) => a.columns.map((c) => formatCell(r[c.key] ?? null, c.format)));
  return `\uFEFF${stringify([header, ...body])}`;
}
