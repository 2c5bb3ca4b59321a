// Moving in from an old DMS: its own export files — GBK, CRLF, Chinese headers, service history
// without a store column — imported as a new business would on its first day: customers, cars,
// then the history with the store chosen once for all rows.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { makeVin } from '../../kernel/vin.ts';
import { createStore } from '../tenancy/index.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';

let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let secondStoreId: string;

const VIN_1 = makeVin('LSVAU218', { next: () => 0.3 }, { year: 2021, serial: 1 });
const VIN_2 = makeVin('LFV2A21K', { next: () => 0.6 }, { year: 2019, serial: 2 });

/** A file as the old system writes it: GBK bytes, CRLF line ends. */
const dmsFile = (lines: string[]) => iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');

const CUSTOMERS = dmsFile([
  '客户编号,客户名称,联系电话,性别',
  'C001,张伟,13900000001,男',
  'C002,李娜,13900000002,女',
  'C003,王强,13900000003,男',
]);

const VEHICLES = dmsFile([
  '客户编号,车牌号码,VIN,品牌,车型,行驶里程',
  `C001,粤B12345,${VIN_1},大众,朗逸,52000`,
  `C002,粤B23456,${VIN_2},丰田,卡罗拉,30000`,
  'C003,粤B34567,,本田,雅阁,80000',
]);

// Row 4 names C001 (张伟) on 李娜's car: the old system's slip, not to be filed on her car.
// Amounts as GBK writes the yuan sign: the full-width ￥ (GBK has no ¥).
const HISTORY = dmsFile([
  '工单号,客户编号,客户名称,联系电话,车牌号码,VIN,品牌,车型,进厂日期,结算日期,进厂里程,维修类别,维修项目,结算金额',
  'GD2024001,C001,张伟,13900000001,粤B12345,,大众,朗逸,2024/03/05,2024/03/06,45000,常规保养,更换机油机滤,￥580.00',
  `GD2024002,C002,李娜,13900000002,粤B23456,${VIN_2},丰田,卡罗拉,2024/04/10,2024/04/10,25000,轮胎,更换前轮轮胎,1200.00`,
  'GD2024003,C001,张伟,13900000001,粤B23456,,丰田,卡罗拉,2024/05/01,2024/05/01,27000,刹车,更换刹车片,800',
  'GD2024004,C003,王强,13900000003,粤B34567,,本田,雅阁,2024-06-15,2024-06-16,78000,年检,年检代办,300',
  'GD2024005,,李娜,13900000002,粤B23456,,丰田,卡罗拉,2024/07/01,,28000,洗车,,50',
]);

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  secondStoreId = await env.inTenant(
    tenant.id,
    async (ctx) => (await createStore(ctx, { code: 'S02', name: '二号店' })).id,
  );
});
afterAll(() => env.close());

function multipart(file: Buffer, name: string) {
  const boundary = `----liuke${randomBytes(8).toString('hex')}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          'Content-Type: text/csv\r\n\r\n',
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

interface Job {
  id: string;
  status: string;
  encoding: string;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  errorRows: number;
  failure: string | null;
}

function post(
  session: Session,
  kind: string,
  file: Buffer,
  query: Record<string, string> = {},
  path = '/api/v1/staff/imports',
) {
  const body = multipart(file, `${kind}.csv`);
  const search = new URLSearchParams({ kind, ...query });
  return env.app.inject({
    method: 'POST',
    url: `${path}?${search}`,
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
}

async function run(session: Session, kind: string, file: Buffer, query = {}): Promise<Job> {
  const res = await post(session, kind, file, query);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  for (let wait = 10; ; wait = Math.min(wait * 1.5, 500)) {
    const job = (
      await env.app.inject({ url: `/api/v1/staff/imports/${id}`, headers: session.headers })
    ).json() as Job;
    if (job.status === 'completed' || job.status === 'failed') {
      expect(job.status, job.failure ?? '').toBe('completed');
      return job;
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}

const counts = (j: Job) => [j.insertedRows, j.updatedRows, j.unchangedRows, j.errorRows];

async function errorsOf(id: string) {
  const res = await env.app.inject({
    url: `/api/v1/staff/imports/${id}/errors`,
    headers: owner.headers,
  });
  return res.json().items as { row: number; column: string; code: string; message: string }[];
}

const rows = <T>(tenantId: string, query: ReturnType<typeof sql>) =>
  env.inTenant(tenantId, (ctx) => queryRows<T>(ctx.tx, query));

describe('moving in from a DMS export', () => {
  it('imports the customers and cars from GBK files by themselves', async () => {
    const customers = await run(owner, 'customers', CUSTOMERS);
    expect(customers.encoding).toBe('gb18030');
    expect(counts(customers)).toEqual([3, 0, 0, 0]);
    const cars = await run(owner, 'vehicles', VEHICLES);
    expect(counts(cars)).toEqual([3, 0, 0, 0]);
    const [car] = await rows<{ name: string; make: string }>(
      tenant.id,
      sql`select c.name, v.make from vehicles v join customers c on c.id = v.customer_id
          where v.plate = '粤B23456'`,
    );
    expect(car).toEqual({ name: '李娜', make: '丰田' });
  });

  it('asks which store the history belongs to when the file has none', async () => {
    const preview = await post(owner, 'service_orders', HISTORY, {}, '/api/v1/staff/imports/preview'); // prettier-ignore
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      missing: [],
      asks: ['defaultStoreId'],
      mapping: {
        number: '工单号',
        customerExternalId: '客户编号',
        openedAt: '进厂日期',
        closedAt: '结算日期',
        mileageKm: '进厂里程',
        category: '维修类别',
        amount: '结算金额',
      },
    });
    const refused = await post(owner, 'service_orders', HISTORY);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'IMPORT_STORE_REQUIRED',
      field: 'defaultStoreId',
    });
    const unknown = await post(owner, 'service_orders', HISTORY, {
      defaultStoreId: '01900000-0000-7000-8000-000000000999',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'IMPORT_STORE_UNKNOWN',
      field: 'defaultStoreId',
    });
  });

  it('imports the history into the chosen store, dated by 进厂日期, and reports the row whose customer does not own the car', async () => {
    const job = await run(owner, 'service_orders', HISTORY, { defaultStoreId: secondStoreId });
    const errors = await errorsOf(job.id);
    expect(errors.map((e) => [e.row, e.column, e.code, e.message])).toEqual([
      [4, '客户编号', 'IMPORT_CUSTOMER_NOT_CAR_OWNER', expect.stringContaining('粤B23456')],
    ]);
    expect(counts(job)).toEqual([4, 0, 0, 1]);

    const orders = await rows<{
      number: string;
      store_id: string;
      opened_at: string;
      closed_at: string | null;
      plate: string;
      owner: string;
      total_fen: string;
      category: string;
      description: string;
    }>(
      tenant.id,
      sql`select o.number, o.store_id, o.opened_at, o.closed_at, v.plate, c.name as owner,
            o.total_fen, i.category, i.description
          from service_orders o join vehicles v on v.id = o.vehicle_id
          join customers c on c.id = o.customer_id
          join service_order_items i on i.order_id = o.id order by o.number`,
    );
    expect(
      orders.map((o) => [o.number, o.plate, o.owner, Number(o.total_fen), o.category]),
    ).toEqual([
      // prettier-ignore
      ['GD2024001', '粤B12345', '张伟', 58000, 'oil_change'],
      ['GD2024002', '粤B23456', '李娜', 120000, 'tyres'],
      ['GD2024004', '粤B34567', '王强', 30000, 'inspection'],
      ['GD2024005', '粤B23456', '李娜', 5000, 'wash'],
    ]);
    expect(orders.every((o) => o.store_id === secondStoreId)).toBe(true);
    // 进厂日期 is the day the car came in, in the business's time zone (Asia/Shanghai).
    expect(new Date(orders[0]!.opened_at).toISOString()).toBe('2024-03-04T16:00:00.000Z');
    expect(new Date(orders[0]!.closed_at!).toISOString()).toBe('2024-03-05T16:00:00.000Z');
    expect(new Date(orders[2]!.opened_at).toISOString()).toBe('2024-06-14T16:00:00.000Z');
    // Without a work column, the category's word describes the work.
    expect(orders[3]!.description).toBe('洗车');
    // Each visit's mileage is a reading of the car on that day.
    const readings = await rows<{ n: number }>(
      tenant.id,
      sql`select count(*)::int as n from odometer_readings where service_order_id is not null`,
    );
    expect(readings[0]!.n).toBe(4);
  });

  it('changes nothing when the same three files are imported again', async () => {
    const before = await rows<{ o: number; i: number; r: number; a: number }>(
      tenant.id,
      sql`select (select count(*)::int from service_orders) as o,
            (select count(*)::int from service_order_items) as i,
            (select count(*)::int from odometer_readings) as r,
            (select count(*)::int from audit_log) as a`,
    );
    expect(counts(await run(owner, 'customers', CUSTOMERS))).toEqual([0, 0, 3, 0]);
    expect(counts(await run(owner, 'vehicles', VEHICLES))).toEqual([0, 0, 3, 0]);
    const again = await run(owner, 'service_orders', HISTORY, { defaultStoreId: secondStoreId });
    expect(counts(again)).toEqual([0, 0, 4, 1]);
    const after = await rows<typeof before extends (infer T)[] ? T : never>(
      tenant.id,
      sql`select (select count(*)::int from service_orders) as o,
            (select count(*)::int from service_order_items) as i,
            (select count(*)::int from odometer_readings) as r,
            (select count(*)::int from audit_log) as a`,
    );
    expect(after).toEqual(before);
  });

  it('files the history at the only store of a one-store business without asking', async () => {
    const single = await env.createTenant();
    const boss = await signInStaff(env.app, single.slug, single.staff.owner.login);
    const preview = await post(boss, 'service_orders', HISTORY, {}, '/api/v1/staff/imports/preview'); // prettier-ignore
    expect(preview.json().asks).toEqual([]);
    await run(boss, 'customers', CUSTOMERS);
    await run(boss, 'vehicles', VEHICLES);
    const job = await run(boss, 'service_orders', HISTORY);
    expect(counts(job)).toEqual([4, 0, 0, 1]);
    const stores = await rows<{ store_id: string }>(
      single.id,
      sql`select distinct store_id from service_orders`,
    );
    expect(stores).toEqual([{ store_id: single.storeId }]);
  });
});
