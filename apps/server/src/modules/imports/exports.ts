// Exports: customers, cars and service history back to CSV, with the headers and values the
// importer recognises, so an exported file re-imports unchanged. Streamed in keyset batches,
// each read in its own tenant-scoped transaction, so a large tenant never sits in memory.
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { queryRows, type Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import type { Locale } from '../../kernel/errors.ts';
import { phoneDigits } from '../../kernel/phone.ts';
import { getTenant } from '../tenancy/index.ts';
import type { Ctx } from '../../kernel/context.ts';
import {
  exportHeaders,
  fenToYuan,
  formatLocal,
  FUEL_LABELS,
  GENDER_LABELS,
  safeCell,
  SOURCE_LABELS,
  STATUS_LABELS,
  type ImportKind,
} from './csv.ts';
import { ITEMS_SEPARATOR, orderEnd } from './order-row.ts';

const PAGE = 2000;

export const EXPORT_FIELDS: Record<ImportKind, string[]> = {
  customers: [
    'externalId',
    'name',
    'phone',
    'gender',
    'birthday',
    'tags',
    'source',
    'homeStoreCode',
    'notes',
  ],
  vehicles: [
    'externalId',
    'customerExternalId',
    'customerPhone',
    'plate',
    'vin',
    'make',
    'model',
    'year',
    'fuelType',
    'registrationDate',
    'insuranceExpiry',
    'nextInspectionDate',
    'mileageKm',
  ],
  service_orders: [
    'externalId',
    'number',
    'vehicleExternalId',
    'plate',
    'vin',
    'storeCode',
    'openedAt',
    'closedAt',
    'mileageKm',
    'status',
    'amount',
    'items',
  ],
};

/** Mainland mobiles as the 11 digits people type (Excel keeps them intact); others in E.164. */
const phoneCell = (e164: string | null) =>
  e164 === null ? '' : e164.startsWith('+86') ? phoneDigits(e164) : e164;

type Row = Record<string, unknown> & { id: string };
type Page = (ctx: Ctx, after: string) => Promise<Row[]>;

const dateText = (d: unknown) =>
  d === null || d === undefined
    ? ''
    : d instanceof Date
      ? d.toISOString().slice(0, 10)
      : String(d).slice(0, 10);
const instant = (d: unknown) => (d === null || d === undefined ? null : new Date(d as string));

function pager(kind: ImportKind): Page {
  switch (kind) {
    case 'customers':
      return (ctx, after) =>
        queryRows<Row>(
          ctx.tx,
          sql`select c.id, c.external_id, c.name, c.phone, c.gender, c.birthday::text as birthday,
                c.tags, c.source, s.code as store_code, c.notes
              from customers c
              left join stores s on s.tenant_id = c.tenant_id and s.id = c.home_store_id
              where c.merged_into_id is null and c.id > ${after}::uuid
              order by c.id limit ${PAGE}`,
        );
    case 'vehicles':
      return (ctx, after) =>
        queryRows<Row>(
          ctx.tx,
          sql`select v.id, v.external_id, c.external_id as customer_external_id, c.phone,
                v.plate, v.vin, v.make, v.model, v.year, v.fuel_type,
                v.registration_date::text as registration_date,
                v.insurance_expiry::text as insurance_expiry,
                v.next_inspection_date::text as next_inspection_date,
                (select r.mileage_km from odometer_readings r
                  where r.tenant_id = v.tenant_id and r.vehicle_id = v.id
                  order by r.read_at desc, r.id desc limit 1) as mileage_km
              from vehicles v
              join customers c on c.tenant_id = v.tenant_id and c.id = v.customer_id
              where v.id > ${after}::uuid
              order by v.id limit ${PAGE}`,
        );
    case 'service_orders':
      return (ctx, after) =>
        queryRows<Row>(
          ctx.tx,
          sql`select o.id, o.external_id, o.number, v.external_id as vehicle_external_id,
                v.plate, v.vin, s.code as store_code, o.opened_at, o.closed_at, o.paid_at,
                o.completed_at, o.cancelled_at, o.mileage_km, o.status, o.total_fen,
                (select string_agg(i.description, ${ITEMS_SEPARATOR} order by i.position)
                  from service_order_items i
                  where i.tenant_id = o.tenant_id and i.order_id = o.id) as items
              from service_orders o
              join vehicles v on v.tenant_id = o.tenant_id and v.id = o.vehicle_id
              join stores s on s.tenant_id = o.tenant_id and s.id = o.store_id
              where o.id > ${after}::uuid
              order by o.id limit ${PAGE}`,
        );
  }
}

function cells(kind: ImportKind, r: Row, locale: Locale, timeZone: string): string[] {
  const s = (v: unknown) => safeCell(v === null || v === undefined ? null : String(v));
  switch (kind) {
    case 'customers':
      return [
        s(r.external_id),
        s(r.name),
        s(phoneCell(r.phone as string)),
        GENDER_LABELS[locale][r.gender as 'male'],
        dateText(r.birthday),
        s((r.tags as string[]).join('|')),
        SOURCE_LABELS[locale][r.source as 'walk_in'],
        s(r.store_code),
        s(r.notes),
      ];
    case 'vehicles':
      return [
        s(r.external_id),
        s(r.customer_external_id),
        s(phoneCell(r.phone as string)),
        s(r.plate),
        s(r.vin),
        s(r.make),
        s(r.model),
        s(r.year),
        FUEL_LABELS[locale][r.fuel_type as 'petrol'],
        dateText(r.registration_date),
        dateText(r.insurance_expiry),
        dateText(r.next_inspection_date),
        s(r.mileage_km),
      ];
    case 'service_orders': {
      const end = orderEnd({
        closedAt: instant(r.closed_at),
        paidAt: instant(r.paid_at),
        completedAt: instant(r.completed_at),
        cancelledAt: instant(r.cancelled_at),
      });
      return [
        s(r.external_id),
        s(r.number),
        s(r.vehicle_external_id),
        s(r.plate),
        s(r.vin),
        s(r.store_code),
        formatLocal(instant(r.opened_at)!, timeZone),
        end ? formatLocal(end, timeZone) : '',
        s(r.mileage_km),
        STATUS_LABELS[locale][r.status as 'open'],
        fenToYuan(Number(r.total_fen)),
        s(r.items),
      ];
    }
  }
}

/**
 * The CSV of one kind for a tenant, as a stream: BOM, header, then the rows in id order.
 * `ctx` is the request's (used only for the tenant's timezone, before streaming starts).
 */
export async function exportCsv(
  ctx: Ctx,
  database: Database,
  kind: ImportKind,
  locale: Locale,
): Promise<Readable> {
  const { timezone } = await getTenant(ctx);
  const page = pager(kind);
  const { tenantId } = ctx;
  async function* generate() {
    yield '\uFEFF' + stringify([exportHeaders(kind, EXPORT_FIELDS[kind], locale)]);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await withTenant(database.db, tenantId, (tx) => page({ ...ctx, tx }, after));
      if (!rows.length) return;
      yield stringify(rows.map((r) => cells(kind, r, locale, timezone)));
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }
  return Readable.from(generate(), { objectMode: false });
}
