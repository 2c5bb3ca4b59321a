// What a dashboard panel is: an id, a title and a one-line definition of its figure in both
// languages, the filters it accepts, and a query answering the chart's series and the table's
// columns and rows from one result — so chart, table and CSV always show the same figures. A new
// panel is one file in `panels/` added to the list in `panels/index.ts`; the console renders
// any panel from its answer.
import type { Ctx } from '../../kernel/context.ts';

export type Localised = { 'zh-CN': string; en: string };
export type PanelFilter = 'store' | 'period' | 'compare';
export type ColumnFormat = 'text' | 'int' | 'fen' | 'pct' | 'decimal';

export interface PanelColumn {
  key: string;
  title: Localised;
  format: ColumnFormat;
}

export type Cell = string | number | null;
export type PanelRow = Record<string, Cell>;

export interface PanelChart {
  type: 'line' | 'bar' | 'stacked' | 'heatmap';
  /** The x axis (months, cohorts' ages, groups…). */
  categories: string[];
  /** Heat maps: the y axis (cohorts). */
  yCategories?: string[];
  series: { key: string; name: Localised; data: (number | null)[] }[];
  /** Heat maps: [x index, y index, value]. */
  cells?: [number, number, number | null][];
  /** How the values read (the axis and the tooltip). */
  format: ColumnFormat;
}

export interface PanelData {
  chart: PanelChart;
  columns: PanelColumn[];
  rows: PanelRow[];
  /** Headline figures (a total, a rate) shown above the chart. */
  headline?: { key: string; title: Localised; value: number | null; format: ColumnFormat }[];
  /** Per row (same index), the customers behind it as a segment filter (click through to a
   *  segment: the console saves it through the segments module). */
  segments?: ({ name: Localised; filter: Record<string, unknown> } | null)[];
}

/** The filters a panel query gets, already checked (store of the tenant, period ≤ 5 years). */
export interface PanelQuery {
  /** null: every store. */
  storeId: string | null;
  /** Inclusive local days, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** The months the period touches, `YYYY-MM`, oldest first. */
  months: string[];
  /** The tenant's local day now. */
  today: string;
}

export interface PanelDef {
  id: string;
  dashboard: 'customers' | 'marketing' | 'loyalty' | 'community';
  title: Localised;
  definition: Localised;
  filters: readonly PanelFilter[];
  query(ctx: Ctx, q: PanelQuery): Promise<PanelData>;
}

export const L = (zh: string, en: string): Localised => ({ 'zh-CN': zh, en });
