// Active customers: at each month's end, customers with a paid visit in the last 90, 180 and
// 365 days.
import { monthCells } from '../cells.ts';
import { L, type PanelDef } from '../panel.ts';
import { ACTIVE_WINDOWS } from '../rollup.ts';

export const activeCustomersPanel: PanelDef = {
  id: 'active-customers',
  dashboard: 'customers',
  title: L('活跃客户', 'Active customers'),
  definition: L(
    '每月月末（本月为今天）在最近 90 / 180 / 365 天内有过已付款到店的客户数；已退款和已取消的工单不算，合并的客户算作一人。',
    'At each month’s end (today for this month), customers with a paid visit in the last 90 / 180 / 365 days; refunded and cancelled orders do not count, merged customers count once.',
  ),
  filters: ['store', 'period', 'compare'],
  async query(ctx, q) {
    const byWindow = await Promise.all(
      ACTIVE_WINDOWS.map((n) => monthCells(ctx, 'active', q.storeId, q.months, String(n))),
    );
    const value = (i: number, m: string) => byWindow[i]!.get(m)![0];
    return {
      chart: {
        type: 'line',
        categories: q.months,
        format: 'int',
        series: ACTIVE_WINDOWS.map((n, i) => ({
          key: `d${n}`,
          name: L(`近 ${n} 天`, `Last ${n} days`),
          data: q.months.map((m) => value(i, m)),
        })),
      },
      columns: [
        { key: 'month', title: L('月份', 'Month'), format: 'text' },
        ...ACTIVE_WINDOWS.map((n) => ({
          key: `d${n}`,
          title: L(`近 ${n} 天活跃`, `Active, last ${n} days`),
          format: 'int' as const,
        })),
      ],
      rows: q.months.map((m) => ({
        month: m,
        ...Object.fromEntries(ACTIVE_WINDOWS.map((n, i) => [`d${n}`, value(i, m)])),
      })),
      headline: ACTIVE_WINDOWS.map((n, i) => ({
        key: `d${n}`,
        title: L(`近 ${n} 天活跃`, `Active, last ${n} days`),
        value: q.months.length ? value(i, q.months.at(-1)!) : null,
        format: 'int' as const,
      })),
    };
  },
};
