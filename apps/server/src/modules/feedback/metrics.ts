// Survey results: NPS, response rate and recovery rate (detractors who came back — a later paid
// order within 90 days) by month, store or advisor. A survey counts in the month it was sent (in
// the tenant's time zone): its answer, whenever given, belongs to that month's cohort.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { npsOf } from './complaint-rules.ts';
import { tenantZone } from './complaint-store.ts';

export type Grouping = 'month' | 'store' | 'advisor';

export interface MetricsRow {
  key: string;
  label: string;
  sent: number;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  recovered: number;
  nps: number | null;
  responseRate: number | null;
  recoveryRate: number | null;
}

const pct = (a: number, b: number) => (b === 0 ? null : Math.round((a * 1000) / b) / 10);

interface Raw {
  key: string | null;
  label: string | null;
  sent: number;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  recovered: number;
}

export async function surveyMetrics(
  ctx: Ctx,
  input: { from: Date; to: Date; storeId?: string | null; by: Grouping },
): Promise<MetricsRow[]> {
  const tz = await tenantZone(ctx);
  const key =
    input.by === 'month'
      ? sql`to_char("surveys"."sent_at" at time zone ${tz}, 'YYYY-MM')`
      : input.by === 'store'
        ? sql`"surveys"."store_id"::text`
        : sql`"surveys"."advisor_id"::text`;
  const label =
    input.by === 'month'
      ? sql`min(${key})`
      : input.by === 'store'
        ? sql`max("st"."name")`
        : sql`max("su"."name")`;
  const rows = await queryRows<Raw>(
    ctx.tx,
    sql`select ${key} as key, ${label} as label,
          count(*)::int as sent,
          count(*) filter (where "surveys"."answered_at" is not null)::int as responses,
          count(*) filter (where "surveys"."nps" >= 9)::int as promoters,
          count(*) filter (where "surveys"."nps" between 7 and 8)::int as passives,
          count(*) filter (where "surveys"."nps" <= 6)::int as detractors,
          count(*) filter (where "surveys"."nps" <= 6 and exists (
            select 1 from service_orders o
            where o.tenant_id = "surveys"."tenant_id" and o.customer_id = "surveys"."customer_id"
              and coalesce(o.paid_at, o.closed_at) > "surveys"."answered_at"
              and coalesce(o.paid_at, o.closed_at) <= "surveys"."answered_at" + interval '90 days'
              and o.status in ('paid', 'closed')))::int as recovered
        from surveys
        left join stores st on st.tenant_id = "surveys"."tenant_id" and st.id = "surveys"."store_id"
        left join staff_users su on su.tenant_id = "surveys"."tenant_id" and su.id = "surveys"."advisor_id"
        where "surveys"."sent_at" >= ${input.from.toISOString()}::timestamptz
          and "surveys"."sent_at" < ${input.to.toISOString()}::timestamptz
          and (${input.storeId ?? null}::uuid is null or "surveys"."store_id" = ${input.storeId ?? null}::uuid)
        group by 1 order by 1`,
  );
  return rows.map((r) => ({
    key: r.key ?? '',
    label: r.label ?? '',
    sent: r.sent,
    responses: r.responses,
    promoters: r.promoters,
    passives: r.passives,
    detractors: r.detractors,
    recovered: r.recovered,
    nps: npsOf(r),
    responseRate: pct(r.responses, r.sent),
    recoveryRate: pct(r.recovered, r.detractors),
  }));
}

/** Every month from `from` to `to` (tenant calendar), with zeros where nothing was sent. */
export async function npsMonthly(
  ctx: Ctx,
  input: { from: Date; to: Date; storeId?: string | null },
): Promise<
  {
    month: string;
    responses: number;
    sent: number;
    promoters: number;
    passives: number;
    detractors: number;
    nps: number | null;
  }[]
> {
  const rows = await surveyMetrics(ctx, { ...input, by: 'month' });
  const byMonth = new Map(rows.map((r) => [r.key, r]));
  const tz = await tenantZone(ctx);
  const month = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' })
      .format(d)
      .slice(0, 7);
  const out = [];
  const last = month(new Date(input.to.getTime() - 1));
  for (let m = month(input.from); m <= last; m = nextMonth(m)) {
    const r = byMonth.get(m);
    out.push({
      month: m,
      responses: r?.responses ?? 0,
      sent: r?.sent ?? 0,
      promoters: r?.promoters ?? 0,
      passives: r?.passives ?? 0,
      detractors: r?.detractors ?? 0,
      nps: r?.nps ?? null,
    });
  }
  return out;
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
