// The weekly report (经营周报) e-mailed to the owners: last week's headline figures beside the
// week before's (active customers, revenue, new customers, NPS, reminder and campaign
// conversions) and two charts as PNG attachments (revenue per day, messages and conversions per
// channel). Weeks are Monday to Sunday in the tenant's time zone; the report goes from Monday
// 08:00 local, once per week: the week reported is kept in the settings in the same transaction
// as the messages, whose dedupe keys (week and owner) make a retried run a no-op.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import { queryRows } from '../../db/database.ts';
import { asSystemIn, type SystemDeps } from '../../jobs/system-ctx.ts';
import type { Ctx } from '../../kernel/context.ts';
import { contactsOf } from '../identity/index.ts';
import { sendToAddress } from '../messaging/index.ts';
import { analyticsSettings } from './analytics.tables.ts';
import { monthsOf } from './filters.ts';
import type { PanelQuery } from './panel.ts';
import { channelCostPanel } from './panels/channel-cost.ts';
import { npsPanel } from './panels/nps.ts';
import { channelChartPng, revenueChartPng } from './report-charts.ts';
import { signReportToken } from './report-token.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

export interface WeekFigures {
  from: string;
  to: string;
  activeCustomers: number;
  revenueFen: number;
  newCustomers: number;
  /** Per day, Monday first. */
  dailyRevenueFen: number[];
  nps: number | null;
  conversions: number;
  /** Per channel (channel-cost panel's rows): label, sent, converted. */
  channels: { channel: string; sent: number; converted: number }[];
}

const DAY = 86_400_000;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The tenant's local time now: its day, ISO weekday (1 Monday) and hour. */
async function localNow(ctx: Ctx): Promise<{ today: string; dow: number; hour: number }> {
  const [row] = await queryRows<{ today: string; dow: number; hour: number }>(
    ctx.tx,
    sql`select to_char(l, 'YYYY-MM-DD') as today, extract(isodow from l)::int as dow,
          extract(hour from l)::int as hour
        from (select (${ctx.clock.now().toISOString()}::timestamptz at time zone t.timezone) as l
              from tenants t where t.tenant_id = ${ctx.tenantId}::uuid) x`,
  );
  return row!;
}

/** Paid visits of a week (the rollups' definition): customers, revenue, first-timers, per day. */
async function visitFigures(ctx: Ctx, from: string, to: string) {
  const rows = await queryRows<{ day: string; active: number; fen: string; fresh: number }>(
    ctx.tx,
    sql`with v as (
          select coalesce(c.merged_into_id, o.customer_id) as cid,
            (coalesce(o.paid_at, o.closed_at, o.opened_at) at time zone t.timezone)::date as day,
            coalesce(o.paid_fen, o.total_fen - o.discount_fen)::bigint as fen
          from service_orders o
          join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
          join tenants t on t.tenant_id = o.tenant_id
          where o.tenant_id = ${ctx.tenantId}::uuid and o.status in ('paid', 'closed')
            and coalesce(o.paid_at, o.closed_at, o.opened_at) <= ${ctx.clock.now().toISOString()}::timestamptz
        ), f as (select cid, min(day) as first from v group by cid)
        select coalesce(to_char(v.day, 'YYYY-MM-DD'), 'all') as day, count(distinct v.cid)::int as active,
          coalesce(sum(v.fen), 0)::text as fen,
          count(distinct v.cid) filter (where f.first between ${from}::date and ${to}::date)::int as fresh
        from v join f using (cid)
        where v.day between ${from}::date and ${to}::date
        group by grouping sets ((v.day), ())`,
  );
  const all = rows.find((r) => r.day === 'all');
  return {
    activeCustomers: Number(all?.active ?? 0),
    revenueFen: Number(all?.fen ?? 0),
    newCustomers: Number(all?.fresh ?? 0),
    dailyRevenueFen: Array.from({ length: 7 }, (_, i) =>
      Number(rows.find((r) => r.day === addDays(from, i))?.fen ?? 0),
    ),
  };
}

/** The figures of one week (Monday `from` to Sunday), the panels' own where a panel answers. */
export async function weekFigures(ctx: Ctx, from: string, today: string): Promise<WeekFigures> {
  const to = addDays(from, 6);
  const q: PanelQuery = { storeId: null, from, to, months: monthsOf(from, to), today };
  const nps = await npsPanel.query(ctx, q);
  const cost = await channelCostPanel.query(ctx, q);
  const headline = (h: typeof nps.headline, key: string) =>
    h?.find((x) => x.key === key)?.value ?? null;
  return {
    from,
    to,
    ...(await visitFigures(ctx, from, to)),
    nps: headline(nps.headline, 'nps'),
    conversions: Number(headline(cost.headline, 'converted') ?? 0),
    channels: cost.rows.map((r) => ({
      channel: String(r.channel),
      sent: Number(r.sent),
      converted: Number(r.converted),
    })),
  };
}

const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return '';
  if (before === 0) return now === 0 ? '（持平 / flat）' : '';
  const pct = ((now - before) / Math.abs(before)) * 100;
  return `（${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%）`;
}

/** The e-mail's text: the headline figures of both weeks, zh-CN with English. */
export function reportText(
  tenantName: string,
  w: WeekFigures,
  b: WeekFigures,
  unsubscribeUrl: string,
): { subject: string; text: string } {
  const line = (
    label: string,
    now: number | null,
    before: number | null,
    f: (n: number) => string = String,
  ) =>
    `${label}: ${now === null ? '—' : f(now)}  上上周 / week before: ${before === null ? '—' : f(before)}${change(now, before)}`;
  const text = [
    `${tenantName} 经营周报 / Weekly report  ${w.from} – ${w.to}`,
    '',
    line('活跃客户 Active customers', w.activeCustomers, b.activeCustomers),
    line('营业额 Revenue', w.revenueFen, b.revenueFen, yuan),
    line('新客户 New customers', w.newCustomers, b.newCustomers),
    line('NPS', w.nps, b.nps),
    line('提醒与活动转化 Reminder and campaign conversions', w.conversions, b.conversions),
    '',
    '附件：每日营业额、各渠道发送与转化 / Attached: revenue per day, messages and conversions per channel',
    '',
    `不再接收周报 / Stop the weekly report: ${unsubscribeUrl}`,
  ].join('\n');
  return { subject: `${tenantName} 经营周报 ${w.from} – ${w.to}`, text };
}

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The two charts as e-mail attachments. */
export function reportAttachments(w: WeekFigures, b: WeekFigures) {
  const revenue = revenueChartPng({
    title: '每日营业额（元） Revenue per day (CNY)',
    days: WEEKDAYS,
    lastWeek: w.dailyRevenueFen,
    weekBefore: b.dailyRevenueFen,
    names: [`上周 ${w.from}`, `上上周 ${b.from}`],
  });
  const channels = channelChartPng({
    title: '各渠道发送与转化 Messages and conversions per channel',
    channels: w.channels.map((c) => c.channel),
    sent: w.channels.map((c) => c.sent),
    converted: w.channels.map((c) => c.converted),
    names: ['发送 Sent', '转化 Converted'],
  });
  return [
    {
      filename: 'revenue.png',
      contentType: 'image/png',
      contentBase64: revenue.toString('base64'),
    },
    {
      filename: 'channels.png',
      contentType: 'image/png',
      contentBase64: channels.toString('base64'),
    },
  ];
}

/** The settings row locked for the week's decision, made (with a signing key) when missing. */
async function lockSettings(ctx: Ctx): Promise<{ key: string; on: boolean; week: string | null }> {
  await ctx.tx
    .insert(analyticsSettings)
    .values({ tenantId: ctx.tenantId, ...DEFAULT_SETTINGS, updatedAt: ctx.clock.now() })
    .onConflictDoNothing();
  const [row] = await queryRows<{ key: string | null; on: boolean; week: string | null }>(
    ctx.tx,
    sql`select s.signing_key as key, s.weekly_report = 'on' as on, s.report_week::text as week
        from analytics_settings s where s.tenant_id = ${ctx.tenantId}::uuid for update`,
  );
  let key = row!.key;
  if (!key) {
    key = randomBytes(32).toString('base64url');
    await ctx.tx.execute(sql`update analytics_settings set signing_key = ${key}
      where tenant_id = ${ctx.tenantId}::uuid`);
  }
  return { key, on: row!.on, week: row!.week };
}

/** This tenant's report of last week, when due: answers the e-mails queued. */
export async function sendWeeklyReport(ctx: Ctx, publicUrl: string): Promise<number> {
  const now = await localNow(ctx);
  if (now.dow === 1 && now.hour < 8) return 0;
  const monday = addDays(now.today, -(now.dow - 1));
  const settings = await lockSettings(ctx);
  if (!settings.on || (settings.week && settings.week >= monday)) return 0;
  const owners = (await contactsOf(ctx, { roles: ['owner'] })).filter((c) => c.email);
  const lastWeek = addDays(monday, -7);
  const w = await weekFigures(ctx, lastWeek, now.today);
  const b = await weekFigures(ctx, addDays(monday, -14), now.today);
  const [tenant] = await queryRows<{ name: string }>(
    ctx.tx,
    sql`select t.name from tenants t where t.tenant_id = ${ctx.tenantId}::uuid`,
  );
  const attachments = owners.length ? reportAttachments(w, b) : [];
  const base = publicUrl.replace(/\/$/, '');
  let queued = 0;
  for (const o of owners) {
    const token = signReportToken(settings.key, ctx.tenantId, o.id);
    const url = `${base}/api/v1/public/analytics/weekly-report/unsubscribe/${token}`;
    const { subject, text } = reportText(tenant?.name ?? '', w, b, url);
    const ref = await sendToAddress(ctx, {
      channel: 'email',
      to: o.email!,
      templateKey: 'system.text',
      data: { 'message.subject': subject, 'message.text': text },
      purpose: 'transactional',
      dedupeKey: `analytics.weeklyReport:${lastWeek}:${o.id}`,
      attachments,
    });
    if (!ref.deduplicated) queued++;
  }
  await ctx.tx.execute(sql`update analytics_settings set report_week = ${monday}::date
    where tenant_id = ${ctx.tenantId}::uuid`);
  return queued;
}

/**
 * Every tenant whose report may be due (report on, this week not reported), one by one; `only`
 * keeps to the tenants named (as the rollup job's runs do).
 */
export async function runWeeklyReports(
  deps: SystemDeps & { publicUrl?: string | undefined },
  only: string[] | null = null,
): Promise<number> {
  const now = deps.clock.now().toISOString();
  const due = await queryRows<{ tenant_id: string }>(
    deps.database.adminDb,
    sql`select t.tenant_id from tenants t
        left join analytics_settings s on s.tenant_id = t.tenant_id
        where coalesce(s.weekly_report, 'on') = 'on'
          and (s.report_week is null
            or s.report_week < date_trunc('week', ${now}::timestamptz at time zone t.timezone)::date)
          ${only ? sql`and t.tenant_id = any(${pgArray(only)}::uuid[])` : sql``}
        order by t.tenant_id`,
  );
  let sent = 0;
  for (const { tenant_id: tenantId } of due) {
    try {
      sent += await asSystemIn(deps, tenantId, (ctx) =>
        sendWeeklyReport(ctx, deps.publicUrl ?? ''),
      );
    } catch (err) {
      // One tenant's trouble does not hold up the others; the next run tries it again.
      deps.log.error({ err, tenantId }, 'weekly report failed');
    }
  }
  return sent;
}
