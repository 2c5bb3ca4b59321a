// The dashboards' cells of one tenant, computed set-based from staged paid visits (temp table
// `an_sv`: store scope, customer, local day, takings, orders, referred) into `an_out`. Every
// kind but `cohort_status`, `rfm` and `liability` is a sum over customers, so the cells of a
// set of customers can be taken out (sign −1) and put back (+1): see rollup-runs.ts, which runs
// a whole build or one for dirty days, each in one transaction.
//
// A **paid visit** is a service order paid or closed (refunded and cancelled orders are not),
// dated by its payment (else its close, else its opening) in the tenant's time zone, worth what
// it took (`paid_fen`; a closed order without a payment record, such as a past visit or the
// demo's history, for its amount due — as referrals' share counts it). A merged duplicate's orders count for the survivor. Figures are kept for
// every store (ALL_STORES) and per store (the order's store; RFM: the customer's home store).
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { ALL_STORES } from './analytics.tables.ts';

/** The windows of "active customers" (days). */
export const ACTIVE_WINDOWS = [90, 180, 365] as const;
/** Days after a first visit within which a second one counts as a return. */
export const RETURN_DAYS = 180;
/** Ledger accounts of customers that make up each liability. */
export const LIABILITY_ACCOUNTS = {
  points: ['points_available', 'points_pending'],
  stored_value: ['stored_value_principal', 'stored_value_bonus'],
} as const;

export interface RollupContext {
  tenantId: string;
  tz: string;
  /** The tenant's local day of the build. */
  today: string;
  now: string;
}

const Z = sql`${ALL_STORES}::uuid`;
const ins = sql`insert into an_out (tenant_id, kind, store_key, k1, k2, v1, v2, v3, v4, v5, v6, v7, v8)`;
const ym = (e: SQL) => sql`to_char(${e}, 'YYYY-MM')`;

/** The customers who came by a referral that was not rejected (column `referee_id`). */
export const referredCustomers = (tenantId: string) =>
  sql`select distinct rr.referee_id from referrals rr
      where rr.tenant_id = ${tenantId}::uuid and rr.status <> 'rejected'`;

/**
 * The paid visits of the tenant's orders as `an_sv` rows (one per customer, store scope and
 * local day), for every day or only for `days`; `referred` says whether the customer came by a
 * referral that was not rejected.
 */
export async function stageOrders(ctx: Ctx, r: RollupContext, days: string[] | null) {
  const onDays = days ? `{${days.join(',')}}` : null;
  await ctx.tx.execute(sql`create temp table an_sv on commit drop as
    select s.store_key, v.customer_id, v.day, sum(v.fen)::bigint as fen, count(*)::int as orders,
      bool_or(rf.referee_id is not null) as referred
    from (
      select coalesce(c.merged_into_id, o.customer_id) as customer_id, o.store_id,
        (coalesce(o.paid_at, o.closed_at, o.opened_at) at time zone ${r.tz})::date as day,
        coalesce(o.paid_fen, o.total_fen - o.discount_fen)::bigint as fen
      from service_orders o
      join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
      where o.tenant_id = ${r.tenantId}::uuid and o.status in ('paid', 'closed')
        and coalesce(o.paid_at, o.closed_at, o.opened_at) <= ${r.now}::timestamptz
    ) v
    left join (${referredCustomers(r.tenantId)}) rf on rf.referee_id = v.customer_id
    cross join lateral (values (${Z}), (v.store_id)) s(store_key)
    where ${onDays}::date[] is null or v.day = any(${onDays}::date[])
    group by 1, 2, 3`);
}

/** From `an_sv`: each customer's months (`an_cm`) and first and second visit day (`an_first`). */
export async function deriveVisits(ctx: Ctx): Promise<void> {
  await ctx.tx.execute(sql`create temp table an_cm on commit drop as
    select sv.store_key, sv.customer_id, date_trunc('month', sv.day)::date as m,
      sum(sv.fen)::bigint as fen, sum(sv.orders)::int as n, bool_or(sv.referred) as referred
    from an_sv sv group by 1, 2, 3`);
  await ctx.tx.execute(sql`create temp table an_first on commit drop as
    select d.store_key, d.customer_id, min(d.day) filter (where d.rn = 1) as first_day,
      min(d.day) filter (where d.rn = 2) as second_day
    from (select sv.store_key, sv.customer_id, sv.day,
            row_number() over (partition by sv.store_key, sv.customer_id order by sv.day) as rn
          from an_sv sv) d
    where d.rn <= 2 group by 1, 2`);
  await ctx.tx.execute(sql`analyze an_cm`);
  await ctx.tx.execute(sql`analyze an_first`);
}

/**
 * `month` (k1 month): v1 customers with a paid visit in the month, v2 of them new (first paid
 * visit ever, at this store scope), v3 returning, v4 revenue, v5 paid visits, v6 of the new ones
 * those back within RETURN_DAYS, v7 revenue of referred customers, v8 new referred customers.
 */
export async function buildMonths(ctx: Ctx, r: RollupContext): Promise<void> {
  const inMonth = sql`f.first_day >= cm.m and f.first_day < (cm.m + interval '1 month')::date`;
  await ctx.tx.execute(sql`${ins}
    select ${r.tenantId}::uuid, 'month', cm.store_key, ${ym(sql`cm.m`)}, '',
      count(*), count(*) filter (where ${inMonth}), count(*) filter (where f.first_day < cm.m),
      sum(cm.fen), sum(cm.n),
      count(*) filter (where ${inMonth} and f.second_day <= f.first_day + ${RETURN_DAYS}::int),
      coalesce(sum(cm.fen) filter (where cm.referred), 0),
      count(*) filter (where ${inMonth} and cm.referred)
    from an_cm cm
    join an_first f on f.store_key = cm.store_key and f.customer_id = cm.customer_id
    group by cm.store_key, cm.m`);
}

/**
 * `active` (k1 month, k2 window in days): v1 customers whose latest paid visit on or before the
 * month's end (today for the current month) lies within the window. Each visit makes the
 * customer active from its day until the next visit or the window's end, whichever is first:
 * +1 in the visit's month, −1 in the month where that stretch ends, summed month by month.
 */
export async function buildActive(ctx: Ctx, r: RollupContext): Promise<void> {
  const today = sql`${r.today}::date`;
  await ctx.tx.execute(sql`${ins}
    with ev as (
      select sv.store_key, sv.day,
        lead(sv.day) over (partition by sv.store_key, sv.customer_id order by sv.day) as next_day
      from an_sv sv
    ), pts as (
      select ev.store_key, w.n, date_trunc('month', ev.day)::date as m, 1 as d
      from ev cross join unnest(${sql.raw(`array[${ACTIVE_WINDOWS.join(',')}]`)}) w(n)
      union all
      select ev.store_key, w.n, date_trunc('month', e.x)::date, -1
      from ev cross join unnest(${sql.raw(`array[${ACTIVE_WINDOWS.join(',')}]`)}) w(n)
      cross join lateral (select least(coalesce(ev.next_day, ev.day + w.n), ev.day + w.n) as x) e
      where e.x <= ${today}
    ), agg as (select store_key, n, m, sum(d)::bigint as d from pts group by 1, 2, 3),
    grid as (
      select k.store_key, k.n, g.m::date as m
      from (select distinct store_key, n from agg) k
      cross join generate_series((select min(m) from agg), date_trunc('month', ${today}), interval '1 month') g(m)
    )
    select ${r.tenantId}::uuid, 'active', grid.store_key, ${ym(sql`grid.m`)}, grid.n::text,
      sum(coalesce(agg.d, 0)) over (partition by grid.store_key, grid.n order by grid.m), 0, 0, 0, 0, 0, 0, 0
    from grid left join agg on agg.store_key = grid.store_key and agg.n = grid.n and agg.m = grid.m`);
}

/**
 * `cohort` (k1 month of the first paid visit, k2 months since, 3 digits): v1 customers of the
 * cohort with a paid visit in that month, v2 their revenue.
 */
export async function buildCohorts(ctx: Ctx, r: RollupContext): Promise<void> {
  const cohort = sql`date_trunc('month', f.first_day)::date`;
  await ctx.tx.execute(sql`${ins}
    select ${r.tenantId}::uuid, 'cohort', cm.store_key, ${ym(cohort)},
      lpad(((extract(year from cm.m) - extract(year from ${cohort})) * 12
        + extract(month from cm.m) - extract(month from ${cohort}))::int::text, 3, '0'),
      count(*), sum(cm.fen), 0, 0, 0, 0, 0, 0
    from an_cm cm
    join an_first f on f.store_key = cm.store_key and f.customer_id = cm.customer_id
    group by 1, 2, 3, 4, 5`);
}

/**
 * `cohort_status` (k1 cohort), from every customer's first visits (`analytics_firsts`): v1
 * customers, v2 returned (a second paid visit on a later day), v3 not yet due (not returned and
 * their cars' next maintenance on the due-list is after today), v4 lost (the rest: not returned
 * and due, overdue or not on the due-list).
 */
export async function buildCohortStatus(ctx: Ctx, r: RollupContext): Promise<void> {
  const cohort = sql`date_trunc('month', f.first_day)::date`;
  await ctx.tx.execute(sql`${ins}
    with due as (
      select coalesce(c.merged_into_id, d.customer_id) as customer_id, min(d.due_date) as next_due
      from vehicle_due_items d
      join customers c on c.tenant_id = d.tenant_id and c.id = d.customer_id
      where d.tenant_id = ${r.tenantId}::uuid and d.kind = 'maintenance'
      group by 1
    )
    select ${r.tenantId}::uuid, 'cohort_status', f.store_key, ${ym(cohort)}, '',
      count(*), count(*) filter (where f.second_day is not null),
      count(*) filter (where f.second_day is null and due.next_due > ${r.today}::date),
      count(*) filter (where f.second_day is null
        and (due.next_due is null or due.next_due <= ${r.today}::date)), 0, 0, 0, 0
    from analytics_firsts f left join due on due.customer_id = f.customer_id
    where f.tenant_id = ${r.tenantId}::uuid
    group by 1, 2, 3, 4`);
}

/** `rfm` (k1 recency quintile, k2 frequency quintile): v1 customers, v2 their spend, v3 their
 *  monetary quintiles summed (for the mean). From customer statistics' last refresh. */
export async function buildRfm(ctx: Ctx, r: RollupContext): Promise<void> {
  await ctx.tx.execute(sql`${ins}
    select ${r.tenantId}::uuid, 'rfm', s.store_key, cs.rfm_r::text, cs.rfm_f::text,
      count(*), sum(cs.spend_fen), sum(cs.rfm_m), 0, 0, 0, 0, 0
    from customer_stats cs
    join customers c on c.tenant_id = cs.tenant_id and c.id = cs.customer_id
    cross join lateral (values (${Z}), (c.home_store_id)) s(store_key)
    where cs.tenant_id = ${r.tenantId}::uuid and cs.rfm_r > 0 and s.store_key is not null
    group by 1, 2, 3, 4, 5`);
}

/**
 * `liability` (k1 month, k2 `points` | `stored_value`), every store: each ledger transfer's net
 * effect on the customers' accounts of the kind — v1 issued (net in), v2 spent (net out, not by
 * expiry: spending, refunds, reversals), v3 expired, v4 outstanding at the month's end (the sum
 * of every entry so far; moves between a customer's own accounts net to nothing).
 */
export async function buildLiability(ctx: Ctx, r: RollupContext): Promise<void> {
  const kinds = Object.entries(LIABILITY_ACCOUNTS).flatMap(([k, accounts]) =>
    accounts.map((a) => sql`when ${a} then ${k}`),
  );
  await ctx.tx.execute(sql`${ins}
    with per as (
      select case a.kind ${sql.join(kinds, sql` `)} end as kind,
        date_trunc('month', e.created_at at time zone ${r.tz})::date as m,
        e.transfer_id, sum(e.amount)::bigint as net
      from ledger_entries e
      join ledger_accounts a on a.tenant_id = e.tenant_id and a.id = e.account_id
      where e.tenant_id = ${r.tenantId}::uuid and a.owner_customer_id is not null
        and a.kind in (${sql.join(
          Object.values(LIABILITY_ACCOUNTS)
            .flat()
            .map((k) => sql`${k}`),
          sql`, `,
        )})
        and e.created_at <= ${r.now}::timestamptz
      group by 1, 2, 3
    ), agg as (
      select per.kind, per.m,
        coalesce(sum(per.net) filter (where per.net > 0), 0) as issued,
        coalesce(-sum(per.net) filter (where per.net < 0 and t.kind <> 'expire'), 0) as spent,
        coalesce(-sum(per.net) filter (where per.net < 0 and t.kind = 'expire'), 0) as expired,
        sum(per.net) as delta
      from per join ledger_transfers t on t.tenant_id = ${r.tenantId}::uuid and t.id = per.transfer_id
      group by 1, 2
    ), grid as (
      select k.kind, g.m::date as m from (select distinct kind from agg) k
      cross join generate_series((select min(m) from agg), date_trunc('month', ${r.today}::date), interval '1 month') g(m)
    )
    select ${r.tenantId}::uuid, 'liability', ${Z}, ${ym(sql`grid.m`)}, grid.kind,
      coalesce(agg.issued, 0), coalesce(agg.spent, 0), coalesce(agg.expired, 0),
      sum(coalesce(agg.delta, 0)) over (partition by grid.kind order by grid.m), 0, 0, 0, 0
    from grid left join agg on agg.kind = grid.kind and agg.m = grid.m`);
}
