// The two runs of a tenant's rollups, each in the caller's transaction (a crash leaves the
// previous cells, never half of a run) under the tenant's rollup lock:
//
// - a **whole build** (`rebuildRollups`): every paid visit staged from the orders and kept in
//   `analytics_visits` / `analytics_firsts`, every kind computed afresh. Once per local day (the
//   current month and "not yet due" move with the calendar), and on demand.
// - a **run for dirty days** (`updateRollupDays`), when late data changed some days since the
//   day's whole build: the customers with visits on those days, as kept or as the orders now
//   say, have their contribution to the additive kinds (`month`, `active`, `cohort`) computed
//   from their kept visits and subtracted, the kept visits of those days replaced from the orders,
//   and the contribution computed again and added. `cohort_status` and `rfm` are recomputed
//   (they read the due-list and customer statistics, which move on their own); the liability
//   stays as of the whole build. The cells then equal a whole build of the same data
//   (`analytics.int.test.ts` compares them), at the cost of the affected customers and one scan
//   of the tenant's orders instead of all of its visits.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { ALL_STORES } from './analytics.tables.ts';
import {
  buildActive,
  buildCohorts,
  buildCohortStatus,
  buildLiability,
  buildMonths,
  buildRfm,
  deriveVisits,
  referredCustomers,
  stageOrders,
  type RollupContext,
} from './rollup.ts';

export interface RollupResult {
  /** `build`: everything afresh; `days`: the dirty days only. */
  mode: 'build' | 'days';
  /** Paid visits (orders) counted: all of them, or those of the dirty days. */
  visits: number;
  cells: number;
  millis: number;
}

const VALUES = sql.raw('v1, v2, v3, v4, v5, v6, v7, v8');
const ALL = sql`${ALL_STORES}::uuid`;

async function begin(ctx: Ctx): Promise<RollupContext> {
  const now = ctx.clock.now().toISOString();
  const [tenant] = await queryRows<{ tz: string; today: string }>(
    ctx.tx,
    sql`select t.timezone as tz, to_char((${now}::timestamptz at time zone t.timezone)::date, 'YYYY-MM-DD') as today
        from tenants t where t.tenant_id = ${ctx.tenantId}::uuid`,
  );
  if (!tenant) throw new Error(`tenant ${ctx.tenantId} missing`);
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`analytics:${ctx.tenantId}`}, 0))`,
  );
  return { tenantId: ctx.tenantId, tz: tenant.tz, today: tenant.today, now };
}

/** The cells a run computes, summed into `analytics_cells` by `mergeOut`. */
async function openOut(ctx: Ctx): Promise<void> {
  await ctx.tx.execute(sql`create temp table an_out on commit drop as
    select tenant_id, kind, store_key, k1, k2, ${VALUES} from analytics_cells limit 0`);
}

/** The additive kinds of the staged visits (`an_sv`) into `an_out`. */
async function additiveCells(ctx: Ctx, r: RollupContext): Promise<void> {
  await deriveVisits(ctx);
  await buildMonths(ctx, r);
  await buildActive(ctx, r);
  await buildCohorts(ctx, r);
}

const dropStaged = async (ctx: Ctx) => {
  for (const t of ['an_sv', 'an_cm', 'an_first']) await ctx.tx.execute(sql.raw(`drop table ${t}`));
};

/** Adds `an_out` into the cells; month and cohort cells that no customer is left in go. */
async function mergeOut(ctx: Ctx, r: RollupContext): Promise<void> {
  await ctx.tx
    .execute(sql`insert into analytics_cells (tenant_id, kind, store_key, k1, k2, ${VALUES})
    select tenant_id, kind, store_key, k1, k2, sum(v1), sum(v2), sum(v3), sum(v4), sum(v5), sum(v6),
      sum(v7), sum(v8)
    from an_out group by 1, 2, 3, 4, 5
    on conflict (tenant_id, kind, store_key, k1, k2) do update set
      v1 = analytics_cells.v1 + excluded.v1, v2 = analytics_cells.v2 + excluded.v2,
      v3 = analytics_cells.v3 + excluded.v3, v4 = analytics_cells.v4 + excluded.v4,
      v5 = analytics_cells.v5 + excluded.v5, v6 = analytics_cells.v6 + excluded.v6,
      v7 = analytics_cells.v7 + excluded.v7, v8 = analytics_cells.v8 + excluded.v8`);
  await ctx.tx.execute(sql`delete from analytics_cells
    where tenant_id = ${r.tenantId}::uuid and kind in ('month', 'cohort') and v1 = 0`);
}

/** `cohort_status` and `rfm` afresh (they read the due-list and customer statistics). */
async function recomputeCells(ctx: Ctx, r: RollupContext): Promise<void> {
  await ctx.tx.execute(sql`delete from analytics_cells
    where tenant_id = ${r.tenantId}::uuid and kind in ('cohort_status', 'rfm')`);
  await ctx.tx.execute(sql`truncate an_out`);
  await buildCohortStatus(ctx, r);
  await buildRfm(ctx, r);
  await mergeOut(ctx, r);
}

/** Keeps the staged visits' first and second days (`an_first`) for their customers. */
async function keepFirsts(ctx: Ctx, r: RollupContext): Promise<void> {
  await ctx.tx
    .execute(sql`insert into analytics_firsts (tenant_id, customer_id, store_key, first_day, second_day)
    select ${r.tenantId}::uuid, f.customer_id, f.store_key, f.first_day, f.second_day from an_first f`);
}

async function finish(
  ctx: Ctx,
  r: RollupContext,
  mode: RollupResult['mode'],
  visits: number,
  started: number,
) {
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from analytics_cells where tenant_id = ${r.tenantId}::uuid`,
  );
  const millis = Date.now() - started;
  await ctx.tx.execute(sql`insert into analytics_builds (tenant_id, built_at, as_of, visits, millis)
    values (${r.tenantId}::uuid, ${r.now}::timestamptz, ${r.today}::date, ${visits}, ${millis})
    on conflict (tenant_id) do update set built_at = excluded.built_at, as_of = excluded.as_of,
      visits = case when ${mode} = 'build' then excluded.visits else analytics_builds.visits end,
      millis = excluded.millis`);
  return { mode, visits, cells: count?.n ?? 0, millis };
}

/** The orders counted in a staged table (once: the every-store scope). */
async function ordersIn(ctx: Ctx, table: 'an_sv' | 'an_days'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select coalesce(sum(s.orders), 0)::int as n from ${sql.identifier(table)} s where s.store_key = ${ALL}`,
  );
  return row?.n ?? 0;
}

/** Builds every rollup of the tenant afresh (see the file's head). */
export async function rebuildRollups(ctx: Ctx): Promise<RollupResult> {
  const started = Date.now();
  const r = await begin(ctx);
  await openOut(ctx);
  const t = sql`${r.tenantId}::uuid`;
  for (const table of ['analytics_cells', 'analytics_visits', 'analytics_firsts'])
    await ctx.tx.execute(sql`delete from ${sql.identifier(table)} where tenant_id = ${t}`);
  await stageOrders(ctx, r, null);
  const visits = await ordersIn(ctx, 'an_sv');
  await ctx.tx
    .execute(sql`insert into analytics_visits (tenant_id, customer_id, store_key, day, fen, orders, referred)
    select ${t}, sv.customer_id, sv.store_key, sv.day, sv.fen, sv.orders, sv.referred from an_sv sv
    where sv.store_key <> ${ALL}`);
  await additiveCells(ctx, r);
  await keepFirsts(ctx, r);
  await dropStaged(ctx);
  await buildLiability(ctx, r);
  await mergeOut(ctx, r);
  await recomputeCells(ctx, r);
  return finish(ctx, r, 'build', visits, started);
}

/** The kept visits of the affected customers (`an_affected`) as `an_sv`: per store as kept, and
 *  their sums for every store. */
async function stageKept(ctx: Ctx, r: RollupContext): Promise<void> {
  await ctx.tx.execute(sql`create temp table an_sv on commit drop as
    select v.store_key, v.customer_id, v.day, v.fen, v.orders, v.referred
    from analytics_visits v join an_affected a on a.customer_id = v.customer_id
    where v.tenant_id = ${r.tenantId}::uuid`);
  await ctx.tx.execute(sql`insert into an_sv (store_key, customer_id, day, fen, orders, referred)
    select ${ALL}, sv.customer_id, sv.day, sum(sv.fen)::bigint, sum(sv.orders)::int, bool_or(sv.referred)
    from an_sv sv group by sv.customer_id, sv.day`);
}

/**
 * Brings the rollups up to date for late data on `days` (local days), after the day's whole
 * build (see the file's head). Answers null when the tenant has no whole build of today: the
 * caller builds it whole instead.
 */
export async function updateRollupDays(ctx: Ctx, days: string[]): Promise<RollupResult | null> {
  const started = Date.now();
  const r = await begin(ctx);
  const t = sql`${r.tenantId}::uuid`;
  const [built] = await queryRows<{ ok: boolean }>(
    ctx.tx,
    sql`select b.as_of = ${r.today}::date as ok from analytics_builds b where b.tenant_id = ${t}`,
  );
  // No whole build today: the caller makes one, in this same transaction (nothing made yet).
  if (!built?.ok) return null;
  await openOut(ctx);
  const onDays = sql`${`{${days.join(',')}}`}::date[]`;
  // The days' visits as the orders now say, and every customer they or the kept ones concern.
  await stageOrders(ctx, r, days);
  await ctx.tx.execute(sql`alter table an_sv rename to an_days`);
  await ctx.tx.execute(sql`create temp table an_affected on commit drop as
    select distinct d.customer_id from an_days d
    union select v.customer_id from analytics_visits v where v.tenant_id = ${t} and v.day = any(${onDays})`);
  await ctx.tx.execute(sql`analyze an_affected`);
  await stageKept(ctx, r);
  await additiveCells(ctx, r);
  // Taken out: the only rows in an_out so far.
  await ctx.tx.execute(sql`update an_out set v1 = -v1, v2 = -v2, v3 = -v3, v4 = -v4, v5 = -v5,
    v6 = -v6, v7 = -v7, v8 = -v8`);
  await dropStaged(ctx);
  await ctx.tx.execute(
    sql`delete from analytics_visits where tenant_id = ${t} and day = any(${onDays})`,
  );
  await ctx.tx
    .execute(sql`insert into analytics_visits (tenant_id, customer_id, store_key, day, fen, orders, referred)
    select ${t}, d.customer_id, d.store_key, d.day, d.fen, d.orders, d.referred from an_days d
    where d.store_key <> ${ALL}`);
  // Whether a customer came by referral is read again for all of their kept days.
  await ctx.tx.execute(sql`update analytics_visits v
    set referred = v.customer_id in (${referredCustomers(r.tenantId)})
    from an_affected a where v.tenant_id = ${t} and v.customer_id = a.customer_id`);
  await stageKept(ctx, r);
  await additiveCells(ctx, r);
  await ctx.tx.execute(sql`delete from analytics_firsts f using an_affected a
    where f.tenant_id = ${t} and f.customer_id = a.customer_id`);
  await keepFirsts(ctx, r);
  await dropStaged(ctx);
  await mergeOut(ctx, r);
  await recomputeCells(ctx, r);
  return finish(ctx, r, 'days', await ordersIn(ctx, 'an_days'), started);
}
