// Per-customer statistics for segments (visits, last visit, spend, RFM): the set-based refresh of
// a tenant (nightly, and the backfill on first run) and the incremental update of a few
// customers in the caller's transaction (order opened/paid/cancelled/refunded, merge, import).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';

/** Visits: orders not cancelled; spend: what paid (or closed) orders took. Same as segments. */
const VISIT = sql.raw(`o.status <> 'cancelled'`);
const aggColumns = sql`count(*) filter (where ${VISIT})::int as n,
    min(o.opened_at) filter (where ${VISIT}) as first_at,
    max(o.opened_at) filter (where ${VISIT}) as last_at,
    coalesce(sum(o.paid_fen) filter (where o.status in ('paid', 'closed')), 0)::bigint as spend`;

const lockKey = (tenantId: string) => sql`hashtextextended(${`customer_stats:${tenantId}`}, 0)`;

export interface RefreshResult {
  /** Customers with at least one visit. */
  customers: number;
  /** Rows written (inserted or changed) and removed. */
  written: number;
  removed: number;
}

/**
 * Recomputes every figure of the tenant's customers from its service orders in one statement:
 * quintiles by cume_dist over every customer with a visit (equal figures share one; 5 is the
 * best), the breaks for incremental placement, unchanged rows left alone, rows of customers
 * without a visit any more removed. Merged customers get no row (segments rely on it: a row
 * means a customer who counts).
 * Idempotent. Holds the tenant's stats lock: incremental updates wait for the refresh to end.
 */
export async function refreshTenantStats(ctx: Ctx): Promise<RefreshResult> {
  const t = ctx.tenantId;
  const now = ctx.clock.now().toISOString();
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${lockKey(t)})`);
  const [row] = await queryRows<{ customers: number; written: number; removed: number }>(
    ctx.tx,
    sql`with agg as (
          select o.customer_id, ${aggColumns}
          from service_orders o where o.tenant_id = ${t}::uuid
          group by o.customer_id having count(*) filter (where ${VISIT}) > 0
        ), q as (
          select a.*,
            ceil(5 * cume_dist() over (order by a.last_at))::int as r,
            ceil(5 * cume_dist() over (order by a.n))::int as f,
            ceil(5 * cume_dist() over (order by a.spend))::int as m
          from agg a
        ), brk as (
          insert into customer_rfm_breaks as b (tenant_id, r_breaks, f_breaks, m_breaks, customers, refreshed_at)
          select ${t}::uuid,
            array[max(last_at) filter (where r <= 1), max(last_at) filter (where r <= 2),
                  max(last_at) filter (where r <= 3), max(last_at) filter (where r <= 4)],
            array[max(n) filter (where f <= 1), max(n) filter (where f <= 2),
                  max(n) filter (where f <= 3), max(n) filter (where f <= 4)],
            array[max(spend) filter (where m <= 1), max(spend) filter (where m <= 2),
                  max(spend) filter (where m <= 3), max(spend) filter (where m <= 4)],
            count(*)::int, ${now}::timestamptz
          from q
          on conflict (tenant_id) do update set r_breaks = excluded.r_breaks,
            f_breaks = excluded.f_breaks, m_breaks = excluded.m_breaks,
            customers = excluded.customers, refreshed_at = excluded.refreshed_at
          returning customers
        ), up as (
          insert into customer_stats as s (tenant_id, customer_id, visit_count, first_visit_at,
            last_visit_at, spend_fen, rfm_r, rfm_f, rfm_m, rfm_score, updated_at)
          select ${t}::uuid, q.customer_id, q.n, q.first_at, q.last_at, q.spend, q.r, q.f, q.m,
            q.r + q.f + q.m, ${now}::timestamptz
          from q join customers c on c.tenant_id = ${t}::uuid and c.id = q.customer_id
            and c.merged_into_id is null
          on conflict (tenant_id, customer_id) do update set visit_count = excluded.visit_count,
            first_visit_at = excluded.first_visit_at, last_visit_at = excluded.last_visit_at,
            spend_fen = excluded.spend_fen, rfm_r = excluded.rfm_r, rfm_f = excluded.rfm_f,
            rfm_m = excluded.rfm_m, rfm_score = excluded.rfm_score, updated_at = excluded.updated_at
          where (s.visit_count, s.first_visit_at, s.last_visit_at, s.spend_fen, s.rfm_r, s.rfm_f, s.rfm_m)
            is distinct from (excluded.visit_count, excluded.first_visit_at, excluded.last_visit_at,
              excluded.spend_fen, excluded.rfm_r, excluded.rfm_f, excluded.rfm_m)
          returning 1
        ), gone as (
          delete from customer_stats s where s.tenant_id = ${t}::uuid
            and not exists (select 1 from agg join customers c on c.tenant_id = ${t}::uuid
              and c.id = agg.customer_id and c.merged_into_id is null
              where agg.customer_id = s.customer_id)
          returning 1
        )
        select (select customers from brk) as customers, (select count(*)::int from up) as written,
          (select count(*)::int from gone) as removed`,
  );
  return {
    customers: Number(row?.customers ?? 0),
    written: Number(row?.written ?? 0),
    removed: Number(row?.removed ?? 0),
  };
}

/** `1 + count(q: value > break[q])`; a missing break (no customer that low) counts as passed. */
function quintile(value: SQL, breaks: SQL): SQL {
  return sql`(1 + (coalesce(${value} > ${breaks}[1], true))::int + (coalesce(${value} > ${breaks}[2], true))::int
    + (coalesce(${value} > ${breaks}[3], true))::int + (coalesce(${value} > ${breaks}[4], true))::int)`;
}

/**
 * Recomputes the figures of these customers from their orders, in the caller's transaction.
 * Their rows are locked first (an upsert), so the recount — a new snapshot under READ
 * COMMITTED — sees every change committed by a transaction that held the lock before; two
 * orders of one customer changed at once cannot lose one another's visit. RFM quintiles are
 * placed against the tenant's last refresh (5 everywhere before the first one).
 */
export async function updateCustomerStats(ctx: Ctx, customerIds: string[]): Promise<void> {
  await recount(
    ctx,
    customerIds.map((id) => [id, id]),
  );
}

/** `pairs`: [customer whose row is written, customer whose orders count for it]. */
async function recount(ctx: Ctx, pairs: [string, string][]): Promise<void> {
  const targets = [...new Set(pairs.map(([target]) => target))].sort();
  if (!targets.length) return;
  const t = ctx.tenantId;
  const now = ctx.clock.now().toISOString();
  // Shared with other updates, exclusive with the refresh (whose upsert from an older snapshot
  // would otherwise overwrite a fresher row).
  await ctx.tx.execute(sql`select pg_advisory_xact_lock_shared(${lockKey(t)})`);
  // One array parameter however many customers (an import's batch).
  const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
  await ctx.tx.execute(
    sql`insert into customer_stats (tenant_id, customer_id, updated_at)
        select ${t}::uuid, id, ${now}::timestamptz from unnest(${uuids(targets)}) as i(id) order by id
        on conflict (tenant_id, customer_id) do update set updated_at = excluded.updated_at`,
  );
  const breaks = (column: string) =>
    sql`(select b.${sql.raw(column)} from customer_rfm_breaks b where b.tenant_id = ${t}::uuid)`;
  await ctx.tx.execute(
    sql`with agg as (
          select p.target as customer_id, ${aggColumns}
          from unnest(${uuids(pairs.map(([target]) => target))}, ${uuids(pairs.map(([, source]) => source))}) as p(target, source)
          left join service_orders o on o.tenant_id = ${t}::uuid and o.customer_id = p.source
          group by p.target
        ), q as (
          select agg.*, ${quintile(sql`agg.last_at`, breaks('r_breaks'))} as r,
            ${quintile(sql`agg.n`, breaks('f_breaks'))} as f,
            ${quintile(sql`agg.spend`, breaks('m_breaks'))} as m
          from agg
        )
        update customer_stats s set visit_count = q.n, first_visit_at = q.first_at,
          last_visit_at = q.last_at, spend_fen = q.spend, rfm_r = q.r, rfm_f = q.f, rfm_m = q.m,
          rfm_score = q.r + q.f + q.m, updated_at = ${now}::timestamptz
        from q where s.tenant_id = ${t}::uuid and s.customer_id = q.customer_id`,
  );
  await ctx.tx.execute(
    sql`delete from customer_stats s where s.tenant_id = ${t}::uuid
        and s.customer_id = any(${uuids(targets)}) and s.visit_count = 0`,
  );
}

/**
 * Merge hook (runs before the merge re-points the duplicate's orders and cars): the survivor's row
 * counts both customers' orders, the duplicate's rows go (the merge would otherwise re-point them
 * onto the survivor's key); moving the cars then recomputes the survivor's car facets (trigger).
 */
export async function mergeCustomerStats(
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx.execute(
    sql`delete from customer_stats where tenant_id = ${ctx.tenantId}::uuid
        and customer_id = ${merge.duplicateId}::uuid`,
  );
  await ctx.tx.execute(
    sql`delete from customer_car_facets where tenant_id = ${ctx.tenantId}::uuid
        and customer_id = ${merge.duplicateId}::uuid`,
  );
  await recount(ctx, [
    [merge.survivorId, merge.survivorId],
    [merge.survivorId, merge.duplicateId],
  ]);
}
