// Referral share: of the month's revenue and new customers, how much came through referrals.
import { monthCells, ratio } from '../cells.ts';
import { L, type PanelDef } from '../panel.ts';

export const referralSharePanel: PanelDef = {
  id: 'referral-share',
  dashboard: 'marketing',
  title: L('老带新占比', 'Referral share'),
  definition: L(
    '每月营业额中被推荐客户（推荐未被驳回）贡献的比例，及当月新客（首次付款到店）中被推荐的比例。',
    'Per month, the share of revenue from referred customers (referral not rejected), and the share of the month’s new customers (first paid visit) who were referred.',
  ),
  filters: ['store', 'period', 'compare'],
  async query(ctx, q) {
    const cells = await monthCells(ctx, 'month', q.storeId, q.months);
    const rows = q.months.map((m) => {
      const v = cells.get(m)!;
      return {
        month: m,
        revenueFen: v[3],
        referredRevenueFen: v[6],
        revenueShare: ratio(v[6], v[3]),
        fresh: v[1],
        referredNew: v[7],
        newShare: ratio(v[7], v[1]),
      };
    });
    const sum = (k: 'revenueFen' | 'referredRevenueFen' | 'fresh' | 'referredNew') =>
      rows.reduce((s, r) => s + r[k], 0);
    return {
      chart: {
        type: 'line',
        categories: q.months,
        format: 'pct',
        series: [
          {
            key: 'revenueShare',
            name: L('营业额占比', 'Share of revenue'),
            data: rows.map((r) => r.revenueShare),
          },
          {
            key: 'newShare',
            name: L('新客占比', 'Share of new customers'),
            data: rows.map((r) => r.newShare),
          },
        ],
      },
      columns: [
        { key: 'month', title: L('月份', 'Month'), format: 'text' },
        { key: 'revenueFen', title: L('营业额', 'Revenue'), format: 'fen' },
        {
          key: 'referredRevenueFen',
          title: L('被推荐客户营业额', 'Revenue, referred'),
          format: 'fen',
        },
        { key: 'revenueShare', title: L('营业额占比', 'Share of revenue'), format: 'pct' },
        { key: 'fresh', title: L('新客', 'New customers'), format: 'int' },
        { key: 'referredNew', title: L('被推荐新客', 'Referred new customers'), format: 'int' },
        { key: 'newShare', title: L('新客占比', 'Share of new customers'), format: 'pct' },
      ],
      rows,
      headline: [
        {
          key: 'revenueShare',
          title: L('营业额占比', 'Share of revenue'),
          value: ratio(sum('referredRevenueFen'), sum('revenueFen')),
          format: 'pct',
        },
        {
          key: 'newShare',
          title: L('新客占比', 'Share of new customers'),
          value: ratio(sum('referredNew'), sum('fresh')),
          format: 'pct',
        },
      ],
    };
  },
};
