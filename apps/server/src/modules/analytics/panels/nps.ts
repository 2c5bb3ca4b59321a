// NPS by month from the service desk's surveys (feedback's `npsMonthly`): promoters minus
// detractors among the answers to surveys sent in the month, and how many answered.
import { tenantTimeZone, zonedDayStart } from '../../service/index.ts';
import { npsMonthly } from '../../feedback/index.ts';
import { ratio } from '../cells.ts';
import { L, type PanelDef } from '../panel.ts';

export const npsPanel: PanelDef = {
  id: 'nps',
  dashboard: 'customers',
  title: L('净推荐值（NPS）', 'Net Promoter Score (NPS)'),
  definition: L(
    '当月发出的服务后评价中：推荐者（9–10 分）占比减去贬损者（0–6 分）占比，乘以 100；回复率 = 回复数 ÷ 发出数。',
    'Of the after-service surveys sent in the month: the share of promoters (9–10) minus the share of detractors (0–6), times 100; response rate = answers ÷ surveys sent.',
  ),
  filters: ['store', 'period', 'compare'],
  async query(ctx, q) {
    const tz = await tenantTimeZone(ctx);
    const from = zonedDayStart(q.from, tz)!;
    const to = zonedDayStart(q.to, tz, 1)!;
    const months = await npsMonthly(ctx, { from, to, storeId: q.storeId });
    const rows = months.map((m) => ({ ...m, responseRate: ratio(m.responses, m.sent) }));
    const sum = (k: 'sent' | 'responses' | 'promoters' | 'detractors') =>
      rows.reduce((s, r) => s + r[k], 0);
    const answered = sum('responses');
    const nps = answered
      ? Math.round(((sum('promoters') - sum('detractors')) / answered) * 1000) / 10
      : null;
    return {
      chart: {
        type: 'line',
        categories: rows.map((r) => r.month),
        format: 'decimal',
        series: [{ key: 'nps', name: L('NPS', 'NPS'), data: rows.map((r) => r.nps) }],
      },
      columns: [
        { key: 'month', title: L('月份', 'Month'), format: 'text' },
        { key: 'sent', title: L('发出', 'Sent'), format: 'int' },
        { key: 'responses', title: L('回复', 'Answered'), format: 'int' },
        { key: 'responseRate', title: L('回复率', 'Response rate'), format: 'pct' },
        { key: 'promoters', title: L('推荐者', 'Promoters'), format: 'int' },
        { key: 'passives', title: L('被动者', 'Passives'), format: 'int' },
        { key: 'detractors', title: L('贬损者', 'Detractors'), format: 'int' },
        { key: 'nps', title: L('NPS', 'NPS'), format: 'decimal' },
      ],
      rows,
      headline: [
        { key: 'nps', title: L('期间 NPS', 'NPS, period'), value: nps, format: 'decimal' },
        {
          key: 'responseRate',
          title: L('期间回复率', 'Response rate, period'),
          value: ratio(answered, sum('sent')),
          format: 'pct',
        },
      ],
    };
  },
};
