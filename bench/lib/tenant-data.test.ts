import { describe, expect, it } from 'vitest';
import { nameInitials } from '../../apps/server/src/modules/customers/index.ts';
import { phoneDigits } from '../../apps/server/src/kernel/phone.ts';
import { validatePlate } from '../../apps/server/src/kernel/plate.ts';
import { createRandom } from '../../apps/server/src/kernel/random.ts';
import { validateVin } from '../../apps/server/src/kernel/vin.ts';
import { batches, encodeRow, type RunSpec } from './batches.ts';
import { copyLine, type CopyValue } from './copy-text.ts';
import { uuidv7At } from './ids.ts';
import { COPY_TABLES, TABLES, type RowOf, type TableName } from './tables.ts';
import { generateTenant, type TenantSpec } from './tenant-data.ts';

type AnyRow = Record<string, CopyValue>;

function collect(spec: TenantSpec): { table: TableName; row: AnyRow }[] {
  const rows: { table: TableName; row: AnyRow }[] = [];
  const steps = generateTenant(spec, (table, row) => rows.push({ table, row: { ...row } }));
  while (!steps.next().done);
  return rows;
}

const SPEC: TenantSpec = {
  seed: 7,
  index: 3,
  customers: 130,
  now: new Date('2026-11-01T04:00:00Z'),
  slug: 'test-00004',
  // Three chunks: exercises the uniqueness and numbering across generateDemoData calls.
  chunkSize: 50,
  passwordHash: '$argon2id$test',
};

const rows = collect(SPEC);
const of = (table: TableName) => rows.filter((r) => r.table === table).map((r) => r.row);

describe('generateTenant', () => {
  it('is deterministic from the seed, and another seed or prefix gives other rows', () => {
    expect(collect(SPEC)).toEqual(rows);
    expect(collect({ ...SPEC, seed: 8 })).not.toEqual(rows);
    const other = collect({ ...SPEC, slug: 'other-00004' });
    expect(other[0]?.row.tenantId).not.toBe(rows[0]?.row.tenantId);
  });

  it('writes the tenant, its chain and the requested number of customers with history', () => {
    expect(of('tenants')).toHaveLength(1);
    expect(of('tenants')[0]).toMatchObject({ slug: 'test-00004', timezone: 'Asia/Shanghai' });
    expect(of('stores')).toHaveLength(3);
    expect(of('storeOpeningHours')).toHaveLength(21);
    expect(of('staffUsers').length).toBeGreaterThan(5);
    expect(of('customers')).toHaveLength(130);
    const cars = of('vehicles').length;
    expect(cars / 130).toBeGreaterThan(1.05);
    expect(cars / 130).toBeLessThan(1.4);
    expect(of('serviceOrders').length / cars).toBeGreaterThan(2);
    expect(of('serviceOrderItems').length).toBeGreaterThan(of('serviceOrders').length);
    expect(of('odometerReadings').length).toBeGreaterThanOrEqual(of('serviceOrders').length);
    expect(of('vehicleOwnerships')).toHaveLength(cars);
    // Every row has exactly the columns the COPY statement names.
    for (const { table, row } of rows)
      expect(Object.keys(row as RowOf<typeof table>).sort()).toEqual(
        [...COPY_TABLES[table].keys].sort(),
      );
  });

  it('emits parents before children (foreign keys hold without checking them during the load)', () => {
    const seen = new Map<TableName, Set<string>>(TABLES.map((t) => [t, new Set()]));
    const has = (t: TableName, id: CopyValue) => id == null || seen.get(t)!.has(String(id));
    const tenantId = of('tenants')[0]!.tenantId;
    for (const { table, row } of rows) {
      expect(row.tenantId).toBe(tenantId);
      const r = row as AnyRow;
      switch (table) {
        case 'storeOpeningHours':
          expect(has('stores', r.storeId)).toBe(true);
          break;
        case 'staffStores':
          expect(has('staffUsers', r.staffId) && has('stores', r.storeId)).toBe(true);
          break;
        case 'customers':
          expect(has('stores', r.homeStoreId)).toBe(true);
          break;
        case 'vehicles':
          expect(has('customers', r.customerId)).toBe(true);
          break;
        case 'vehicleOwnerships':
          expect(has('vehicles', r.vehicleId) && has('customers', r.customerId)).toBe(true);
          break;
        case 'serviceOrders':
          expect(has('stores', r.storeId)).toBe(true);
          expect(has('customers', r.customerId)).toBe(true);
          expect(has('vehicles', r.vehicleId)).toBe(true);
          expect(has('staffUsers', r.advisorId)).toBe(true);
          break;
        case 'serviceOrderItems':
          expect(has('serviceOrders', r.orderId)).toBe(true);
          break;
        case 'declinedRecommendations':
          expect(has('vehicles', r.vehicleId) && has('serviceOrders', r.orderId)).toBe(true);
          break;
        case 'odometerReadings':
          expect(has('vehicles', r.vehicleId)).toBe(true);
          expect(has('serviceOrders', r.serviceOrderId)).toBe(true);
          break;
      }
      if (table === 'tenants') seen.get(table)!.add(String(r.tenantId));
      else if (table === 'staffStores') seen.get(table)!.add(`${r.staffId}/${r.storeId}`);
      else if (table === 'storeOpeningHours') seen.get(table)!.add(`${r.storeId}/${r.weekday}`);
      else {
        expect(seen.get(table)!.has(String(r.id)), `${table} id repeats`).toBe(false);
        seen.get(table)!.add(String(r.id));
      }
    }
  });

  it('keeps keys unique within the tenant across chunks', () => {
    const unique = (t: TableName, k: string) => {
      const values = of(t).map((r) => r[k]);
      expect(new Set(values).size, `${t}.${k}`).toBe(values.length);
    };
    unique('customers', 'phone');
    unique('customers', 'memberNo');
    unique('vehicles', 'plate');
    unique('vehicles', 'vin');
    unique('serviceOrders', 'number');
    expect(of('customers').map((c) => c.memberNo)).toEqual(
      Array.from({ length: 130 }, (_, i) => i + 1),
    );
  });

  it('fills the search columns as the application does, with valid phones, plates and VINs', () => {
    for (const c of of('customers')) {
      expect(c.phoneDigits).toBe(phoneDigits(String(c.phone)));
      expect(c.nameInitials).toBe(nameInitials(String(c.name)));
      expect(String(c.phone)).toMatch(/^\+861[3-9]\d{9}$/);
    }
    for (const v of of('vehicles')) {
      expect(validatePlate(String(v.plate)).ok, String(v.plate)).toBe(true);
      expect(validateVin(String(v.vin)).ok, String(v.vin)).toBe(true);
    }
  });

  it('gives orders consistent totals and lifecycle times', () => {
    const items = new Map<string, number>();
    for (const i of of('serviceOrderItems'))
      items.set(
        String(i.orderId),
        (items.get(String(i.orderId)) ?? 0) + Number(i.quantity) * Number(i.unitPriceFen),
      );
    for (const o of of('serviceOrders')) {
      expect(o.totalFen).toBe(items.get(String(o.id)) ?? 0);
      expect((o.closedAt == null) === (o.status !== 'closed')).toBe(true);
      expect((o.cancelledAt == null) === (o.status !== 'cancelled')).toBe(true);
      expect((o.paidFen == null) === !(o.status === 'paid' || o.status === 'closed')).toBe(true);
      expect((o.openedAt as Date).getTime()).toBeLessThanOrEqual(SPEC.now.getTime());
    }
  });
});

describe('COPY rendering', () => {
  it('encodes each table like the generic encoder, one field per column', () => {
    for (const { table, row } of rows.slice(0, 2000)) {
      const line = encodeRow(table, row as RowOf<typeof table>);
      expect(line).toBe(copyLine(COPY_TABLES[table].keys.map((k) => row[k])));
      expect(line.split('\t')).toHaveLength(COPY_TABLES[table].columns.length);
    }
  });

  it('escapes text and writes nulls, arrays and instants', () => {
    expect(copyLine(['a\tb\\c\nd', null, 3, new Date(0), ['VIP', 'say "hi"'], true])).toBe(
      'a\\tb\\\\c\\nd\t\\N\t3\t1970-01-01T00:00:00.000Z\t{"VIP","say \\\\"hi\\\\""}\tt\n',
    );
  });

  it('cuts a run into batches that add up, the first one small', () => {
    const spec: RunSpec = {
      seed: 1,
      tenants: 3,
      customersPerTenant: 40,
      nowMs: SPEC.now.getTime(),
      slugPrefix: 'b',
      chunkSize: 20,
      passwordHash: 'x',
      batchRows: 2500,
    };
    const all = [...batches(spec)];
    expect(all.length).toBeGreaterThan(2);
    expect(all[0]!.rows).toBeLessThan(spec.batchRows);
    expect(all.at(-1)!.tenantsDone).toBe(3);
    const customers = all.flatMap((b) => b.tables).filter((t) => t.table === 'customers');
    expect(customers.reduce((n, t) => n + t.rows, 0)).toBe(120);
    const text = new TextDecoder().decode(
      Buffer.concat(customers.flatMap((t) => t.data.map((d) => Buffer.from(d)))),
    );
    expect(text.split('\n').filter(Boolean)).toHaveLength(120);
  });
});

describe('uuidv7At', () => {
  it('makes version-7 ids carrying the timestamp, deterministic from the generator', () => {
    const ms = Date.parse('2024-03-15T08:30:00Z');
    const id = uuidv7At(ms, createRandom(1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    expect(uuidv7At(ms, createRandom(1))).toBe(id);
    expect(uuidv7At(ms, createRandom(2))).not.toBe(id);
  });
});
