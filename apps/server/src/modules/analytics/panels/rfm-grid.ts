// The RFM grid: customers and their spend per recency × frequency quintile, each cell a segment.
import { ratio, readCells } from '../cells.ts';
import { L, type PanelDef } from '../panel.ts';

const Q = [1, 2, 3, 4, 5];

export const rfmGridPanel: PanelDef = {
  id: 'rfm-grid',
  dashboard: 'customers',
  title: L('RFM 客户分层', 'RFM grid'),
  definition: L(
    '客户按最近一次到店（R）和到店次数（F）在本店客户中的五分位分格（5 最好，见客户统计的每晚刷新），每格的人数和累计消费；选了门店时为所属门店的客户。点一格可存为客户分群。',
    'Customers by quintile of recency (R) and visit count (F) among the tenant’s customers (5 best, as of customer statistics’ nightly refresh), with their count and lifetime spend per cell; with a store chosen, the customers of that home store. A cell can be saved as a segment.',
  ),
  filters: ['store'],
  async query(ctx, q) {
    const cells = await readCells(ctx, 'rfm', q.storeId);
    const by = new Map(cells.map((c) => [`${c.k1}|${c.k2}`, c.v]));
    const rows = Q.flatMap((r) =>
      Q.map((f) => {
        const [customers, spendFen] = by.get(`${r}|${f}`) ?? [0, 0];
        const avg = ratio(spendFen, customers);
        return { r, f, customers, spendFen, avgFen: avg === null ? null : Math.round(avg) };
      }),
    ).reverse();
    return {
      chart: {
        type: 'heatmap',
        categories: Q.map((f) => `F${f}`),
        yCategories: Q.map((r) => `R${r}`),
        series: [],
        cells: rows.map((row) => [row.f - 1, row.r - 1, row.customers] as [number, number, number]),
        format: 'int',
      },
      columns: [
        { key: 'r', title: L('R 近度', 'R recency'), format: 'int' },
        { key: 'f', title: L('F 频次', 'F frequency'), format: 'int' },
        { key: 'customers', title: L('客户数', 'Customers'), format: 'int' },
        { key: 'spendFen', title: L('累计消费', 'Lifetime spend'), format: 'fen' },
        { key: 'avgFen', title: L('人均消费', 'Spend per customer'), format: 'fen' },
      ],
      rows,
      segments: rows.map((row) => ({
        name: L(`RFM R${row.r}·F${row.f}`, `RFM R${row.r}·F${row.f}`),
        filter: {
          kind: 'and',
          children: [
            { kind: 'rule', field: 'rfm.recency', op: 'eq', value: row.r },
            { kind: 'rule', field: 'rfm.frequency', op: 'eq', value: row.f },
            ...(q.storeId
              ? [{ kind: 'rule', field: 'customer.homeStore', op: 'eq', value: q.storeId }]
              : []),
          ],
        },
      })),
    };
  },
};
