// Points and stored-value liability over time: issued, spent, expired and outstanding per month,
// with the expected breakage of what is outstanding.
import { monthCells, ratio, readCells } from '../cells.ts';
import { monthsOf } from '../filters.ts';
import { L, type Localised, type PanelDef } from '../panel.ts';

type Kind = 'points' | 'stored_value';

/** The share of what left the customers' accounts in the 12 months to `month` that expired. */
async function breakageRate(ctx: Parameters<PanelDef['query']>[0], kind: Kind, month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = monthsOf(`${y - 1}-${String(m).padStart(2, '0')}-01`, `${month}-01`)[1]!;
  const cells = (await readCells(ctx, 'liability', null, { fromK1: from, toK1: month })).filter(
    (c) => c.k2 === kind,
  );
  const spent = cells.reduce((s, c) => s + c.v[1], 0);
  const expired = cells.reduce((s, c) => s + c.v[2], 0);
  return ratio(expired, spent + expired) ?? 0;
}

function liabilityPanel(kind: Kind, title: Localised, unit: Localised): PanelDef {
  const format = kind === 'points' ? ('int' as const) : ('fen' as const);
  return {
    id: kind === 'points' ? 'points-liability' : 'stored-value-liability',
    dashboard: 'loyalty',
    title,
    definition: L(
      `客户账户中的${unit['zh-CN']}：每月发放、使用（含退款冲回）、过期，及月末余额（负债）。预计沉淀 = 期末余额 × 近 12 个月流出中过期所占比例（历史过期率法）。全部门店。`,
      `${unit.en} in customers’ accounts: issued, spent (refunds and reversals included) and expired per month, and the balance owed at the month’s end. Expected breakage = closing balance × the share of the last 12 months’ outflow that expired (historical expiry rate). Every store.`,
    ),
    filters: ['period', 'compare'],
    async query(ctx, q) {
      const cells = await monthCells(ctx, 'liability', null, q.months, kind);
      const rows = q.months.map((m) => {
        const v = cells.get(m)!;
        return { month: m, issued: v[0], spent: v[1], expired: v[2], outstanding: v[3] };
      });
      const closing = rows.at(-1)?.outstanding ?? 0;
      const rate = q.months.length ? await breakageRate(ctx, kind, q.months.at(-1)!) : 0;
      return {
        chart: {
          type: 'bar',
          categories: q.months,
          format,
          series: [
            { key: 'issued', name: L('发放', 'Issued'), data: rows.map((r) => r.issued) },
            { key: 'spent', name: L('使用', 'Spent'), data: rows.map((r) => r.spent) },
            { key: 'expired', name: L('过期', 'Expired'), data: rows.map((r) => r.expired) },
            {
              key: 'outstanding',
              name: L('余额', 'Outstanding'),
              data: rows.map((r) => r.outstanding),
            },
          ],
        },
        columns: [
          { key: 'month', title: L('月份', 'Month'), format: 'text' },
          { key: 'issued', title: L('发放', 'Issued'), format },
          { key: 'spent', title: L('使用', 'Spent'), format },
          { key: 'expired', title: L('过期', 'Expired'), format },
          { key: 'outstanding', title: L('月末余额', 'Outstanding at month end'), format },
        ],
        rows,
        headline: [
          { key: 'outstanding', title: L('期末余额', 'Outstanding'), value: closing, format },
          {
            key: 'breakageRate',
            title: L('历史过期率', 'Historical expiry rate'),
            value: rate,
            format: 'pct',
          },
          {
            key: 'breakage',
            title: L('预计沉淀', 'Expected breakage'),
            value: Math.round(closing * rate),
            format,
          },
        ],
      };
    },
  };
}

export const pointsLiabilityPanel = liabilityPanel(
  'points',
  L('积分负债', 'Points liability'),
  L('积分', 'Points'),
);
export const storedValueLiabilityPanel = liabilityPanel(
  'stored_value',
  L('储值负债', 'Stored-value liability'),
  L('储值（本金与赠送，元）', 'Stored value (principal and bonus)'),
);
