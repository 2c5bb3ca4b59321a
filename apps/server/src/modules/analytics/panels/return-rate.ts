// Return rate after a first visit: of the month's new customers, the share back within 180 days.
import { monthCells, ratio } from '../cells.ts';
import { L, type PanelDef } from '../panel.ts';
import { RETURN_DAYS } from '../rollup.ts';

export const returnRatePanel: PanelDef = {
  id: 'return-rate',
  dashboard: 'customers',
  title: L('首次到店后的回头率', 'Return rate after a first visit'),
  definition: L(
    `当月首次付款到店的新客中，${RETURN_DAYS} 天内再次付款到店的比例（最近半年的新客仍在观察期内，比例会继续上升）。`,
    `Of the customers whose first paid visit was in the month, the share with another paid visit within ${RETURN_DAYS} days (the last six months’ new customers are still within that time, so their rate still rises).`,
  ),
  filters: ['store', 'period', 'compare'],
  async query(ctx, q) {
    const cells = await monthCells(ctx, 'month', q.storeId, q.months);
    const rows = q.months.map((m) => {
      const v = cells.get(m)!;
      return { month: m, fresh: v[1], returned: v[5], rate: ratio(v[5], v[1]) };
    });
    const fresh = rows.reduce((s, r) => s + r.fresh, 0);
    const returned = rows.reduce((s, r) => s + r.returned, 0);
    return {
      chart: {
        type: 'line',
        categories: q.months,
        format: 'pct',
        series: [{ key: 'rate', name: L('回头率', 'Return rate'), data: rows.map((r) => r.rate) }],
      },
      columns: [
        { key: 'month', title: L('首次到店月份', 'Month of first visit'), format: 'text' },
        { key: 'fresh', title: L('新客', 'New customers'), format: 'int' },
        {
          key: 'returned',
          title: L(`${RETURN_DAYS} 天内回头`, `Back within ${RETURN_DAYS} days`),
          format: 'int',
        },
        { key: 'rate', title: L('回头率', 'Return rate'), format: 'pct' },
      ],
      rows,
      headline: [
        {
          key: 'rate',
          title: L('期间回头率', 'Return rate, period'),
          value: ratio(returned, fresh),
          format: 'pct',
        },
      ],
    };
  },
};
