// The conversion report of a campaign: per group (each variant and the hold-out) who was
// targeted, sent, opened and converted, with revenue and conversion rates, the lift over the
// hold-out, conversions per day and the runs; also as CSV.
import { eq, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { messageDeliveries, messageIntents } from '../messaging/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { accountingFor, emptyAccounting } from './accounting.ts';
import { campaignRuns } from './campaigns.tables.ts';
import { campaignRow } from './listing.ts';

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

export async function campaignReport(ctx: Ctx, id: string) {
  const row = await campaignRow(ctx, id);
  const accounting = (await accountingFor(ctx, [id])).get(id) ?? emptyAccounting();
  const groupRows = await groupFigures(ctx, id);
  const daily = await dailyConversions(ctx, id);
  const runs = await ctx.tx
    .select()
    .from(campaignRuns)
    .where(eq(campaignRuns.campaignId, id))
    .orderBy(campaignRuns.runNo);
  const treated = groupRows.filter((g) => g.group !== 'holdout');
  const holdout = groupRows.find((g) => g.group === 'holdout');
  const converted = treated.reduce((s, g) => s + g.converted, 0);
  const sent = treated.reduce((s, g) => s + g.sent, 0);
  const conversionRate = rate(converted, sent);
  const holdoutConversionRate = holdout ? holdout.conversionRate : null;
  return {
    campaignId: row.id,
    accounting,
    opened: treated.reduce((s, g) => s + g.opened, 0),
    converted,
    revenueFen: treated.reduce((s, g) => s + g.revenueFen, 0),
    conversionRate,
    holdoutConverted: holdout?.converted ?? 0,
    holdoutConversionRate,
    lift:
      conversionRate !== null && holdoutConversionRate !== null
        ? conversionRate - holdoutConversionRate
        : null,
    groups: groupRows,
    daily,
    runs: runs.map((r) => ({
      runNo: r.runNo,
      status: r.status,
      targeted: r.targeted,
      startedAt: r.startedAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
    })),
  };
}

/** Each group's reach and conversions; the hold-out's rate is over those targeted. */
async function groupFigures(ctx: Ctx, id: string) {
  const groups = await queryRows<{
    grp: string;
    targeted: number;
    sent: number;
    opened: number;
  }>(
    ctx.tx,
    sql`select case when r.held_out then 'holdout' else r.variant end as grp,
          count(*)::int as targeted,
          count(*) filter (where not r.held_out and i.status = 'sent')::int as sent,
          count(*) filter (where exists (
            select 1 from ${messageDeliveries} d
            where d.tenant_id = r.tenant_id and d.intent_id = r.intent_id
              and d.status in ('opened', 'clicked')))::int as opened
        from campaign_recipients r
        left join ${messageIntents} i on i.tenant_id = r.tenant_id and i.id = r.intent_id
        where r.tenant_id = ${ctx.tenantId}::uuid and r.campaign_id = ${id}::uuid
        group by 1 order by 1`,
  );
  const conv = await queryRows<{ grp: string; converted: number; revenue: number }>(
    ctx.tx,
    sql`select case when a.held_out then 'holdout' else a.variant end as grp,
          count(distinct (a.run_no, a.customer_id))::int as converted,
          coalesce(sum(a.revenue_fen), 0)::bigint as revenue
        from campaign_attributions a
        where a.tenant_id = ${ctx.tenantId}::uuid and a.campaign_id = ${id}::uuid
        group by 1`,
  );
  const convBy = new Map(conv.map((c) => [c.grp, c]));
  return groups.map((g) => {
    const c = convBy.get(g.grp);
    const converted = Number(c?.converted ?? 0);
    const denominator = g.grp === 'holdout' ? Number(g.targeted) : Number(g.sent);
    return {
      group: g.grp,
      targeted: Number(g.targeted),
      sent: Number(g.sent),
      opened: Number(g.opened),
      converted,
      revenueFen: Number(c?.revenue ?? 0),
      conversionRate: rate(converted, denominator),
    };
  });
}

/** Conversions per day in the tenant's timezone, treated and held out. */
async function dailyConversions(ctx: Ctx, id: string) {
  const tz = (await getTenant(ctx)).timezone;
  const daily = await queryRows<{ day: string; converted: number; holdout: number }>(
    ctx.tx,
    sql`select to_char((a.converted_at at time zone ${tz})::date, 'YYYY-MM-DD') as day,
          count(*) filter (where not a.held_out)::int as converted,
          count(*) filter (where a.held_out)::int as holdout
        from campaign_attributions a
        where a.tenant_id = ${ctx.tenantId}::uuid and a.campaign_id = ${id}::uuid
        group by 1 order by 1`,
  );
  return daily.map((d) => ({
    day: d.day,
    converted: Number(d.converted),
    holdoutConverted: Number(d.holdout),
  }));
}

export async function campaignReportCsv(ctx: Ctx, id: string): Promise<string> {
  const report = await campaignReport(ctx, id);
  const zh = ctx.locale !== 'en';
  const header = zh
    ? ['分组', '目标人数', '已发送', '已打开', '转化人数', '转化收入（元）', '转化率']
    : ['Group', 'Targeted', 'Sent', 'Opened', 'Converted', 'Revenue (CNY)', 'Conversion rate'];
  const name = (g: string) =>
    g === 'holdout'
      ? zh
        ? '对照组（不发送）'
        : 'Hold-out (not sent)'
      : zh
        ? `方案 ${g}`
        : `Variant ${g}`;
  const rows = report.groups.map((g) => [
    name(g.group),
    g.targeted,
    g.sent,
    g.opened,
    g.converted,
    (g.revenueFen / 100).toFixed(2),
    g.conversionRate === null ? '' : `${(g.conversionRate * 100).toFixed(2)}%`,
  ]);
  return `\uFEFF${stringify([header, ...rows])}`;
}
