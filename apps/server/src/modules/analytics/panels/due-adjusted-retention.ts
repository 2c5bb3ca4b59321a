// Due-adjusted retention: a customer who has not come back but whose car is not yet due for
// maintenance by the due-list is "not yet due", not "lost".
import { ratio, readCells } from '../cells.ts';
import { L, type PanelDef } from '../panel.ts';

export const dueAdjustedRetentionPanel: PanelDef = {
  id: 'due-adjusted-retention',
  dashboard: 'customers',
  title: L('按保养到期调整的留存', 'Due-adjusted retention'),
  definition: L(
    '每个同期群至今：回头（首次之后又有付款到店）、未到期（没回头，但其车辆在到期清单上的下次保养日期在今天之后）、流失（其余）。调整后留存 = 回头 ÷ (人数 − 未到期)。',
    'Each cohort so far: returned (a paid visit after the first), not yet due (not back, but their cars’ next maintenance on the due-list is after today), lost (the rest). Due-adjusted retention = returned ÷ (customers − not yet due).',
  ),
  filters: ['store', 'period'],
  async query(ctx, q) {
    const cells = await readCells(ctx, 'cohort_status', q.storeId, {
      fromK1: q.months[0],
      toK1: q.months.at(-1),
    });
    const by = new Map(cells.map((c) => [c.k1, c.v]));
    const rows = q.months.map((m) => {
      const [customers, returned, notYetDue, lost] = by.get(m) ?? [0, 0, 0, 0];
      return {
        cohort: m,
        customers,
        returned,
        notYetDue,
        lost,
        retention: ratio(returned, customers),
        adjusted: ratio(returned, customers - notYetDue),
      };
    });
    const total = (k: 'customers' | 'returned' | 'notYetDue') => rows.reduce((s, r) => s + r[k], 0);
    return {
      chart: {
        type: 'line',
        categories: q.months,
        format: 'pct',
        series: [
          { key: 'retention', name: L('留存', 'Retention'), data: rows.map((r) => r.retention) },
          {
            key: 'adjusted',
            name: L('调整后留存', 'Due-adjusted'),
            data: rows.map((r) => r.adjusted),
          },
        ],
      },
      columns: [
        { key: 'cohort', title: L('同期群', 'Cohort'), format: 'text' },
        { key: 'customers', title: L('人数', 'Customers'), format: 'int' },
        { key: 'returned', title: L('回头', 'Returned'), format: 'int' },
        { key: 'notYetDue', title: L('未到期', 'Not yet due'), format: 'int' },
        { key: 'lost', title: L('流失', 'Lost'), format: 'int' },
        { key: 'retention', title: L('留存', 'Retention'), format: 'pct' },
        { key: 'adjusted', title: L('调整后留存', 'Due-adjusted retention'), format: 'pct' },
      ],
      rows,
      headline: [
        {
          key: 'retention',
          title: L('留存', 'Retention'),
          value: ratio(total('returned'), total('customers')),
          format: 'pct',
        },
        {
          key: 'adjusted',
          title: L('调整后留存', 'Due-adjusted retention'),
          value: ratio(total('returned'), total('customers') - total('notYetDue')),
          format: 'pct',
        },
      ],
    };
  },
};
