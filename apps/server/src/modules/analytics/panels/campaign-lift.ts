// Campaigns against their hold-out: sent, opened, converted, revenue, and the lift of the
// conversion rate over the hold-out group with its 95% interval (Newcombe).
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/database.ts';
import { ratio } from '../cells.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { L, type PanelDef, type PanelQuery } from '../panel.ts';
import { newcombeLift } from '../stats.ts';

interface CampaignFigures {
  id: string;
  name: string;
  treated: number;
  sent: number;
  opened: number;
  converted: number;
  revenue: number;
  held: number;
  held_converted: number;
}

/** Per campaign launched in the period: the treated and held-out groups and their conversions. */
async function campaignFigures(ctx: Ctx, q: PanelQuery): Promise<CampaignFigures[]> {
  return queryRows<CampaignFigures>(
    ctx.tx,
    sql`with c as (
            select c.id, c.name, c.launched_at from campaigns c
            join tenants t on t.tenant_id = c.tenant_id
            where c.tenant_id = ${ctx.tenantId}::uuid and c.launched_at is not null
              and (c.launched_at at time zone t.timezone)::date between ${q.from}::date and ${q.to}::date
          ), r as (
            select r.campaign_id,
              count(*) filter (where not r.held_out)::int as treated,
              count(*) filter (where not r.held_out and i.status = 'sent')::int as sent,
              count(*) filter (where not r.held_out and exists (
                select 1 from message_deliveries d where d.tenant_id = r.tenant_id
                  and d.intent_id = r.intent_id and d.status in ('opened', 'clicked')))::int as opened,
              count(*) filter (where r.held_out)::int as held
            from campaign_recipients r
            left join message_intents i on i.tenant_id = r.tenant_id and i.id = r.intent_id
            where r.tenant_id = ${ctx.tenantId}::uuid and r.campaign_id in (select id from c)
            group by 1
          ), a as (
            select a.campaign_id,
              count(distinct (a.run_no, a.customer_id)) filter (where not a.held_out)::int as converted,
              coalesce(sum(a.revenue_fen) filter (where not a.held_out), 0)::bigint as revenue,
              count(distinct (a.run_no, a.customer_id)) filter (where a.held_out)::int as held_converted
            from campaign_attributions a
            where a.tenant_id = ${ctx.tenantId}::uuid and a.campaign_id in (select id from c)
            group by 1
          )
          select c.id, c.name, coalesce(r.treated, 0) as treated, coalesce(r.sent, 0) as sent,
            coalesce(r.opened, 0) as opened, coalesce(a.converted, 0) as converted,
            coalesce(a.revenue, 0) as revenue, coalesce(r.held, 0) as held,
            coalesce(a.held_converted, 0) as held_converted
          from c left join r on r.campaign_id = c.id left join a on a.campaign_id = c.id
          order by c.launched_at, c.id`,
  );
}

export const campaignLiftPanel: PanelDef = {
  id: 'campaign-lift',
  dashboard: 'marketing',
  title: L('营销活动转化与提升', 'Campaign conversion and lift'),
  definition: L(
    '期间内发起的活动：发送、打开、转化（归因期内付款或预约，按人计）、转化收入；提升 = 发送组转化率 − 对照组（不发送）转化率，两组都按入选人数计（意向处理），95% 置信区间用 Newcombe 混合 Score 法（两组 Wilson 区间合成）。',
    'Campaigns launched in the period: sent, opened, converted (a payment or booking within the attribution window, per customer), revenue; lift = conversion rate of the targeted group − that of the hold-out (not sent), both over everyone selected (intention to treat), with a 95% interval by Newcombe’s hybrid score method (from the two Wilson intervals).',
  ),
  filters: ['period', 'compare'],
  async query(ctx, q) {
    const rows = await campaignFigures(ctx, q);
    const out = rows.map((r) => {
      const [treated, held, converted, heldConverted] = [
        r.treated,
        r.held,
        r.converted,
        r.held_converted,
      ].map(Number) as [number, number, number, number];
      const lift = newcombeLift(converted, treated, heldConverted, held);
      return {
        campaign: r.name,
        sent: Number(r.sent),
        opened: Number(r.opened),
        converted,
        revenueFen: Number(r.revenue),
        rate: ratio(converted, Number(r.sent)),
        holdout: held,
        holdoutConverted: heldConverted,
        holdoutRate: ratio(heldConverted, held),
        lift: lift?.lift ?? null,
        liftLow: lift?.low ?? null,
        liftHigh: lift?.high ?? null,
      };
    });
    return {
      chart: {
        type: 'bar',
        categories: out.map((r) => r.campaign),
        format: 'pct',
        series: [
          {
            key: 'rate',
            name: L('发送组转化率', 'Conversion, sent'),
            data: out.map((r) => r.rate),
          },
          {
            key: 'holdoutRate',
            name: L('对照组转化率', 'Conversion, hold-out'),
            data: out.map((r) => r.holdoutRate),
          },
          { key: 'lift', name: L('提升', 'Lift'), data: out.map((r) => r.lift) },
        ],
      },
      columns: [
        { key: 'campaign', title: L('活动', 'Campaign'), format: 'text' },
        { key: 'sent', title: L('发送', 'Sent'), format: 'int' },
        { key: 'opened', title: L('打开', 'Opened'), format: 'int' },
        { key: 'converted', title: L('转化', 'Converted'), format: 'int' },
        { key: 'revenueFen', title: L('转化收入', 'Revenue'), format: 'fen' },
        { key: 'rate', title: L('转化率', 'Conversion rate'), format: 'pct' },
        { key: 'holdout', title: L('对照组人数', 'Hold-out'), format: 'int' },
        { key: 'holdoutConverted', title: L('对照组转化', 'Hold-out converted'), format: 'int' },
        { key: 'holdoutRate', title: L('对照组转化率', 'Hold-out rate'), format: 'pct' },
        { key: 'lift', title: L('提升', 'Lift'), format: 'pct' },
        { key: 'liftLow', title: L('95% 区间下限', '95% CI low'), format: 'pct' },
        { key: 'liftHigh', title: L('95% 区间上限', '95% CI high'), format: 'pct' },
      ],
      rows: out,
      headline: [
        {
          key: 'converted',
          title: L('转化', 'Converted'),
          value: out.reduce((s, r) => s + r.converted, 0),
          format: 'int',
        },
        {
          key: 'revenueFen',
          title: L('转化收入', 'Revenue'),
          value: out.reduce((s, r) => s + r.revenueFen, 0),
          format: 'fen',
        },
      ],
    };
  },
};
