// New and returning customers per month, with the revenue of the month's paid visits.
import { monthCells } from '../cells.ts';
import { L, type PanelDef } from '../panel.ts';

export const newReturningPanel: PanelDef = {
  id: 'new-returning',
  dashboard: 'customers',
  title: L('新客与回头客', 'New and returning customers'),
  definition: L(
    '每月有已付款到店的客户：首次付款到店在当月的为新客，之前已来过的为回头客（选了门店时按该门店的首次到店）；营业额为当月已付款工单的实收。',
    'Customers with a paid visit in the month: new when their first paid visit ever is in that month, returning when they came before (with a store chosen, the first visit at that store); revenue is what the month’s paid orders took.',
  ),
  filters: ['store', 'period', 'compare'],
  async query(ctx, q) {
    const cells = await monthCells(ctx, 'month', q.storeId, q.months);
    const rows = q.months.map((m) => {
      const v = cells.get(m)!;
      return {
        month: m,
        active: v[0],
        fresh: v[1],
        returning: v[2],
        revenueFen: v[3],
        visits: v[4],
      };
    });
    const sum = (k: 'fresh' | 'returning' | 'revenueFen') => rows.reduce((s, r) => s + r[k], 0);
    return {
      chart: {
        type: 'stacked',
        categories: q.months,
        format: 'int',
        series: [
          { key: 'fresh', name: L('新客', 'New'), data: rows.map((r) => r.fresh) },
          { key: 'returning', name: L('回头客', 'Returning'), data: rows.map((r) => r.returning) },
        ],
      },
      columns: [
        { key: 'month', title: L('月份', 'Month'), format: 'text' },
        { key: 'active', title: L('到店客户', 'Customers'), format: 'int' },
        { key: 'fresh', title: L('新客', 'New'), format: 'int' },
        { key: 'returning', title: L('回头客', 'Returning'), format: 'int' },
        { key: 'visits', title: L('付款工单', 'Paid visits'), format: 'int' },
        { key: 'revenueFen', title: L('营业额', 'Revenue'), format: 'fen' },
      ],
      rows,
      headline: [
        { key: 'fresh', title: L('新客', 'New customers'), value: sum('fresh'), format: 'int' },
        {
          key: 'returning',
          title: L('回头客（人次·月）', 'Returning (customer-months)'),
          value: sum('returning'),
          format: 'int',
        },
        {
          key: 'revenueFen',
          title: L('营业额', 'Revenue'),
          value: sum('revenueFen'),
          format: 'fen',
        },
      ],
    };
  },
};
