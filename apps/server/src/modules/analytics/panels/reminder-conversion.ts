// Automatic reminders per rule: sent, opened, converted and the revenue they brought.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/database.ts';
import { ratio } from '../cells.ts';
import { L, type PanelDef } from '../panel.ts';

export const reminderConversionPanel: PanelDef = {
  id: 'reminder-conversion',
  dashboard: 'marketing',
  title: L('自动提醒转化', 'Reminder conversion'),
  definition: L(
    '期间内每条提醒规则：已发送的提醒、被打开的、转化（提醒后归因期内付款或预约，最后一次触达归因）与转化收入；转化率 = 转化 ÷ 发送。提醒没有对照组。',
    'Per reminder rule in the period: reminders sent, opened, converted (a payment or booking within the attribution window, last touch) and the revenue; conversion rate = converted ÷ sent. Reminders have no hold-out group.',
  ),
  filters: ['period', 'compare'],
  async query(ctx, q) {
    const rows = await queryRows<{
      rule: string;
      sent: number;
      opened: number;
      converted: number;
      revenue: number;
    }>(
      ctx.tx,
      sql`with s as (
            select s.rule_id, count(*)::int as sent,
              count(*) filter (where exists (select 1 from message_deliveries d
                where d.tenant_id = s.tenant_id and d.intent_id = s.intent_id
                  and d.status in ('opened', 'clicked')))::int as opened
            from reminder_sends s
            join message_intents i on i.tenant_id = s.tenant_id and i.id = s.intent_id
            where s.tenant_id = ${ctx.tenantId}::uuid and i.status = 'sent'
              and s.run_date between ${q.from}::date and ${q.to}::date
            group by 1
          ), a as (
            select a.rule_id, count(*)::int as converted, coalesce(sum(a.revenue_fen), 0)::bigint as revenue
            from reminder_attributions a join tenants t on t.tenant_id = a.tenant_id
            where a.tenant_id = ${ctx.tenantId}::uuid
              and (a.converted_at at time zone t.timezone)::date between ${q.from}::date and ${q.to}::date
            group by 1
          )
          select coalesce(r.name, r.key) as rule, coalesce(s.sent, 0) as sent,
            coalesce(s.opened, 0) as opened, coalesce(a.converted, 0) as converted,
            coalesce(a.revenue, 0) as revenue
          from reminder_rules r
          left join s on s.rule_id = r.id left join a on a.rule_id = r.id
          where r.tenant_id = ${ctx.tenantId}::uuid and (s.sent > 0 or a.converted > 0)
          order by 2 desc, 1`,
    );
    const out = rows.map((r) => ({
      rule: r.rule,
      sent: Number(r.sent),
      opened: Number(r.opened),
      converted: Number(r.converted),
      revenueFen: Number(r.revenue),
      rate: ratio(Number(r.converted), Number(r.sent)),
    }));
    return {
      chart: {
        type: 'bar',
        categories: out.map((r) => r.rule),
        format: 'int',
        series: [
          { key: 'sent', name: L('发送', 'Sent'), data: out.map((r) => r.sent) },
          { key: 'opened', name: L('打开', 'Opened'), data: out.map((r) => r.opened) },
          { key: 'converted', name: L('转化', 'Converted'), data: out.map((r) => r.converted) },
        ],
      },
      columns: [
        { key: 'rule', title: L('提醒规则', 'Reminder rule'), format: 'text' },
        { key: 'sent', title: L('发送', 'Sent'), format: 'int' },
        { key: 'opened', title: L('打开', 'Opened'), format: 'int' },
        { key: 'converted', title: L('转化', 'Converted'), format: 'int' },
        { key: 'revenueFen', title: L('转化收入', 'Revenue'), format: 'fen' },
        { key: 'rate', title: L('转化率', 'Conversion rate'), format: 'pct' },
      ],
      rows: out,
    };
  },
};
