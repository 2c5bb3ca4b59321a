// Compare first: one statement finds the rows of a batch that certainly change nothing (the
// usual case when a file is run again), so only the others are read in full and compared in
// code. It errs on the side of "may change": those rows simply take the full path.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { storeOf, type Batch } from './batch.ts';
import type { CustomerValues, OrderValues, ValidRow, VehicleValues } from './csv.ts';
import { ITEMS_SEPARATOR } from './order-row.ts';

/** Row numbers the query classed as `s`ame (and `a`bsent: nothing in the database matches). */
async function classify(ctx: Ctx, data: Record<string, unknown>[], query: (json: string) => SQL) {
  const same = new Set<number>();
  const absent = new Set<number>();
  if (!data.length) return { same, absent };
  const rows = await queryRows<{ i: number; k: string }>(ctx.tx, query(JSON.stringify(data)));
  for (const r of rows) {
    if (r.k === 's') same.add(Number(r.i));
    else if (r.k === 'a') absent.add(Number(r.i));
  }
  return { same, absent };
}

async function unchangedRows(
  ctx: Ctx,
  data: Record<string, unknown>[],
  query: (json: string) => SQL,
) {
  return (await classify(ctx, data, query)).same;
}

export async function unchangedCustomers(b: Batch, rows: ValidRow<CustomerValues>[]) {
  const data = rows.flatMap(({ row, values: v }) => {
    const home = v.homeStoreCode ? b.stores.byKey.get(v.homeStoreCode.toLowerCase()) : null;
    if (home === undefined) return []; // an unknown store: the full path reports it
    return [
      {
        i: row,
        ext: v.externalId ?? null,
        phone: v.phone,
        name: v.name ?? null,
        gender: v.gender ?? null,
        birthday: v.birthday ?? null,
        tags: v.tags ?? null,
        source: v.source ?? null,
        home,
        notes: v.notes ?? null,
      },
    ];
  });
  const same = (c: string) =>
    sql.raw(`coalesce(${c}.merged_into_id is not null or (
    (r.name is null or r.name = ${c}.name) and (r.gender is null or r.gender = ${c}.gender)
    and (r.birthday is null or r.birthday = ${c}.birthday) and (r.tags is null or r.tags = ${c}.tags)
    and (r.source is null or r.source = ${c}.source) and (r.home is null or r.home = ${c}.home_store_id)
    and (r.notes is null or r.notes = ${c}.notes)), false)`);
  // `s`: certainly unchanged; `a`: nothing has this external id or phone (a plain insert).
  return classify(
    b.ctx,
    data,
    (json) => sql`with r as (select * from json_to_recordset(${json}::json) as r(i int, ext text,
        phone text, name text, gender text, birthday date, tags text[], source text, home uuid, notes text))
      select r.i, case
          when c.id is null and p.id is null then 'a'
          when r.ext is not null and c.id is not null and c.phone = r.phone and ${same('c')} then 's'
          when r.ext is null and p.id is not null and ${same('p')} then 's'
        end as k
      from r left join customers c on c.external_id = r.ext left join customers p on p.phone = r.phone`,
  );
}

export async function unchangedVehicles(b: Batch, rows: ValidRow<VehicleValues>[]) {
  const data = rows.map(({ row, values: v }) => ({
    i: row,
    ext: v.externalId ?? null,
    cext: v.customerExternalId ?? null,
    cphone: v.customerPhone ?? null,
    plate: v.plate ?? null,
    vin: v.vin ?? null,
    make: v.make ?? null,
    model: v.model ?? null,
    year: v.year ?? null,
    fuel: v.fuelType ?? null,
    reg: v.registrationDate ?? null,
    ins: v.insuranceExpiry ?? null,
    insp: v.nextInspectionDate ?? null,
    km: v.mileageKm ?? null,
  }));
  const same = sql.raw(`coalesce(
    (r.vin is null or r.vin = c.vin) and (r.plate is null or r.plate = c.plate)
    and (r.make is null or r.make = c.make) and (r.model is null or r.model = c.model)
    and (r.year is null or r.year = c.year) and (r.fuel is null or r.fuel = c.fuel_type)
    and (r.reg is null or r.reg = c.registration_date)
    and (r.ins is null or r.ins = c.insurance_expiry)
    and (r.insp is null or r.insp = c.next_inspection_date)
    and c.customer_id = coalesce(
      (select coalesce(o.merged_into_id, o.id) from customers o where o.external_id = r.cext),
      (select coalesce(o.merged_into_id, o.id) from customers o where o.phone = r.cphone))
    and (r.km is null or r.km <= (select max(m.mileage_km) from odometer_readings m
      where m.tenant_id = c.tenant_id and m.vehicle_id = c.id)), false)`);
  return unchangedRows(
    b.ctx,
    data,
    (json) => sql`with r as (select * from json_to_recordset(${json}::json) as r(i int, ext text,
        cext text, cphone text, plate text, vin text, make text, model text, year int, fuel text,
        reg date, ins date, insp date, km int))
      select r.i from r join vehicles c on c.external_id = r.ext where r.ext is not null and ${same}
      union all
      select r.i from r join vehicles c on c.vin = r.vin
        where r.ext is null and r.vin is not null and ${same}
      union all
      select r.i from r join vehicles c on c.plate = r.plate
        where r.ext is null and r.vin is null and ${same}`,
  );
}

export async function unchangedOrders(b: Batch, rows: ValidRow<OrderValues>[]) {
  const data = rows.flatMap(({ row, values: v }) => {
    const store = storeOf(b, v.storeCode);
    if (!store) return [];
    return [
      {
        i: row,
        ext: v.externalId ?? null,
        number: v.number ?? null,
        vext: v.vehicleExternalId ?? null,
        vin: v.vin ?? null,
        plate: v.plate ?? null,
        store,
        opened: v.openedAt.toISOString(),
        closed: v.closedAt?.toISOString() ?? null,
        km: v.mileageKm ?? null,
        status: v.status,
        total: v.totalFen ?? null,
        items: v.items ?? null,
        category: v.category ?? null,
      },
    ];
  });
  const end = 'coalesce(c.closed_at, c.paid_at, c.completed_at, c.cancelled_at)';
  const same = sql.raw(`coalesce(
    (r.number is null or r.number = c.number) and c.store_id = r.store and c.status = r.status
    and date_trunc('second', c.opened_at) = date_trunc('second', r.opened)
    and (case when r.status = 'open' then ${end} is null
      else date_trunc('second', ${end}) = date_trunc('second', coalesce(r.closed, ${end}, r.opened)) end)
    and (r.km is null or r.km = c.mileage_km) and (r.total is null or r.total = c.total_fen)
    and (r.items is null or r.items = (select string_agg(it.description, '${ITEMS_SEPARATOR}' order by it.position)
      from service_order_items it where it.tenant_id = c.tenant_id and it.order_id = c.id))
    and (r.category is null or r.category = (select it.category from service_order_items it
      where it.tenant_id = c.tenant_id and it.order_id = c.id order by it.position limit 1))
    and c.vehicle_id = coalesce(
      (select v.id from vehicles v where v.external_id = r.vext),
      (select v.id from vehicles v where v.vin = r.vin),
      (select v.id from vehicles v where v.plate = r.plate)), false)`);
  return unchangedRows(
    b.ctx,
    data,
    (json) => sql`with r as (select * from json_to_recordset(${json}::json) as r(i int, ext text,
        number text, vext text, vin text, plate text, store uuid, opened timestamptz,
        closed timestamptz, km int, status text, total bigint, items text, category text))
      select r.i from r join service_orders c on c.external_id = r.ext
        where r.ext is not null and ${same}
      union all
      select r.i from r join service_orders c on c.number = r.number
        where r.ext is null and ${same}`,
  );
}
