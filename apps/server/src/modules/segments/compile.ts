// Compiles a checked segment filter to ONE parameterised SQL query over the tenant's customers.
// Every value is a bound parameter; every column, table and operator comes from the fragments
// written below, chosen by the whitelisted field name — request text never becomes SQL.
//
// Shape: `with seg_visits as (...) select c.id from customers c left join ... where ...`.
// Per-customer figures (tier, points, stored value, visits, spend, RFM) are LEFT JOINed
// aggregates (hash joins over the tenant, not a subquery per customer); "any car / any order"
// facts are `c.id in (select …)` (a hashed subplan, which also works under OR and NOT). Each leaf
// is wrapped in `coalesce(…, false)`, so NOT of a leaf over a missing value stays two-valued.
import { sql, type SQL } from 'drizzle-orm';
import { FIELDS, type SegmentNode, type SegmentRule } from './fields.ts';

export interface SegmentEnv {
  tenantId: string;
  /** "Now" of relative dates (last N days): the injected clock. */
  now: Date;
  /** The tenant's IANA timezone: calendar dates compare in it. */
  timezone: string;
}

interface Builder {
  env: SegmentEnv;
  joins: Map<string, SQL>;
  needVisits: boolean;
  seq: number;
}

const list = (values: unknown[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

function nowSql(b: Builder): SQL {
  return sql`${b.env.now.toISOString()}::timestamptz`;
}

function daysAgo(b: Builder, days: number): SQL {
  return sql`(${nowSql(b)} - make_interval(days => ${days}::int))`;
}

/** Visits: service orders not cancelled; spend: what paid (or closed) orders took. */
function visitsAgg(b: Builder, withinDays: number | undefined): SQL {
  const period = withinDays ? sql` and o.opened_at >= ${daysAgo(b, withinDays)}` : sql``;
  return sql`select o.customer_id, count(*)::int as n, max(o.opened_at) as last_at,
      coalesce(sum(case when o.status in ('paid', 'closed') then o.paid_fen else 0 end), 0)::bigint as spend
    from service_orders o
    where o.tenant_id = ${b.env.tenantId}::uuid and o.status <> 'cancelled'${period}
    group by o.customer_id`;
}

function join(b: Builder, key: string, fragment: () => SQL): void {
  if (!b.joins.has(key)) b.joins.set(key, fragment());
}

function compare(expr: SQL, op: string, value: unknown): SQL {
  switch (op) {
    case 'eq':
      return sql`${expr} = ${value}`;
    case 'neq':
      return sql`${expr} <> ${value}`;
    case 'gt':
      return sql`${expr} > ${value}`;
    case 'gte':
      return sql`${expr} >= ${value}`;
    case 'lt':
      return sql`${expr} < ${value}`;
    case 'lte':
      return sql`${expr} <= ${value}`;
    case 'between': {
      const [lo, hi] = value as [unknown, unknown];
      return sql`${expr} between ${lo} and ${hi}`;
    }
    case 'in':
      return sql`${expr} in (${list(value as unknown[])})`;
    case 'not_in':
      return sql`${expr} not in (${list(value as unknown[])})`;
  }
  throw new Error(`operator ${op}`);
}

function dateCompare(b: Builder, instant: SQL, op: string, value: unknown): SQL {
  const day = sql`(${instant} at time zone ${b.env.timezone})::date`;
  switch (op) {
    case 'before':
      return sql`${day} < ${value}::date`;
    case 'after':
      return sql`${day} > ${value}::date`;
    case 'between': {
      const [lo, hi] = value as [string, string];
      return sql`${day} between ${lo}::date and ${hi}::date`;
    }
    case 'within_last_days':
      return sql`${instant} >= ${daysAgo(b, value as number)}`;
    case 'more_than_days_ago':
      return sql`${instant} < ${daysAgo(b, value as number)}`;
    case 'is_empty':
      return sql`${instant} is null`;
    case 'is_not_empty':
      return sql`${instant} is not null`;
  }
  throw new Error(`operator ${op}`);
}

const arr = (value: unknown): SQL => sql`array[${list(value as unknown[])}]::text[]`;

function rulePredicate(b: Builder, r: SegmentRule): SQL {
  const t = b.env.tenantId;
  const v = r.value;
  switch (r.field as keyof typeof FIELDS) {
    case 'customer.gender':
      return compare(sql`c.gender`, r.op, v);
    case 'customer.source':
      return compare(sql`c.source`, r.op, v);
    case 'customer.birthdayMonth':
      return compare(sql`extract(month from c.birthday)::int`, r.op, v);
    case 'customer.tags':
      if (r.op === 'has_all') return sql`c.tags @> ${arr(v)}`;
      if (r.op === 'has_none') return sql`not (c.tags && ${arr(v)})`;
      return sql`c.tags && ${arr(v)}`;
    case 'customer.homeStore':
      if (r.op === 'is_empty') return sql`c.home_store_id is null`;
      if (r.op === 'is_not_empty') return sql`c.home_store_id is not null`;
      if (r.op === 'neq' || r.op === 'not_in')
        return sql`(c.home_store_id is null or ${compare(sql`c.home_store_id::text`, r.op, v)})`;
      return compare(sql`c.home_store_id::text`, r.op, v);
    case 'customer.createdAt':
      return dateCompare(b, sql`c.created_at`, r.op, v);
    case 'loyalty.tier':
      join(
        b,
        'tier',
        () =>
          sql`left join customer_tiers seg_tier on seg_tier.tenant_id = c.tenant_id and seg_tier.customer_id = c.id`,
      );
      return compare(sql`coalesce(seg_tier.tier_code, '')`, r.op, v);
    case 'loyalty.points':
      join(
        b,
        'points',
        () =>
          sql`left join ledger_accounts seg_points on seg_points.tenant_id = c.tenant_id and seg_points.owner_customer_id = c.id and seg_points.kind = 'points_available'`,
      );
      return compare(sql`coalesce(seg_points.balance, 0)`, r.op, v);
    case 'loyalty.storedValue':
      join(
        b,
        'sv',
        () => sql`left join (select a.owner_customer_id, sum(a.balance)::bigint as fen from ledger_accounts a
            where a.tenant_id = ${t}::uuid and a.kind in ('stored_value_principal', 'stored_value_bonus')
            group by a.owner_customer_id) seg_sv on seg_sv.owner_customer_id = c.id`,
      );
      return compare(sql`coalesce(seg_sv.fen, 0)`, r.op, v);
    case 'vehicle.make': {
      const makes = (Array.isArray(v) ? v : [v]).map((m) => String(m).trim().toLowerCase());
      return sql`c.id in (select veh.customer_id from vehicles veh where veh.tenant_id = ${t}::uuid and lower(veh.make) in (${list(makes)}))`;
    }
    case 'vehicle.fuel': {
      const fuels = Array.isArray(v) ? v : [v];
      return sql`c.id in (select veh.customer_id from vehicles veh where veh.tenant_id = ${t}::uuid and veh.fuel_type in (${list(fuels)}))`;
    }
    case 'vehicle.age': {
      const year = sql`extract(year from (${nowSql(b)} at time zone ${b.env.timezone}))::int`;
      const age = sql`(${year} - coalesce(veh.year, extract(year from veh.registration_date)::int))`;
      return sql`c.id in (select veh.customer_id from vehicles veh where veh.tenant_id = ${t}::uuid and ${compare(age, r.op, v)})`;
    }
    case 'visit.last':
      b.needVisits = true;
      join(b, 'visits', () => sql`left join seg_visits sv_all on sv_all.customer_id = c.id`);
      return dateCompare(b, sql`sv_all.last_at`, r.op, v);
    case 'visit.count':
    case 'spend.total': {
      const column = r.field === 'visit.count' ? sql.raw('n') : sql.raw('spend');
      if (!r.withinDays) {
        b.needVisits = true;
        join(b, 'visits', () => sql`left join seg_visits sv_all on sv_all.customer_id = c.id`);
        return compare(sql`coalesce(sv_all.${column}, 0)`, r.op, v);
      }
      const alias = sql.raw(`seg_p${++b.seq}`);
      b.joins.set(
        `p${b.seq}`,
        sql`left join (${visitsAgg(b, r.withinDays)}) ${alias} on ${alias}.customer_id = c.id`,
      );
      return compare(sql`coalesce(${alias}.${column}, 0)`, r.op, v);
    }
    case 'rfm.recency':
    case 'rfm.frequency':
    case 'rfm.monetary':
    case 'rfm.score': {
      b.needVisits = true;
      // Quintiles by cume_dist: equal figures share a quintile (deterministic), the best is 5;
      // customers without a visit have 0.
      join(
        b,
        'rfm',
        () => sql`left join (select x.customer_id,
              ceil(5 * cume_dist() over (order by x.last_at))::int as r,
              ceil(5 * cume_dist() over (order by x.n))::int as f,
              ceil(5 * cume_dist() over (order by x.spend))::int as m
            from seg_visits x) seg_rfm on seg_rfm.customer_id = c.id`,
      );
      const col = {
        'rfm.recency': sql`coalesce(seg_rfm.r, 0)`,
        'rfm.frequency': sql`coalesce(seg_rfm.f, 0)`,
        'rfm.monetary': sql`coalesce(seg_rfm.m, 0)`,
        'rfm.score': sql`coalesce(seg_rfm.r + seg_rfm.f + seg_rfm.m, 0)`,
      }[r.field as 'rfm.score'];
      return compare(col, r.op, v);
    }
    case 'service.done':
      return sql`c.id in (select o.customer_id from service_orders o
          join service_order_items i on i.tenant_id = o.tenant_id and i.order_id = o.id
          where o.tenant_id = ${t}::uuid and o.status in ('completed', 'paid', 'closed')
            and o.opened_at >= ${daysAgo(b, r.withinDays!)} and i.category in (${list(v as unknown[])}))`;
    case 'service.declined':
      return sql`c.id in (select veh.customer_id from declined_recommendations d
          join vehicles veh on veh.tenant_id = d.tenant_id and veh.id = d.vehicle_id
          where d.tenant_id = ${t}::uuid and d.created_at >= ${daysAgo(b, r.withinDays!)}
            and d.category in (${list(v as unknown[])}))`;
    case 'appointment.upcoming': {
      const has = sql`c.id in (select a.customer_id from appointments a
          where a.tenant_id = ${t}::uuid and a.status in ('booked', 'confirmed') and a.starts_at >= ${nowSql(b)})`;
      return v === true ? has : sql`not (${has})`;
    }
    case 'appointment.count': {
      const alias = sql.raw(`seg_p${++b.seq}`);
      const period = r.withinDays ? sql` and a.created_at >= ${daysAgo(b, r.withinDays)}` : sql``;
      b.joins.set(
        `p${b.seq}`,
        sql`left join (select a.customer_id, count(*)::int as n from appointments a
            where a.tenant_id = ${t}::uuid and a.status <> 'cancelled'${period}
            group by a.customer_id) ${alias} on ${alias}.customer_id = c.id`,
      );
      return compare(sql`coalesce(${alias}.n, 0)`, r.op, v);
    }
  }
  // Unreachable after checkFilter; never turn an unknown name into SQL.
  throw new Error(`field ${r.field} is not in the whitelist`);
}

function nodePredicate(b: Builder, n: SegmentNode): SQL {
  if (n.kind === 'rule') {
    if (!Object.hasOwn(FIELDS, n.field))
      throw new Error(`field ${n.field} is not in the whitelist`);
    return sql`coalesce((${rulePredicate(b, n)}), false)`;
  }
  if (n.kind === 'not') return sql`not (${nodePredicate(b, n.child)})`;
  const parts = n.children.map((c) => nodePredicate(b, c));
  return sql`(${sql.join(parts, n.kind === 'and' ? sql` and ` : sql` or `)})`;
}

/**
 * The ids of the segment's customers (merged duplicates never count) as one SQL statement, to be
 * used as a subquery: `select count(*) from (<this>) s`, `insert … select … from (<this>) m`.
 * The filter must have passed `checkFilter`.
 */
export function segmentMembersSql(filter: SegmentNode, env: SegmentEnv): SQL {
  const b: Builder = { env, joins: new Map(), needVisits: false, seq: 0 };
  const where = nodePredicate(b, filter);
  const withClause = b.needVisits ? sql`with seg_visits as (${visitsAgg(b, undefined)}) ` : sql``;
  const joins = b.joins.size ? sql.join([...b.joins.values()], sql` `) : sql``;
  return sql`${withClause}select c.id as customer_id from customers c ${joins}
    where c.tenant_id = ${env.tenantId}::uuid and c.merged_into_id is null and ${where}`;
}
