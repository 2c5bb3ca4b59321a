// Retention by monthly cohort of the first paid visit: the triangle of the share of each cohort
// with a paid visit N months later.
import { ratio, readCells } from '../cells.ts';
import { monthsOf } from '../filters.ts';
import { L, type PanelDef } from '../panel.ts';

/** Months after the first visit shown (0 = the month of the first visit). */
export const COHORT_OFFSETS = 12;

const offsetLabel = (i: number) => `M${i}`;

export const cohortRetentionPanel: PanelDef = {
  id: 'cohort-retention',
  dashboard: 'customers',
  title: L('月度同期群留存', 'Retention by monthly cohort'),
  definition: L(
    '按首次付款到店的月份分组（同期群），第 N 个月仍有付款到店的客户占该组人数的比例；M0 为首月（100%），尚未到来的月份留空。',
    'Customers grouped by the month of their first paid visit (cohort): the share of the cohort with a paid visit N months later; M0 is the first month (100%), months still to come are blank.',
  ),
  filters: ['store', 'period'],
  async query(ctx, q) {
    const [cells, sizes] = await Promise.all([
      readCells(ctx, 'cohort', q.storeId, { fromK1: q.months[0], toK1: q.months.at(-1) }),
      readCells(ctx, 'cohort_status', q.storeId, { fromK1: q.months[0], toK1: q.months.at(-1) }),
    ]);
    const size = new Map(sizes.map((s) => [s.k1, s.v[0]]));
    const active = new Map(cells.map((c) => [`${c.k1}|${Number(c.k2)}`, c.v[0]]));
    const current = q.today.slice(0, 7);
    const offsets = Array.from({ length: COHORT_OFFSETS + 1 }, (_, i) => i);
    const rows = q.months.map((m) => {
      const n = size.get(m) ?? 0;
      const future = monthsOf(`${m}-01`, `${current}-01`).length - 1;
      const row: Record<string, string | number | null> = { cohort: m, customers: n };
      for (const i of offsets)
        row[offsetLabel(i)] = i > future || n === 0 ? null : ratio(active.get(`${m}|${i}`) ?? 0, n);
      return row;
    });
    const heat: [number, number, number | null][] = [];
    rows.forEach((r, y) =>
      offsets.forEach((i) => heat.push([i, y, r[offsetLabel(i)] as number | null])),
    );
    return {
      chart: {
        type: 'heatmap',
        categories: offsets.map(offsetLabel),
        yCategories: q.months,
        series: [],
        cells: heat,
        format: 'pct',
      },
      columns: [
        {
          key: 'cohort',
          title: L('同期群（首次到店月）', 'Cohort (month of first visit)'),
          format: 'text',
        },
        { key: 'customers', title: L('人数', 'Customers'), format: 'int' },
        ...offsets.map((i) => ({
          key: offsetLabel(i),
          title: L(`第 ${i} 月`, `Month ${i}`),
          format: 'pct' as const,
        })),
      ],
      rows,
    };
  },
};
