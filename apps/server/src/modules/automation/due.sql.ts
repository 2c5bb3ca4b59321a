// The set-based due computation: one statement computes every car's daily-mileage estimate
// (the same algorithm as `prediction.ts`, in SQL), one computes every car's due items. Both
// run for a whole tenant or, with `vehicleId`, for one car (the incremental path on events).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { BUILT_IN_INTERVALS } from './intervals.ts';
import {
  DEFAULT_DAILY_KM,
  MAX_DAILY_KM,
  MAX_READINGS,
  MIN_MOVING_KM,
  MIN_SPAN_DAYS,
  TOLERANCE_KM,
} from './prediction.ts';

export interface DueRunSettings {
  insuranceLeadDays: number;
  inspectionLeadDays: number;
  warrantyYears: number;
  warrantyKm: number | null;
  warrantyLeadDays: number;
  defaultDailyKm: number | null;
}

const only = (column: string, vehicleId: string | null): SQL =>
  vehicleId ? sql`and ${sql.raw(column)} = ${vehicleId}::uuid` : sql``;

/** Upserts `vehicle_mileage_estimates` for the tenant's cars (or one car). */
export async function upsertEstimates(
  tx: Db,
  input: {
    tenantId: string;
    vehicleId: string | null;
    runAt: Date;
    fleetDailyKm: number | null;
    defaultDailyKm: number | null;
  },
) {
  const { vehicleId } = input;
  const fallbackKm =
    input.fleetDailyKm != null && input.fleetDailyKm > 0
      ? input.fleetDailyKm
      : (input.defaultDailyKm ?? DEFAULT_DAILY_KM);
  const fallbackSource = input.fleetDailyKm != null && input.fleetDailyKm > 0 ? 'fleet' : 'default';
  const M = MAX_DAILY_KM;
  const T = TOLERANCE_KM;
  await tx.execute(sql`
    with r as materialized (
      select o.vehicle_id, o.id, o.read_at, o.mileage_km,
             row_number() over (partition by o.vehicle_id order by o.read_at desc, o.id desc) as rn,
             count(*) over (partition by o.vehicle_id) as total
      from odometer_readings o
      where o.tenant_id = ${input.tenantId}::uuid ${only('o.vehicle_id', vehicleId)}
    ),
    recent as materialized (select * from r where rn <= ${MAX_READINGS}),
    votes as materialized (
      select a.vehicle_id, a.id, a.read_at, a.mileage_km, a.total,
             count(b.id) as others,
             count(b.id) filter (where
               case when b.read_at = a.read_at then abs(b.mileage_km - a.mileage_km) <= ${M + T}
               else (b.mileage_km - a.mileage_km) * sign(extract(epoch from (b.read_at - a.read_at))) >= ${-T}
                and (b.mileage_km - a.mileage_km) * sign(extract(epoch from (b.read_at - a.read_at)))
                    <= ${M} * greatest(abs(extract(epoch from (b.read_at - a.read_at))) / 86400.0, 1) + ${T}
               end) as ok
      from recent a left join recent b on b.vehicle_id = a.vehicle_id and b.id <> a.id
      group by a.vehicle_id, a.id, a.read_at, a.mileage_km, a.total
    ),
    kept as materialized (select * from votes where 2 * ok >= others),
    slopes as materialized (
      select a.vehicle_id,
             (b.mileage_km - a.mileage_km)::float8 / (extract(epoch from (b.read_at - a.read_at))::float8 / 86400.0) as slope
      from kept a join kept b on b.vehicle_id = a.vehicle_id
       and extract(epoch from (b.read_at - a.read_at)) >= 86400
    ),
    agg as materialized (
      select vehicle_id,
             percentile_cont(0.5) within group (order by slope) as median,
             percentile_cont(0.25) within group (order by slope) as p25,
             percentile_cont(0.75) within group (order by slope) as p75
      from slopes group by vehicle_id
    ),
    kstat as materialized (
      select vehicle_id, count(*)::int as used,
             extract(epoch from (max(read_at) - min(read_at)))::float8 / 86400.0 as span
      from kept group by vehicle_id
    ),
    tot as materialized (select vehicle_id, max(total)::int as total from recent group by vehicle_id),
    anchor as materialized (
      select distinct on (vehicle_id) vehicle_id, read_at, mileage_km from (
        select vehicle_id, read_at, mileage_km, id, 0 as pref from kept
        union all
        select vehicle_id, read_at, mileage_km, id, 1 as pref from recent where rn = 1
      ) x order by vehicle_id, pref, read_at desc, id desc
    ),
    est as materialized (
      select v.tenant_id, v.id as vehicle_id,
             (coalesce(ks.used, 0) >= 2 and ks.span >= ${MIN_SPAN_DAYS} and agg.median is not null) as own,
             least(greatest(agg.median, 0), ${M}) as rate, agg.p75 - agg.p25 as spread,
             coalesce(ks.used, 0) as used, coalesce(ks.span, 0) as span, coalesce(tot.total, 0) as total,
             an.mileage_km as anchor_km, an.read_at as anchor_at
      from vehicles v
      left join kstat ks on ks.vehicle_id = v.id
      left join agg on agg.vehicle_id = v.id
      left join tot on tot.vehicle_id = v.id
      left join anchor an on an.vehicle_id = v.id
      where v.tenant_id = ${input.tenantId}::uuid ${only('v.id', vehicleId)}
    )
    insert into vehicle_mileage_estimates (tenant_id, vehicle_id, daily_km, source, confidence,
      readings_total, readings_used, spread_km_per_day, span_days, anchor_km, anchor_at, computed_at)
    select tenant_id, vehicle_id,
           case when own then rate else ${fallbackKm}::float8 end,
           case when own then 'own' else ${fallbackSource} end,
           case when not own then 'low'
                when used >= 4 and span >= 90 and spread <= greatest(5, 0.5 * rate) then 'high'
                else 'medium' end,
           total, used, case when own then spread end, span, anchor_km, anchor_at,
           ${input.runAt.toISOString()}::timestamptz
    from est
    on conflict (tenant_id, vehicle_id) do update set
      daily_km = excluded.daily_km, source = excluded.source, confidence = excluded.confidence,
      readings_total = excluded.readings_total, readings_used = excluded.readings_used,
      spread_km_per_day = excluded.spread_km_per_day, span_days = excluded.span_days,
      anchor_km = excluded.anchor_km, anchor_at = excluded.anchor_at, computed_at = excluded.computed_at
    where (vehicle_mileage_estimates.daily_km, vehicle_mileage_estimates.source,
           vehicle_mileage_estimates.confidence, vehicle_mileage_estimates.readings_total,
           vehicle_mileage_estimates.readings_used, vehicle_mileage_estimates.spread_km_per_day,
           vehicle_mileage_estimates.span_days, vehicle_mileage_estimates.anchor_km,
           vehicle_mileage_estimates.anchor_at)
      is distinct from
          (excluded.daily_km, excluded.source, excluded.confidence, excluded.readings_total,
           excluded.readings_used, excluded.spread_km_per_day, excluded.span_days,
           excluded.anchor_km, excluded.anchor_at)`);
}

/**
 * Recomputes the tenant's fleet figure (median km a day of the cars with an own rate; at least
 * five of them) and moves the cars without one onto it. Returns the figure.
 */
export async function refreshFleet(
  tx: Db,
  input: { tenantId: string; runAt: Date; defaultDailyKm: number | null },
): Promise<number | null> {
  const result = (await tx.execute(sql`
    insert into due_fleet_stats (tenant_id, fleet_daily_km, cars, computed_at)
    select ${input.tenantId}::uuid,
           case when count(*) >= 5 then percentile_cont(0.5) within group (order by daily_km) end,
           count(*)::int, ${input.runAt.toISOString()}::timestamptz
    from vehicle_mileage_estimates where tenant_id = ${input.tenantId}::uuid and source = 'own'
    on conflict (tenant_id) do update set fleet_daily_km = excluded.fleet_daily_km,
      cars = excluded.cars, computed_at = excluded.computed_at
    returning fleet_daily_km`)) as unknown as {
    rows: { fleet_daily_km: number | string | null }[];
  };
  const raw = result.rows[0]?.fleet_daily_km;
  const fleet = raw == null ? null : Number(raw);
  const km = fleet ?? input.defaultDailyKm ?? DEFAULT_DAILY_KM;
  await tx.execute(sql`
    update vehicle_mileage_estimates set daily_km = ${km}::float8, source = ${fleet != null ? 'fleet' : 'default'}
    where tenant_id = ${input.tenantId}::uuid and source <> 'own'
      and (daily_km, source) is distinct from (${km}::float8, ${fleet != null ? 'fleet' : 'default'})`);
  return fleet;
}

/** The built-in intervals as a VALUES list (code, category, LIKE patterns, km, months, lead, skip EV). */
function builtInValues(): SQL {
  const rows = BUILT_IN_INTERVALS.map(
    (i) =>
      sql`(${i.code}::text, ${i.category}::text, array[${sql.join(
        i.keywords.map(likeOf),
        sql`, `,
      )}]::text[], ${i.intervalKm}::int, ${i.intervalMonths}::int, ${i.leadDays}::int, ${i.skipElectric}::boolean)`,
  );
  return sql`(values ${sql.join(rows, sql`, `)}) as iv(code, category, likes, km, months, lead, skip_electric)`;
}

const likeOf = (k: string) => sql`${`%${k.toLowerCase()}%`}::text`;
const allLikes = (): SQL =>
  sql`array[${sql.join(
    BUILT_IN_INTERVALS.flatMap((i) => i.keywords).map(likeOf),
    sql`, `,
  )}]::text[]`;
const allCategories = (): SQL =>
  sql`array[${sql.join(
    BUILT_IN_INTERVALS.flatMap((i) => (i.category ? [sql`${i.category}::text`] : [])),
    sql`, `,
  )}]::text[]`;

/** Days from the anchor until `km` is reached at the car's rate (capped: a century). */
const kmDate = (km: SQL | string): SQL => {
  const k = typeof km === 'string' ? sql.raw(km) : km;
  return sql`case when car.daily_km >= ${MIN_MOVING_KM} and car.anchor_km is not null and ${k} is not null
    then (car.anchor_local + greatest(least((${k} - car.anchor_km) / car.daily_km, 36500), -36500) * interval '1 day')::date end`;
};

/**
 * Upserts `vehicle_due_items` for the tenant's cars (or one car) and drops the items that no
 * longer apply (done recalls, cleared dates), in one statement.
 */
export async function upsertDueItems(
  tx: Db,
  input: { tenantId: string; vehicleId: string | null; runAt: Date; settings: DueRunSettings },
) {
  const { vehicleId, settings: s } = input;
  const runAt = input.runAt.toISOString();
  await tx.execute(sql`
    with tz as materialized (select timezone as tz from tenants where tenant_id = ${input.tenantId}::uuid),
    car as materialized (
      select v.tenant_id, v.id, v.customer_id, c.home_store_id as store_id, v.make, v.fuel_type,
             v.registration_date, v.insurance_expiry, v.next_inspection_date,
             (v.created_at at time zone tz.tz)::date as created_on,
             e.daily_km, e.anchor_km, (e.anchor_at at time zone tz.tz) as anchor_local, e.anchor_at
      from vehicles v
      join customers c on c.tenant_id = v.tenant_id and c.id = v.customer_id
      left join vehicle_mileage_estimates e on e.tenant_id = v.tenant_id and e.vehicle_id = v.id
      cross join tz
      where v.tenant_id = ${input.tenantId}::uuid ${only('v.id', vehicleId)}
    ),
    iv as materialized (select * from ${builtInValues()}),
    first_reading as materialized (
      select distinct on (o.vehicle_id) o.vehicle_id, o.read_at, o.mileage_km
      from odometer_readings o
      where o.tenant_id = ${input.tenantId}::uuid ${only('o.vehicle_id', vehicleId)}
      order by o.vehicle_id, o.read_at, o.id
    ),
    -- Finished work that any interval could count: description lowered once per item, and
    -- items that name no interval dropped before the per-interval match.
    done_items as materialized (
      select so.vehicle_id, so.id as order_id, so.mileage_km, i.category, lower(i.description) as words,
             coalesce(so.completed_at, so.paid_at, so.closed_at, so.opened_at) as done_at
      from service_orders so
      join service_order_items i on i.tenant_id = so.tenant_id and i.order_id = so.id
      where so.tenant_id = ${input.tenantId}::uuid ${only('so.vehicle_id', vehicleId)}
        and so.status in ('completed', 'paid', 'closed')
        and (i.category = any (${allCategories()}) or lower(i.description) like any (${allLikes()}))
    ),
    done as materialized (
      select distinct on (di.vehicle_id, iv.code) di.vehicle_id, iv.code, di.order_id, di.done_at, di.mileage_km
      from done_items di
      join iv on (iv.category is not null and di.category = iv.category) or di.words like any (iv.likes)
      order by di.vehicle_id, iv.code, di.done_at desc, di.order_id desc
    ),
    eff as materialized (
      select car.id as vehicle_id, iv.code,
             case when om.code is not null then om.interval_km when o.code is not null then o.interval_km else iv.km end as km,
             case when om.code is not null then om.interval_months when o.code is not null then o.interval_months else iv.months end as months,
             case when om.code is not null then om.lead_days when o.code is not null then o.lead_days else iv.lead end as lead,
             coalesce(om.enabled, o.enabled, true) as enabled
      from car cross join iv
      left join due_intervals om on om.tenant_id = car.tenant_id and om.code = iv.code
            and om.make <> '' and lower(om.make) = lower(car.make)
      left join due_intervals o on o.tenant_id = car.tenant_id and o.code = iv.code and o.make = ''
      where not (iv.skip_electric and car.fuel_type = 'electric')
    ),
    base as materialized (
      select car.*, eff.code, eff.km as interval_km, eff.months as interval_months, eff.lead,
             d.order_id, d.done_at, d.mileage_km as done_km,
             case when d.vehicle_id is not null then 'service'
                  -- Counted from registration only if we knew the car within its first interval.
                  when car.registration_date is not null
                   and (fr.vehicle_id is null
                        or ((eff.km is null or fr.mileage_km < eff.km)
                            and (eff.months is null
                                 or fr.read_at < car.registration_date + make_interval(months => eff.months)))) then 'registration'
                  when fr.vehicle_id is not null then 'first_reading'
                  else 'none' end as basis,
             fr.read_at as first_at, fr.mileage_km as first_km
      from eff
      join car on car.id = eff.vehicle_id
      left join done d on d.vehicle_id = eff.vehicle_id and d.code = eff.code
      left join first_reading fr on fr.vehicle_id = eff.vehicle_id
      where eff.enabled
    ),
    based as materialized (
      select base.*,
             case basis when 'service' then (done_at at time zone tz.tz)::date
                        when 'registration' then registration_date
                        when 'first_reading' then (first_at at time zone tz.tz)::date
                        else created_on end as base_date,
             case basis when 'service' then coalesce(done_km,
                          case when daily_km is not null and anchor_km is not null then greatest(0, round(anchor_km
                            - daily_km * extract(epoch from (anchor_at - done_at)) / 86400.0))::int end)
                        when 'registration' then 0
                        when 'first_reading' then first_km end as base_km
      from base cross join tz
    ),
    maint as materialized (
      select based.*, based.base_km + based.interval_km as due_km,
             (based.base_date + make_interval(months => based.interval_months))::date as time_date
      from based
    ),
    maint_due as materialized (
      select car.*, ${kmDate('car.due_km')} as km_date from maint car
    ),
    items as materialized (
      select tenant_id, id as vehicle_id, 'maintenance:' || code as item_key, 'maintenance' as kind,
             code, null::uuid as custom_item_id, null::text as title, customer_id, store_id,
             least(time_date, km_date) as due_date, due_km,
             case when km_date is not null and (time_date is null or km_date < time_date) then 'mileage' else 'time' end as trigger,
             lead as lead_days, interval_km, interval_months, basis,
             case when basis = 'service' then base_date end as last_done_on,
             case when basis = 'service' then base_km end as last_done_km,
             order_id as last_order_id
      from maint_due where coalesce(time_date, km_date) is not null
      union all
      select tenant_id, id, 'insurance', 'insurance', null, null, null, customer_id, store_id,
             insurance_expiry, null, 'date', ${s.insuranceLeadDays}::int, null, null, 'none', null, null, null
      from car where insurance_expiry is not null
      union all
      select tenant_id, id, 'inspection', 'inspection', null, null, null, customer_id, store_id,
             next_inspection_date, null, 'date', ${s.inspectionLeadDays}::int, null, null, 'none', null, null, null
      from car where next_inspection_date is not null
      union all
      select tenant_id, id, 'warranty', 'warranty', null, null, null, customer_id, store_id,
             least((registration_date + make_interval(years => ${s.warrantyYears}::int))::date, km_date),
             ${s.warrantyKm}::int,
             case when km_date is not null and km_date < (registration_date + make_interval(years => ${s.warrantyYears}::int))::date then 'mileage' else 'date' end,
             ${s.warrantyLeadDays}::int, ${s.warrantyKm}::int, ${s.warrantyYears * 12}::int, 'registration', null, null, null
      from (select car.*, ${kmDate(sql`${s.warrantyKm}::int`)} as km_date from car) car
      where registration_date is not null
      union all
      select tenant_id, id, 'custom:' || ci_id, ci_kind, null, ci_id, ci_title, customer_id, store_id,
             coalesce(least(ci_due_date, km_date), ci_created_on), ci_due_km,
             case when km_date is not null and (ci_due_date is null or km_date < ci_due_date) then 'mileage' else 'date' end,
             ci_lead, null, null, 'none', null, null, null
      from (select car.*, ci.id as ci_id, ci.kind as ci_kind, ci.title as ci_title,
                   ci.due_date as ci_due_date, ci.due_km as ci_due_km, ci.lead_days as ci_lead,
                   (ci.created_at at time zone tz.tz)::date as ci_created_on,
                   ${kmDate('ci.due_km')} as km_date
            from car join due_custom_items ci on ci.tenant_id = car.tenant_id and ci.vehicle_id = car.id
            cross join tz
            where ci.status = 'open') car
    ),
    ins as (
      insert into vehicle_due_items (tenant_id, vehicle_id, item_key, kind, code, custom_item_id, title,
        customer_id, store_id, due_date, due_km, trigger, lead_days, interval_km, interval_months, basis,
        last_done_on, last_done_km, last_order_id, computed_at)
      select tenant_id, vehicle_id, item_key, kind, code, custom_item_id, title, customer_id, store_id,
             due_date, due_km, trigger, lead_days, interval_km, interval_months, basis,
             last_done_on, last_done_km, last_order_id, ${runAt}::timestamptz
      from items
      on conflict (tenant_id, vehicle_id, item_key) do update set
        kind = excluded.kind, code = excluded.code, custom_item_id = excluded.custom_item_id,
        title = excluded.title, customer_id = excluded.customer_id, store_id = excluded.store_id,
        due_date = excluded.due_date, due_km = excluded.due_km, trigger = excluded.trigger,
        lead_days = excluded.lead_days, interval_km = excluded.interval_km,
        interval_months = excluded.interval_months, basis = excluded.basis,
        last_done_on = excluded.last_done_on, last_done_km = excluded.last_done_km,
        last_order_id = excluded.last_order_id, computed_at = excluded.computed_at
      -- An unchanged row is left alone: a nightly rerun writes only what moved.
      where (vehicle_due_items.kind, vehicle_due_items.code, vehicle_due_items.title,
             vehicle_due_items.customer_id, vehicle_due_items.store_id, vehicle_due_items.due_date,
             vehicle_due_items.due_km, vehicle_due_items.trigger, vehicle_due_items.lead_days,
             vehicle_due_items.interval_km, vehicle_due_items.interval_months, vehicle_due_items.basis,
             vehicle_due_items.last_done_on, vehicle_due_items.last_done_km, vehicle_due_items.last_order_id)
        is distinct from
            (excluded.kind, excluded.code, excluded.title, excluded.customer_id, excluded.store_id,
             excluded.due_date, excluded.due_km, excluded.trigger, excluded.lead_days,
             excluded.interval_km, excluded.interval_months, excluded.basis, excluded.last_done_on,
             excluded.last_done_km, excluded.last_order_id)
      returning 1
    )
    -- Items that no longer apply (a recall done, a date cleared) go in the same statement.
    delete from vehicle_due_items d
    where d.tenant_id = ${input.tenantId}::uuid ${only('d.vehicle_id', vehicleId)}
      and not exists (select 1 from items i where i.vehicle_id = d.vehicle_id and i.item_key = d.item_key)`);
}
