// Cost per conversion per channel: what the reminders' and campaigns' messages cost on each
// channel in the period (the tenant's per-message costs; SMS per 70-character segment of the
// text sent) against the conversions attributed to them — each conversion credited to the
// channel that last carried its message (the reminders' and campaigns' own attribution).
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/database.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { L, type Localised, type PanelDef, type PanelQuery } from '../panel.ts';
import { getAnalyticsSettings, type AnalyticsSettings } from '../settings.ts';

/** The channels in the order the panel lists them, with their per-message cost setting. */
export const COST_CHANNELS: {
  key: 'sms' | 'wechat' | 'email' | 'webpush' | 'inapp';
  name: Localised;
  cost: keyof AnalyticsSettings | null;
}[] = [
  { key: 'sms', name: L('短信', 'SMS'), cost: 'smsSegmentFen' },
  { key: 'wechat', name: L('微信', 'WeChat'), cost: 'wechatFen' },
  { key: 'email', name: L('邮件', 'E-mail'), cost: 'emailFen' },
  { key: 'webpush', name: L('推送', 'Push'), cost: 'pushFen' },
  { key: 'inapp', name: L('站内信', 'Inbox'), cost: null },
];

/** Characters per billed SMS segment (the tenant's SMS cost is per segment). */
export const SMS_SEGMENT_CHARS = 70;

/** A delivery that reached the provider (what is paid for). */
const SENT = sql`('sent', 'delivered', 'opened', 'clicked')`;

interface ChannelFigures {
  channel: string;
  sent: number;
  segments: number;
  converted: number;
  revenue: number;
}

/** Per channel: messages sent, SMS segments, conversions and their revenue. */
async function channelFigures(ctx: Ctx, q: PanelQuery): Promise<ChannelFigures[]> {
  const t = sql`${ctx.tenantId}::uuid`;
  const inPeriod = (at: ReturnType<typeof sql>) =>
    sql`(${at} at time zone tz.tz)::date between ${q.from}::date and ${q.to}::date`;
  const ofStore = (customer: ReturnType<typeof sql>) =>
    sql`(${q.storeId}::uuid is null or exists (select 1 from customers c
          where c.tenant_id = ${t} and c.id = ${customer} and c.home_store_id = ${q.storeId}::uuid))`;
  return queryRows<ChannelFigures>(
    ctx.tx,
    sql`with tz as (select t.timezone as tz from tenants t where t.tenant_id = ${t}),
        s as (
          select d.channel, count(*)::int as sent,
            coalesce(sum(greatest(1, ceil(char_length(coalesce(d.body, ''))::numeric / ${SMS_SEGMENT_CHARS})))
              filter (where d.channel = 'sms'), 0)::int as segments
          from message_deliveries d
          join message_intents i on i.tenant_id = d.tenant_id and i.id = d.intent_id
          cross join tz
          where d.tenant_id = ${t} and i.source_type in ('rule', 'campaign')
            and d.status in ${SENT} and ${inPeriod(sql`d.created_at`)}
            and ${ofStore(sql`i.customer_id`)}
          group by 1
        ), conv as (
          select a.customer_id, a.revenue_fen, a.converted_at, rs.intent_id
          from reminder_attributions a
          join reminder_sends rs on rs.tenant_id = a.tenant_id and rs.id = a.send_id
          where a.tenant_id = ${t}
          union all
          select a.customer_id, sum(a.revenue_fen), min(a.converted_at), r.intent_id
          from campaign_attributions a
          join campaign_recipients r on r.tenant_id = a.tenant_id and r.campaign_id = a.campaign_id
            and r.run_no = a.run_no and r.customer_id = a.customer_id
          where a.tenant_id = ${t} and not a.held_out
          group by a.campaign_id, a.run_no, a.customer_id, r.intent_id
        ), a as (
          select ch.channel, count(*)::int as converted, coalesce(sum(conv.revenue_fen), 0)::bigint as revenue
          from conv cross join tz
          cross join lateral (
            select d.channel from message_deliveries d
            where d.tenant_id = ${t} and d.intent_id = conv.intent_id and d.status in ${SENT}
            order by d.created_at desc, d.id desc limit 1) ch
          where ${inPeriod(sql`conv.converted_at`)} and ${ofStore(sql`conv.customer_id`)}
          group by 1
        )
        select coalesce(s.channel, a.channel) as channel, coalesce(s.sent, 0) as sent,
          coalesce(s.segments, 0) as segments, coalesce(a.converted, 0) as converted,
          coalesce(a.revenue, 0) as revenue
        from s full join a on a.channel = s.channel`,
  );
}

/** The panel's rows (one per channel, zeros included) from the figures and the settings. */
export function channelCostRows(
  figures: ChannelFigures[],
  settings: AnalyticsSettings,
  locale: string,
) {
  return COST_CHANNELS.map((c) => {
    const f = figures.find((x) => x.channel === c.key);
    const sent = Number(f?.sent ?? 0);
    const segments = Number(f?.segments ?? 0);
    const converted = Number(f?.converted ?? 0);
    const unit = c.cost ? Number(settings[c.cost]) : 0;
    const costFen = (c.key === 'sms' ? segments : sent) * unit;
    return {
      key: c.key,
      channel: locale === 'en' ? c.name.en : c.name['zh-CN'],
      sent,
      segments: c.key === 'sms' ? segments : null,
      costFen,
      converted,
      revenueFen: Number(f?.revenue ?? 0),
      costPerConversionFen: converted > 0 ? costFen / converted : null,
    };
  });
}

export const channelCostPanel: PanelDef = {
  id: 'channel-cost',
  dashboard: 'marketing',
  title: L('各渠道转化成本', 'Cost per conversion by channel'),
  definition: L(
    '期间内（按租户时区的日期）每个渠道上自动提醒和营销活动发出的消息数与成本（按设置的单条价格，短信按每 70 字一条计费），以及归因到该渠道的转化（提醒与活动各自的归因；一次转化记在最后一次送达它的消息的渠道上）；单次转化成本 = 成本 ÷ 转化，没有转化时为空。门店按客户的所属门店。',
    'Per channel in the period (local days): messages sent by reminders and campaigns and their cost (the per-message costs in the settings; SMS per 70-character segment), and the conversions attributed to them (the reminders’ and campaigns’ own attribution; a conversion counts for the channel that last carried its message); cost per conversion = cost ÷ conversions, empty without conversions. Stores: the customer’s home store.',
  ),
  filters: ['store', 'period', 'compare'],
  async query(ctx, q) {
    const settings = await getAnalyticsSettings(ctx);
    const rows = channelCostRows(await channelFigures(ctx, q), settings, ctx.locale);
    const cost = rows.reduce((s, r) => s + r.costFen, 0);
    const converted = rows.reduce((s, r) => s + r.converted, 0);
    return {
      chart: {
        type: 'bar',
        categories: rows.map((r) => r.channel),
        format: 'fen',
        series: [
          { key: 'costFen', name: L('成本', 'Cost'), data: rows.map((r) => r.costFen) },
          {
            key: 'costPerConversionFen',
            name: L('单次转化成本', 'Cost per conversion'),
            data: rows.map((r) => r.costPerConversionFen),
          },
        ],
      },
      columns: [
        { key: 'channel', title: L('渠道', 'Channel'), format: 'text' },
        { key: 'sent', title: L('发送', 'Sent'), format: 'int' },
        { key: 'segments', title: L('短信计费条数', 'SMS segments'), format: 'int' },
        { key: 'costFen', title: L('成本', 'Cost'), format: 'fen' },
        { key: 'converted', title: L('转化', 'Converted'), format: 'int' },
        { key: 'revenueFen', title: L('转化收入', 'Revenue'), format: 'fen' },
        {
          key: 'costPerConversionFen',
          title: L('单次转化成本', 'Cost per conversion'),
          format: 'fen',
        },
      ],
      rows,
      headline: [
        { key: 'costFen', title: L('总成本', 'Total cost'), value: cost, format: 'fen' },
        { key: 'converted', title: L('转化', 'Converted'), value: converted, format: 'int' },
        {
          key: 'costPerConversionFen',
          title: L('单次转化成本', 'Cost per conversion'),
          value: converted > 0 ? cost / converted : null,
          format: 'fen',
        },
      ],
    };
  },
};
