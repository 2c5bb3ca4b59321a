// Compiles a checked segment filter to ONE parameterised SQL query over the tenant's customers.
// Every value is a bound parameter; every column, table and operator comes from the fragments
// written below, chosen by the whitelisted field name — request text never becomes SQL.
//
// Shape: `select c.id from customers c left join ... where ...`. Visits, last visit, spend and
// RFM without a period come from customer_stats, car ages from customer_car_facets (both kept by
// modules/customer-stats, one row per customer, never aggregated here); other per-customer
// figures (tier, points, stored value, visits and spend in a period) are LEFT JOINed aggregates
// (hash joins over the tenant, not a subquery per customer); "any car of a make or fuel / any
// order / declined work" facts are `c.id in (select …)` (a hashed subplan, which also works under
// OR and NOT). A leaf under NOT is wrapped in `coalesce(…, false)`, so NOT of a leaf over a
// missing value stays two-valued; elsewhere leaves stay bare (see nodePredicate).
//
// When no leaf reads the customer's own columns and every member must have a visit, a matching
// car or a car at all, the statement starts from that set (see `driver`) instead of all
// customers: a count over a million customers then reads only the index entries that match.
import { sql, type SQL } from 'drizzle-orm';
import { levelNeeded, readingNeeded } from '../interests/index.ts';
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
  seq: number;
  /** The member's id and tenant: `c.id` and `c.tenant_id`, or the driving set's. */
  customerId: SQL;
  customerTenant: SQL;
  /** The table the statement starts from (see driver): its join is not added. */
  from: 'customers' | 'stats' | 'facets' | 'owners';
}

const list = (values: unknown[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

function nowSql(b: Builder): SQL {
  return sql`${b.env.now.toISOString()}::timestamptz`;
}

/**
 * N days (of 24 hours) before now, as one bound instant: a constant the planner can use for an
 * index range, and nothing to compute per row (`now - interval` is only stable).
 */
function daysAgo(b: Builder, days: number): SQL {
  return sql`${new Date(b.env.now.getTime() - days * 86_400_000).toISOString()}::timestamptz`;
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

/**
 * Community figures per customer, each a tenant-scoped aggregate over the owner module's table
 * (read through its customer index), the period on the fact's own time:
 * - events attended: sign-ups checked in (period: checked in within it);
 * - no-shows: confirmed sign-ups not checked in, at published events that have ended (as the
 *   events module counts them; period: the event ended within it);
 * - deals joined: the group deals joined at all, whatever came of it — left, settled or
 *   released — each deal once (period: joined within it).
 */
function communityAgg(b: Builder, field: string, withinDays: number | undefined): SQL {
  const t = b.env.tenantId;
  const since = withinDays ? daysAgo(b, withinDays) : null;
  if (field === 'community.events.attended')
    return sql`select s.customer_id, count(*)::int as n from event_signups s
      where s.tenant_id = ${t}::uuid and s.checked_in_at is not null${since ? sql` and s.checked_in_at >= ${since}` : sql``}
      group by s.customer_id`;
  if (field === 'community.events.noShows')
    return sql`select s.customer_id, count(*)::int as n from event_signups s
      join community_events e on e.tenant_id = s.tenant_id and e.id = s.event_id
      where s.tenant_id = ${t}::uuid and s.status = 'confirmed' and s.checked_in_at is null
        and e.status = 'published' and e.ends_at <= ${nowSql(b)}${since ? sql` and e.ends_at >= ${since}` : sql``}
      group by s.customer_id`;
  return sql`select p.customer_id, count(distinct p.deal_id)::int as n from deal_participations p
    where p.tenant_id = ${t}::uuid${since ? sql` and p.joined_at >= ${since}` : sql``}
    group by p.customer_id`;
}

/**
 * "Interest in a tag ≥ v" (or < v, its complement) as it is now, whatever ran last: the reading
 * part is an index range on interest_scores (tenant, tag, level), whose level is decay-invariant
 * (see interests/interest-rules.ts); a follow lowers the reading needed, to none at the follow's
 * own score. Customers who switched personalisation off have no scores (deleted at once) and
 * their follows are left out.
 */
function interestAtLeast(b: Builder, r: SegmentRule, [slug, v]: [string, number]): SQL {
  const t = b.env.tenantId;
  const reading = (needed: number | null): SQL => {
    if (needed === null) return sql`false`;
    if (needed <= 0) return sql`true`;
    return sql`${b.customerId} in (select s.customer_id from interest_scores s
        where s.tenant_id = ${t}::uuid and s.tag_slug = ${slug}
          and s.level >= ${levelNeeded(needed, b.env.now)}::float8)`;
  };
  const followed = sql`${b.customerId} in (select f.customer_id from interest_follows f
      where f.tenant_id = ${t}::uuid and f.tag_slug = ${slug}
        and not exists (select 1 from interest_settings x where x.tenant_id = f.tenant_id
          and x.customer_id = f.customer_id and not x.personalised))`;
  // Everyone scores at least 0: "≥ 0" is everyone, "< 0" no one.
  const atLeast =
    v <= 0
      ? sql`true`
      : sql`(${reading(readingNeeded(v, false))} or (${followed} and ${reading(readingNeeded(v, true))}))`;
  return r.op === 'lt' ? sql`not ${atLeast}` : atLeast;
}

function join(b: Builder, key: string, fragment: () => SQL): void {
  if (!b.joins.has(key)) b.joins.set(key, fragment());
}

/**
 * A per-customer table (customer_stats: visits, spend, RFM; customer_car_facets: the cars' model
 * years), LEFT JOINed once by the member's id — unless the statement starts from it.
 */
function joinPerCustomer(b: Builder, kind: 'stats' | 'facets'): void {
  if (b.from === kind) return;
  const { table, alias } = FROM[kind];
  join(
    b,
    kind,
    () =>
      sql`left join ${sql.raw(table)} ${sql.raw(alias)} on ${sql.raw(alias)}.tenant_id = ${b.customerTenant} and ${sql.raw(alias)}.customer_id = ${b.customerId}`,
  );
}
const joinStats = (b: Builder) => joinPerCustomer(b, 'stats');
const joinFacets = (b: Builder) => joinPerCustomer(b, 'facets');

/** Does a customer without a stats row (0) pass `op value`? Mirrors `compare`. */
function zeroPasses(op: string, value: unknown): boolean {
  const v = value as number;
  switch (op) {
    case 'eq':
      return v === 0;
    case 'neq':
      return v !== 0;
    case 'gt':
      return 0 > v;
    case 'gte':
      return 0 >= v;
    case 'lt':
      return 0 < v;
    case 'lte':
      return 0 <= v;
    case 'between': {
      const [lo, hi] = value as [number, number];
      return lo <= 0 && 0 <= hi;
    }
  }
  throw new Error(`operator ${op}`);
}

/**
 * A figure of customer_stats (0 without a row). When 0 does not pass, the bare column is
 * compared: a missing row gives null, which filters like false and lets the join be inner.
 */
function statCompare(column: string, op: string, value: unknown): SQL {
  const col = sql.raw(`seg_stats.${column}`);
  return zeroPasses(op, value)
    ? compare(sql`coalesce(${col}, 0)`, op, value)
    : compare(col, op, value);
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
      // date_part (a double) rather than extract (a numeric): cheaper on every row of a scan.
      return compare(sql`date_part('month', c.birthday)::int`, r.op, v);
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
          sql`left join customer_tiers seg_tier on seg_tier.tenant_id = ${b.customerTenant} and seg_tier.customer_id = ${b.customerId}`,
      );
      return compare(sql`coalesce(seg_tier.tier_code, '')`, r.op, v);
    case 'loyalty.points':
      join(
        b,
        'points',
        () =>
          sql`left join ledger_accounts seg_points on seg_points.tenant_id = ${b.customerTenant} and seg_points.owner_customer_id = ${b.customerId} and seg_points.kind = 'points_available'`,
      );
      return compare(sql`coalesce(seg_points.balance, 0)`, r.op, v);
    case 'loyalty.storedValue':
      join(
        b,
        'sv',
        () => sql`left join (select a.owner_customer_id, sum(a.balance)::bigint as fen from ledger_accounts a
            where a.tenant_id = ${t}::uuid and a.kind in ('stored_value_principal', 'stored_value_bonus')
            group by a.owner_customer_id) seg_sv on seg_sv.owner_customer_id = ${b.customerId}`,
      );
      return compare(sql`coalesce(seg_sv.fen, 0)`, r.op, v);
    case 'vehicle.make':
    case 'vehicle.fuel':
      return anyCar(b, [vehicleCondition(r)]);
    case 'vehicle.age':
      joinFacets(b);
      return carAgeCondition(b, r);
    case 'visit.last':
      joinStats(b);
      return dateCompare(b, sql`seg_stats.last_visit_at`, r.op, v);
    case 'visit.count':
    case 'spend.total': {
      const column = r.field === 'visit.count' ? sql.raw('n') : sql.raw('spend');
      if (!r.withinDays) {
        joinStats(b);
        return statCompare(r.field === 'visit.count' ? 'visit_count' : 'spend_fen', r.op, v);
      }
      const alias = sql.raw(`seg_p${++b.seq}`);
      b.joins.set(
        `p${b.seq}`,
        sql`left join (${visitsAgg(b, r.withinDays)}) ${alias} on ${alias}.customer_id = ${b.customerId}`,
      );
      return compare(sql`coalesce(${alias}.${column}, 0)`, r.op, v);
    }
    case 'rfm.recency':
    case 'rfm.frequency':
    case 'rfm.monetary':
    case 'rfm.score': {
      // Quintiles by cume_dist, kept in customer_stats (see modules/customer-stats): equal
      // figures share a quintile, the best is 5; customers without a visit have 0.
      joinStats(b);
      const column = {
        'rfm.recency': 'rfm_r',
        'rfm.frequency': 'rfm_f',
        'rfm.monetary': 'rfm_m',
        'rfm.score': 'rfm_score',
      }[r.field as 'rfm.score'];
      return statCompare(column, r.op, v);
    }
    case 'service.done':
      return sql`${b.customerId} in (select o.customer_id from service_orders o
          join service_order_items i on i.tenant_id = o.tenant_id and i.order_id = o.id
          where o.tenant_id = ${t}::uuid and o.status in ('completed', 'paid', 'closed')
            and o.opened_at >= ${daysAgo(b, r.withinDays!)} and i.category in (${list(v as unknown[])}))`;
    case 'service.declined':
      // The customers who declined (the owner then, even if the car changed hands since): an
      // index range of (tenant, created_at, category, customer), never the cars.
      return sql`${b.customerId} in (select d.customer_id from declined_recommendations d
          where d.tenant_id = ${t}::uuid and d.created_at >= ${daysAgo(b, r.withinDays!)}
            and d.category in (${list(v as unknown[])}))`;
    case 'appointment.upcoming': {
      const has = sql`${b.customerId} in (select a.customer_id from appointments a
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
            group by a.customer_id) ${alias} on ${alias}.customer_id = ${b.customerId}`,
      );
      return compare(sql`coalesce(${alias}.n, 0)`, r.op, v);
    }
    case 'community.club':
    case 'community.clubRole': {
      // Active members (not a request waiting for approval) of one of the clubs, or holding one
      // of the roles in any club. club_id: the primary key (tenant, club, customer); role: the
      // partial index of active members by (tenant, role, customer). A negative operator is the
      // complement: a member of none of the clubs / holding none of the roles.
      const values = Array.isArray(v) ? v : [v];
      const condition =
        r.field === 'community.club'
          ? sql`m.club_id in (${sql.join(
              values.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
          : sql`m.role in (${list(values)})`;
      const has = sql`${b.customerId} in (select m.customer_id from club_members m
          where m.tenant_id = ${t}::uuid and m.status = 'active' and ${condition})`;
      return r.op === 'neq' || r.op === 'not_in' ? sql`not (${has})` : has;
    }
    case 'community.events.attended':
    case 'community.events.noShows':
    case 'community.deals.joined': {
      const alias = sql.raw(`seg_p${++b.seq}`);
      b.joins.set(
        `p${b.seq}`,
        sql`left join (${communityAgg(b, r.field, r.withinDays)}) ${alias} on ${alias}.customer_id = ${b.customerId}`,
      );
      return compare(sql`coalesce(${alias}.n, 0)`, r.op, v);
    }
    case 'interest.score':
      return interestAtLeast(b, r, v as [string, number]);
    case 'interest.follows': {
      const values = Array.isArray(v) ? v : [v];
      const has = sql`${b.customerId} in (select f.customer_id from interest_follows f
          where f.tenant_id = ${t}::uuid and f.tag_slug in (${list(values)})
            and not exists (select 1 from interest_settings x where x.tenant_id = f.tenant_id
              and x.customer_id = f.customer_id and not x.personalised))`;
      return r.op === 'not_in' ? sql`not (${has})` : has;
    }
  }
  // Unreachable after checkFilter; never turn an unknown name into SQL.
  throw new Error(`field ${r.field} is not in the whitelist`);
}

/**
 * The condition on one car (`veh`) of a make or fuel leaf, on a column indexed with the owner
 * (make_key, fuel_type), so the owners come from the index alone.
 */
function vehicleCondition(r: SegmentRule): SQL {
  const v = r.value;
  const values = Array.isArray(v) ? v : [v];
  if (r.field === 'vehicle.make')
    return sql`veh.make_key in (${list(values.map((m) => String(m).trim().toLowerCase()))})`;
  return sql`veh.fuel_type in (${list(values)})`;
}

/**
 * The owners of the cars meeting any of the conditions: one index-only range per condition.
 * `distinct`: each owner once (the driving set); otherwise duplicates may stay (under `in`).
 */
function carOwners(b: Builder, conditions: SQL[], distinct: boolean): SQL {
  const one = (c: SQL, d: boolean) =>
    sql`select ${d ? sql`distinct ` : sql``}veh.customer_id from vehicles veh where veh.tenant_id = ${b.env.tenantId}::uuid and ${c}`;
  if (conditions.length === 1) return one(conditions[0]!, distinct);
  return sql.join(
    conditions.map((c) => one(c, false)),
    distinct ? sql` union ` : sql` union all `,
  );
}

/** Has any car meeting any of the conditions. */
function anyCar(b: Builder, conditions: SQL[]): SQL {
  return sql`${b.customerId} in (${carOwners(b, conditions, false)})`;
}

/**
 * A car-age leaf over the customer's model years (customer_car_facets, kept by the database from
 * the cars): one row per customer, so nothing is de-duplicated. Age = this year (in the tenant's
 * timezone) − model year, turned round onto the oldest or newest model year, or looked for among
 * the customer's model years.
 */
function carAgeCondition(b: Builder, r: SegmentRule): SQL {
  const v = r.value;
  const year = sql`extract(year from (${nowSql(b)} at time zone ${b.env.timezone}))::int`;
  const born = (age: unknown) => sql`(${year} - ${age}::int)`;
  switch (r.op) {
    case 'gt': // a car older than v: the oldest is
      return sql`seg_cf.min_model_year < ${born(v)}`;
    case 'gte':
      return sql`seg_cf.min_model_year <= ${born(v)}`;
    case 'lt': // a car newer than v: the newest is
      return sql`seg_cf.max_model_year > ${born(v)}`;
    case 'lte':
      return sql`seg_cf.max_model_year >= ${born(v)}`;
    case 'eq':
      return sql`seg_cf.model_years @> array[${born(v)}]`;
    case 'neq': // a car of another year: the oldest or the newest is
      return sql`(seg_cf.min_model_year <> ${born(v)} or seg_cf.max_model_year <> ${born(v)})`;
    case 'between': {
      const [lo, hi] = v as [number, number];
      return sql`exists (select 1 from unnest(seg_cf.model_years) y where y between ${born(hi)} and ${born(lo)})`;
    }
  }
  throw new Error(`operator ${r.op}`);
}

/**
 * `negated`: under an odd number of NOTs. There a leaf over a missing value (null) must be false
 * before it is negated, so it is wrapped in `coalesce(…, false)`. Elsewhere AND / OR are
 * monotone, so null and false filter out the same customers, and the bare leaf stays strict:
 * the planner may then turn a LEFT JOIN into an inner join and start from the joined table.
 */
function nodePredicate(b: Builder, n: SegmentNode, negated: boolean): SQL {
  if (n.kind === 'rule') {
    if (!Object.hasOwn(FIELDS, n.field))
      throw new Error(`field ${n.field} is not in the whitelist`);
    const leaf = rulePredicate(b, n);
    return negated ? sql`coalesce((${leaf}), false)` : sql`(${leaf})`;
  }
  if (n.kind === 'not') return sql`not (${nodePredicate(b, n.child, !negated)})`;
  // Make and fuel leaves OR-ed together ask one question of the cars: (any car p) or (any car q)
  // is (any car p or q). The combined leaf is two-valued (customer_id is never null), so it
  // needs no coalesce under NOT either.
  const cars = n.kind === 'or' ? n.children.filter(isOwnerLeaf) : [];
  const rest = cars.length > 1 ? n.children.filter((c) => !cars.includes(c as SegmentRule)) : [];
  const parts =
    cars.length > 1
      ? [anyCar(b, cars.map(vehicleCondition)), ...rest.map((c) => nodePredicate(b, c, negated))]
      : n.children.map((c) => nodePredicate(b, c, negated));
  return sql`(${sql.join(parts, n.kind === 'and' ? sql` and ` : sql` or `)})`;
}

/** A make or fuel leaf: answered by the owners of the matching cars (vehicles' owner indexes). */
function isOwnerLeaf(n: SegmentNode): n is SegmentRule {
  return n.kind === 'rule' && (n.field === 'vehicle.make' || n.field === 'vehicle.fuel');
}

/** A make or fuel leaf, or an OR of them only: "has a car such that …", from the car owners. */
function isOwnerQuestion(n: SegmentNode): boolean {
  return isOwnerLeaf(n) || (n.kind === 'or' && n.children.every(isOwnerLeaf));
}

const CAR_FIELDS = new Set(['vehicle.make', 'vehicle.fuel', 'vehicle.age']);

const STATS_FIELDS = new Set([
  'visit.last',
  'visit.count',
  'spend.total',
  'rfm.recency',
  'rfm.frequency',
  'rfm.monetary',
  'rfm.score',
]);

/** A leaf that no customer without a statistics row (no visit) can meet. */
function needsStatsRow(n: SegmentNode): boolean {
  if (n.kind !== 'rule' || !STATS_FIELDS.has(n.field) || n.withinDays) return false;
  if (n.field === 'visit.last') return n.op !== 'is_empty';
  return !zeroPasses(n.op, n.value);
}

/** A car leaf, or an OR of them: no customer without a car (no model-years row) can meet it. */
function needsFacetsRow(n: SegmentNode): boolean {
  if (n.kind === 'rule') return CAR_FIELDS.has(n.field);
  return n.kind === 'or' && n.children.every(needsFacetsRow);
}

function usesCustomerFields(n: SegmentNode): boolean {
  if (n.kind === 'rule') return n.field.startsWith('customer.');
  if (n.kind === 'not') return usesCustomerFields(n.child);
  return n.children.some(usesCustomerFields);
}

type Driver =
  | { kind: 'customers' | 'stats' | 'facets' }
  /** `question`: the make / fuel question every member passes; `rest`: the other children. */
  | { kind: 'owners'; question: SegmentNode; rest: SegmentNode[] };

/** The filter is such a leaf (or group), or an AND with one. */
const everyMember = (filter: SegmentNode, needs: (n: SegmentNode) => boolean) =>
  needs(filter) || (filter.kind === 'and' && filter.children.some(needs));

/**
 * Where the statement starts. When no leaf reads the customer's own columns:
 * - customer_stats, when every member must have a statistics row (a visit);
 * - the owners of the matching cars (a `union` of index ranges), when every member must pass a
 *   make / fuel question;
 * - customer_car_facets, when every member must have a car (any car leaf);
 * and never customers. Sound because none of these ever yields a merged customer: the statistics
 * refresh writes no row for one, orders are opened and cars added only for live customers, and a
 * merge drops the duplicate's rows before moving its orders and cars.
 */
function driver(filter: SegmentNode): Driver {
  if (usesCustomerFields(filter)) return { kind: 'customers' };
  if (everyMember(filter, needsStatsRow)) return { kind: 'stats' };
  if (isOwnerQuestion(filter)) return { kind: 'owners', question: filter, rest: [] };
  if (filter.kind === 'and') {
    const question = filter.children.find(isOwnerQuestion);
    if (question)
      return { kind: 'owners', question, rest: filter.children.filter((c) => c !== question) };
  }
  if (everyMember(filter, needsFacetsRow)) return { kind: 'facets' };
  return { kind: 'customers' };
}

const FROM = {
  customers: { table: 'customers', alias: 'c', id: 'c.id' },
  stats: { table: 'customer_stats', alias: 'seg_stats', id: 'seg_stats.customer_id' },
  facets: { table: 'customer_car_facets', alias: 'seg_cf', id: 'seg_cf.customer_id' },
} as const;

/**
 * Leaves out the customers segments must not use (PIPL): those who switched personalised
 * marketing off and those erased. They are few, so the anti-join reads the partial index
 * `customers_marketing_excluded_idx` once.
 */
function notExcluded(env: SegmentEnv, customerId: SQL): SQL {
  return sql`not exists (select 1 from customers seg_x where seg_x.tenant_id = ${env.tenantId}::uuid
    and seg_x.id = ${customerId} and (seg_x.personalised_marketing_off or seg_x.erased_at is not null))`;
}

/**
 * The ids of the segment's customers (merged duplicates never count) as one SQL statement, to be
 * used as a subquery: `select count(*) from (<this>) s`, `insert … select … from (<this>) m`.
 * The filter must have passed `checkFilter`.
 */
export function segmentMembersSql(filter: SegmentNode, env: SegmentEnv): SQL {
  const from = driver(filter);
  if (from.kind === 'owners') {
    const b: Builder = {
      env,
      joins: new Map(),
      seq: 0,
      from: 'owners',
      customerId: sql.raw('seg_car.customer_id'),
      customerTenant: sql`${env.tenantId}::uuid`,
    };
    const question = isOwnerLeaf(from.question)
      ? [from.question]
      : (from.question as { children: SegmentRule[] }).children;
    const owners = carOwners(b, question.map(vehicleCondition), true);
    const rest = from.rest.map((n) => nodePredicate(b, n, false));
    const joins = b.joins.size ? sql.join([...b.joins.values()], sql` `) : sql``;
    const allowed = notExcluded(env, sql.raw('seg_car.customer_id'));
    const cond = rest.length
      ? sql`where ${sql.join(rest, sql` and `)} and ${allowed}`
      : sql`where ${allowed}`;
    return sql`select seg_car.customer_id from (${owners}) seg_car ${joins} ${cond}`;
  }
  const f = FROM[from.kind];
  const b: Builder = {
    env,
    joins: new Map(),
    seq: 0,
    from: from.kind,
    customerId: sql.raw(f.id),
    customerTenant: sql.raw(`${f.alias}.tenant_id`),
  };
  const where = nodePredicate(b, filter, false);
  const joins = b.joins.size ? sql.join([...b.joins.values()], sql` `) : sql``;
  // Customers who objected to personalised marketing, and erased ones, are never members.
  const live =
    from.kind === 'customers'
      ? sql` and c.merged_into_id is null and not c.personalised_marketing_off and c.erased_at is null`
      : sql` and ${notExcluded(env, sql.raw(f.id))}`;
  return sql`select ${sql.raw(f.id)} as customer_id from ${sql.raw(f.table)} ${sql.raw(f.alias)} ${joins}
    where ${sql.raw(f.alias)}.tenant_id = ${env.tenantId}::uuid${live} and ${where}`;
}
