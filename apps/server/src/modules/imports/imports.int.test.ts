import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { makeVin } from '../../kernel/vin.ts';
import { findOrCreateCustomerByPhone } from '../customers/index.ts';
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

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
});
afterAll(() => env.close());

interface Job {
  id: string;
  status: string;
  dryRun: boolean;
  encoding: string;
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  errorRows: number;
  mapping: Record<string, string>;
  failure: string | null;
}

function multipart(parts: { name: string; filename?: string; content: string | Buffer }[]) {
  const boundary = `----liuke${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"` +
          (p.filename ? `; filename="${p.filename}"\r\nContent-Type: text/csv` : '') +
          '\r\n\r\n',
      ),
      Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function post(
  kind: string,
  file: string | Buffer,
  opts: {
    dryRun?: boolean;
    mapping?: Record<string, string | null>;
    session?: Session;
    key?: string;
    lang?: string;
  } = {},
) {
  const body = multipart([
    { name: 'file', filename: `${kind}.csv`, content: file },
    ...(opts.mapping ? [{ name: 'mapping', content: JSON.stringify(opts.mapping) }] : []),
  ]);
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/imports?kind=${kind}&dryRun=${opts.dryRun ? 'true' : 'false'}`,
    headers: {
      ...(opts.session ?? owner).headers,
      ...body.headers,
      ...(opts.key ? { 'idempotency-key': opts.key } : {}),
      ...(opts.lang ? { 'accept-language': opts.lang } : {}),
    },
    payload: body.payload,
  });
}

async function finished(id: string, session: Session = owner): Promise<Job> {
  const deadline = Date.now() + 240_000;
  let wait = 10;
  while (Date.now() < deadline) {
    const res = await env.app.inject({
      url: `/api/v1/staff/imports/${id}`,
      headers: session.headers,
    });
    expect(res.statusCode).toBe(200);
    const job = res.json() as Job;
    if (job.status === 'completed' || job.status === 'failed') return job;
    // Back off: every poll is a transaction on the same (single-connection) test database.
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 1.5, 1000);
  }
  throw new Error('import did not finish');
}

/** Uploads, expects 202, waits for the job. */
async function run(kind: string, file: string | Buffer, opts: Parameters<typeof post>[2] = {}) {
  const res = await post(kind, file, opts);
  expect(res.statusCode, res.body).toBe(202);
  const job = await finished(res.json().id);
  expect(job.status, job.failure ?? '').toBe('completed');
  return job;
}

async function errorsOf(id: string, lang = 'zh-CN') {
  const res = await env.app.inject({
    url: `/api/v1/staff/imports/${id}/errors?limit=200`,
    headers: { ...owner.headers, 'accept-language': lang },
  });
  expect(res.statusCode).toBe(200);
  return res.json().items as { row: number; column: string; code: string; message: string }[];
}

const count = async (table: string, where = sql`true`) =>
  env.inTenant(tenant.id, async (ctx) => {
    const rows = await queryRows<{ n: number }>(
      ctx.tx,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`,
    );
    return rows[0]!.n;
  });

const counts = (j: Job) => [j.insertedRows, j.updatedRows, j.unchangedRows, j.errorRows];

const CUSTOMERS = [
  '外部编号,姓名,手机,性别,生日,标签,来源,所属门店,备注',
  'C001,张三,13811110001,男,1985-04-12,VIP|车队,到店,S01,老客户',
  'C002,李四,13811110002,女,,,转介绍,,',
  'C003,王五,+86 138-1111-0003,,1990/7/1,,,,"说 ""周末到店"""',
].join('\r\n');

describe('customers import', () => {
  it('a dry run reports what would happen and writes nothing but the job', async () => {
    const before = { customers: await count('customers'), audit: await count('audit_log') };
    const job = await run('customers', CUSTOMERS, { dryRun: true });
    expect(job).toMatchObject({ dryRun: true, totalRows: 3, processedRows: 3, encoding: 'utf-8' });
    expect(counts(job)).toEqual([3, 0, 0, 0]);
    expect(job.mapping).toMatchObject({ externalId: '外部编号', phone: '手机', name: '姓名' });
    expect(await count('customers')).toBe(before.customers);
    expect(await count('audit_log')).toBe(before.audit);
  });

  it('the real run inserts; running the same file again changes nothing', async () => {
    const first = await run('customers', CUSTOMERS);
    expect(counts(first)).toEqual([3, 0, 0, 0]);
    const list = await env.app.inject({
      url: '/api/v1/staff/customers?q=13811110001',
      headers: owner.headers,
    });
    const zhang = list.json().items[0];
    expect(zhang).toMatchObject({
      name: '张三',
      phone: '+8613811110001',
      gender: 'male',
      tags: ['VIP', '车队'],
      source: 'walk_in',
      homeStoreId: tenant.storeId,
    });
    const detail = await env.app.inject({
      url: `/api/v1/staff/customers/${zhang.id}`,
      headers: owner.headers,
    });
    expect(detail.json()).toMatchObject({ birthday: '1985-04-12', notes: '老客户' });
    expect(await count('audit_log', sql`action = 'customer.created'`)).toBe(3);

    const audit = await count('audit_log');
    const updatedAt = detail.json().updatedAt;
    const second = await run('customers', CUSTOMERS);
    expect(counts(second)).toEqual([0, 0, 3, 0]);
    expect(await count('audit_log')).toBe(audit);
    const again = await env.app.inject({
      url: `/api/v1/staff/customers/${zhang.id}`,
      headers: owner.headers,
    });
    expect(again.json().updatedAt).toBe(updatedAt);
  });

  it('an edited row updates exactly that customer', async () => {
    const audit = await count('audit_log');
    const edited = CUSTOMERS.replace('C002,李四,13811110002,女', 'C002,李思,13811110002,女');
    const job = await run('customers', edited);
    expect(counts(job)).toEqual([0, 1, 2, 0]);
    expect(await count('audit_log')).toBe(audit + 1);
    const [entry] = await env.inTenant(tenant.id, (ctx) =>
      queryRows<{ changes: Record<string, unknown>; actor_id: string }>(
        ctx.tx,
        sql`select changes, actor_id from audit_log where action = 'customer.updated'`,
      ),
    );
    expect(entry!.changes).toMatchObject({ name: '李思', importJobId: job.id });
    expect(Object.keys(entry!.changes).sort()).toEqual(['importJobId', 'name']);
    expect(entry!.actor_id).toBe(tenant.staff.owner.id);
  });

  it('matches a customer without external id by phone, and an empty cell erases nothing', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: owner.headers,
      payload: { name: '控制台客户', phone: '13811110009', birthday: '2000-01-01' },
    });
    expect(created.statusCode).toBe(201);
    const job = await run('customers', '姓名,手机,生日,外部编号\n,13811110009,,C009\n');
    expect(counts(job)).toEqual([0, 1, 0, 0]);
    const c = await env.app.inject({
      url: `/api/v1/staff/customers/${created.json().id}`,
      headers: owner.headers,
    });
    expect(c.json()).toMatchObject({ name: '控制台客户', birthday: '2000-01-01' });
    expect(await count('customers', sql`external_id = 'C009'`)).toBe(1);
  });

  it('imports the good rows of a file with bad ones and reports each bad one', async () => {
    const file = [
      'id,name,phone,gender,birthday,home store',
      'B1,好客户,13822220001,,,',
      'B2,坏手机,1234,,,',
      'B3,坏日期,13822220003,,1990-02-30,',
      'B4,,13822220004,,,',
      'B5,坏门店,13822220005,,,NOPE',
      'B6,重复手机,13822220001,,,',
      'C001,抢手机,13811110002,,,',
      'B8,好客户二,13822220008,female,,S01',
    ].join('\n');
    const job = await run('customers', file);
    expect(counts(job)).toEqual([2, 0, 0, 6]);
    expect((await errorsOf(job.id)).map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'phone', 'PHONE_INVALID'],
      [4, 'birthday', 'IMPORT_DATE_INVALID'],
      [5, 'name', 'IMPORT_VALUE_REQUIRED'],
      [6, 'home store', 'IMPORT_STORE_UNKNOWN'],
      [7, 'phone', 'IMPORT_DUPLICATE_ROW'],
      [8, 'phone', 'CUSTOMER_PHONE_TAKEN'],
    ]);
    expect((await errorsOf(job.id))[4]!.message).toBe('与第 2 行重复（手机号相同）');
    expect((await errorsOf(job.id, 'en'))[0]!.message).toBe('The phone number is not valid');
    expect(await count('customers', sql`external_id in ('B1', 'B8')`)).toBe(2);
    expect(await count('customers', sql`external_id like 'B%'`)).toBe(2);

    const csv = await env.app.inject({
      url: `/api/v1/staff/imports/${job.id}/errors.csv`,
      headers: owner.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF行号,列,错误代码,说明\n3,phone,PHONE_INVALID,')).toBe(true);
    expect(csv.body.trim().split('\n')).toHaveLength(7);
  });

  it('reads GBK files and says so on the job', async () => {
    // "外部编号,姓名,手机\r\nG1,张三丰,13833330001\r\n" with the Chinese in GBK bytes.
    const gbk = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex');
    const file = Buffer.concat([
      gbk('CDE2 B2BF B1E0 BAC5'), // 外部编号
      Buffer.from(','),
      gbk('D0D5 C3FB'), // 姓名
      Buffer.from(','),
      gbk('CAD6 BBFA'), // 手机
      Buffer.from('\r\nG1,'),
      gbk('D5C5 C8FD B7E1'), // 张三丰
      Buffer.from(',13833330001\r\n'),
    ]);
    const job = await run('customers', file);
    expect(job.encoding).toBe('gb18030');
    expect(counts(job)).toEqual([1, 0, 0, 0]);
    const found = await env.app.inject({
      url: '/api/v1/staff/customers?q=13833330001',
      headers: owner.headers,
    });
    expect(found.json().items[0].name).toBe('张三丰');
  });

  it('refuses a file without a required column before reading any row', async () => {
    const jobs = await count('import_jobs');
    const res = await post('customers', '姓名,性别\n张三,男\n', { lang: 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'IMPORT_COLUMN_MISSING', field: 'phone' });
    expect(res.json().error.message).toContain('Phone');
    expect(await count('import_jobs')).toBe(jobs);
    const mapped = await post('customers', '客户,联系方式\n张三,13844440001\n', {
      mapping: { name: '客户', phone: '联系方式' },
      dryRun: true,
    });
    expect(mapped.statusCode).toBe(202);
    const unknownHeader = await post('customers', '姓名,手机\n张三,13844440001\n', {
      mapping: { phone: '电话' },
    });
    expect(unknownHeader.json().error).toMatchObject({
      code: 'IMPORT_MAPPING_INVALID',
      field: 'mapping.phone',
    });
  });

  it('refuses files that are not CSV text, and an upload without a file', async () => {
    const binary = await post('customers', Buffer.from([0x61, 0xff, 0xfe, 0x00, 0x01]));
    expect(binary.statusCode).toBe(400);
    expect(binary.json().error.code).toBe('IMPORT_FILE_INVALID');
    const latin = await post('customers', Buffer.from([0x61, 0x2c, 0xff, 0x0a]));
    expect(latin.json().error.code).toBe('IMPORT_ENCODING_UNSUPPORTED');
    const none = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/imports?kind=customers',
      headers: owner.headers,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('IMPORT_FILE_MISSING');
    const json = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/imports?kind=customers',
      headers: owner.headers,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('answers 413 to a file over 50 MB', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, 0x61);
    const res = await post('customers', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });
    expect(res.json().error.message).toContain('50 MB');
  });

  it('previews headers, the recognised mapping and what is missing', async () => {
    const body = multipart([
      {
        name: 'file',
        filename: 'x.csv',
        content: '车牌号,手机号,品牌\n粤A12345,13800000001,丰田\n',
      },
    ]);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/imports/preview?kind=vehicles',
      headers: { ...owner.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      headers: ['车牌号', '手机号', '品牌'],
      totalRows: 1,
      mapping: { plate: '车牌号', customerPhone: '手机号', make: '品牌' },
      missing: [],
      sample: [['粤A12345', '13800000001', '丰田']],
    });
  });

  it('honours Idempotency-Key: a retry returns the first job; another file under it is refused', async () => {
    const file = 'id,name,phone\nI1,幂等,13855550001\n';
    const first = await post('customers', file, { key: 'import-once', dryRun: true });
    const retry = await post('customers', file, { key: 'import-once', dryRun: true });
    expect(retry.statusCode).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    const other = await post('customers', `${file}I2,别的,13855550002\n`, {
      key: 'import-once',
      dryRun: true,
    });
    expect(other.statusCode).toBe(422);
    await finished(first.json().id);
  });
});

describe('cars and service history', () => {
  const vin1 = makeVin('LSVAU218', { next: () => 0.3 }, { year: 2021, serial: 1 });
  const vin2 = makeVin('LFV2A21K', { next: () => 0.6 }, { year: 2019, serial: 2 });

  it('links cars to customers by external id and by phone, with their mileage', async () => {
    const file = [
      '外部编号,客户外部编号,客户手机号,车牌号,车架号,品牌,车型,年款,燃料类型,保险到期,里程',
      `V1,C001,,粤A11111,${vin1},大众,朗逸,2021,汽油,2025-06-30,35000`,
      `V2,,13811110002,粤BD12345,${vin2},比亚迪,汉,2019,纯电,,12000`,
      'V3,NOPE,,粤C33333,,丰田,卡罗拉,,,,',
    ].join('\n');
    const job = await run('vehicles', file);
    expect(counts(job)).toEqual([2, 0, 0, 1]);
    expect((await errorsOf(job.id)).map((e) => [e.row, e.column, e.code])).toEqual([
      [4, '客户外部编号', 'IMPORT_CUSTOMER_UNKNOWN'],
    ]);
    const zhang = (
      await env.app.inject({ url: '/api/v1/staff/customers?q=13811110001', headers: owner.headers })
    ).json().items[0];
    const detail = (
      await env.app.inject({ url: `/api/v1/staff/customers/${zhang.id}`, headers: owner.headers })
    ).json();
    expect(detail.vehicles).toHaveLength(1);
    expect(detail.vehicles[0]).toMatchObject({
      plate: '粤A11111',
      vin: vin1,
      make: '大众',
      fuelType: 'petrol',
      lastMileageKm: 35000,
    });
    expect(await count('odometer_readings', sql`source = 'import'`)).toBe(2);
    expect(await count('vehicle_ownerships')).toBe(2);

    const again = await run('vehicles', file);
    expect(counts(again)).toEqual([0, 0, 2, 1]);
    // A higher mileage is a new reading; a lower one (an older file) is not news.
    const higher = await run(
      'vehicles',
      file.replace(',35000', ',36000').replace(',12000', ',9000'),
    );
    expect(counts(higher)).toEqual([0, 1, 1, 1]);
    expect(await count('odometer_readings', sql`source = 'import'`)).toBe(3);
  });

  it('moves a car to the owner the file names, keeping its history', async () => {
    const job = await run('vehicles', '外部编号,客户外部编号\nV2,C003\n');
    expect(counts(job)).toEqual([0, 1, 0, 0]);
    expect(await count('vehicle_ownerships', sql`to_at is not null`)).toBe(1);
    const back = await run('vehicles', '外部编号,客户手机号\nV2,13811110002\n');
    expect(counts(back)).toEqual([0, 1, 0, 0]);
  });

  it('imports service history by car external id, plate or VIN', async () => {
    const file = [
      '外部编号,工单号,车辆外部编号,车牌号,车架号,门店编码,开单时间,结束时间,里程,状态,金额(元),服务项目',
      'O1,W-001,V1,,,S01,2024-03-05 09:00,2024-03-05 17:30,30000,,"1,280.50",更换机油机滤',
      `O2,,,,${vin2},S01,2024-04-01,,11000,已付款,300,轮胎换位`,
      'O3,W-003,,粤A11111,,S01,2024-05-01 10:00,,,进行中,0,',
      'O4,W-004,,粤Z99999,,S01,2024-05-01,,,,,',
      'O5,W-005,V1,,,S99,2024-05-01,,,,,',
      'O6,W-006,V1,,,S01,2024-05-01,,,,-20,',
    ].join('\n');
    const job = await run('service_orders', file);
    expect(counts(job)).toEqual([3, 0, 0, 3]);
    expect((await errorsOf(job.id)).map((e) => [e.row, e.column, e.code])).toEqual([
      [5, '车牌号', 'IMPORT_VEHICLE_UNKNOWN'],
      [6, '门店编码', 'IMPORT_STORE_UNKNOWN'],
      [7, '金额(元)', 'IMPORT_VALUE_NEGATIVE'],
    ]);
    const [o1] = await env.inTenant(tenant.id, (ctx) =>
      queryRows<Record<string, unknown>>(
        ctx.tx,
        sql`select number, status, total_fen, paid_fen, mileage_km, opened_at, closed_at from service_orders where external_id = 'O1'`,
      ),
    );
    expect(o1).toMatchObject({ number: 'W-001', status: 'closed', mileage_km: 30000 });
    expect(Number(o1!.total_fen)).toBe(128050);
    expect(new Date(o1!.opened_at as string).toISOString()).toBe('2024-03-05T01:00:00.000Z');
    expect(new Date(o1!.closed_at as string).toISOString()).toBe('2024-03-05T09:30:00.000Z');
    expect(await count('service_orders', sql`external_id = 'O2' and number = 'O2'`)).toBe(1);
    expect(await count('service_order_items', sql`category = 'oil_change'`)).toBe(1);
    expect(await count('odometer_readings', sql`service_order_id is not null`)).toBe(2);

    // The history shows on the car.
    const v1 = await env.inTenant(tenant.id, (ctx) =>
      queryRows<{ id: string }>(ctx.tx, sql`select id from vehicles where external_id = 'V1'`),
    );
    const history = await env.app.inject({
      url: `/api/v1/staff/vehicles/${v1[0]!.id}/service-orders`,
      headers: owner.headers,
    });
    expect(history.statusCode).toBe(200);
    expect(
      history
        .json()
        .items.map((o: { number: string }) => o.number)
        .sort(),
    ).toEqual(['W-001', 'W-003']);

    const again = await run('service_orders', file);
    expect(counts(again)).toEqual([0, 0, 3, 3]);
    const edited = await run('service_orders', file.replace('"1,280.50"', '1300'));
    expect(counts(edited)).toEqual([0, 1, 2, 3]);
  });
});

describe('export', () => {
  it('exports each kind as CSV with BOM that re-imports unchanged', async () => {
    // A customer made in the console (no external id) and one from the car owner's app (no name).
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: owner.headers,
      payload: { name: '=HYPERLINK("x")', phone: '+85291234567', tags: ['港澳'] },
    });
    await env.inTenant(tenant.id, (ctx) =>
      findOrCreateCustomerByPhone(ctx, { phone: '13866660001', source: 'app' }),
    );
    for (const [path, kind] of [
      ['customers.csv', 'customers'],
      ['vehicles.csv', 'vehicles'],
      ['service-orders.csv', 'service_orders'],
    ] as const) {
      const res = await env.app.inject({
        url: `/api/v1/staff/exports/${path}`,
        headers: owner.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body.startsWith('\uFEFF外部编号,')).toBe(true);
      const rows = res.body.trim().split('\n').length - 1;
      expect(rows).toBeGreaterThan(1);
      const job = await run(kind, res.rawPayload);
      expect({ kind, counts: counts(job) }).toEqual({ kind, counts: [0, 0, rows, 0] });
      const en = await env.app.inject({
        url: `/api/v1/staff/exports/${path}?lang=en`,
        headers: owner.headers,
      });
      expect(en.body.startsWith('\uFEFFexternalId,')).toBe(true);
      expect(counts(await run(kind, en.rawPayload))).toEqual([0, 0, rows, 0]);
    }
    const customers = await env.app.inject({
      url: '/api/v1/staff/exports/customers.csv',
      headers: owner.headers,
    });
    expect(customers.body).toContain(`'=HYPERLINK`);
    expect(customers.body).toContain(',13811110001,男,1985-04-12,VIP|车队,到店,S01,老客户');
  });
});

describe('access', () => {
  it('is for owners and managers; other tenants’ jobs are not found', async () => {
    const advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
    const denied = await post('customers', CUSTOMERS, { session: advisor, dryRun: true });
    expect(denied.statusCode).toBe(403);
    const list = await env.app.inject({ url: '/api/v1/staff/imports', headers: advisor.headers });
    expect(list.statusCode).toBe(403);
    const exported = await env.app.inject({
      url: '/api/v1/staff/exports/customers.csv',
      headers: advisor.headers,
    });
    expect(exported.statusCode).toBe(403);
    const manager = await signInStaff(env.app, tenant.slug, tenant.staff.manager.login);
    const mine = await run('customers', CUSTOMERS, { session: manager, dryRun: true });

    const other = await env.createTenant();
    const stranger = await signInStaff(env.app, other.slug, other.staff.owner.login);
    for (const url of [
      `/api/v1/staff/imports/${mine.id}`,
      `/api/v1/staff/imports/${mine.id}/errors`,
      `/api/v1/staff/imports/${mine.id}/errors.csv`,
    ]) {
      const res = await env.app.inject({ url, headers: stranger.headers });
      expect(res.statusCode, url).toBe(404);
    }
    const theirs = await env.app.inject({
      url: '/api/v1/staff/imports',
      headers: stranger.headers,
    });
    expect(theirs.json().items).toEqual([]);
    const ours = await env.app.inject({ url: '/api/v1/staff/imports', headers: owner.headers });
    expect(ours.json().items[0].id).toBe(mine.id);
  });
});

describe('a 100,000-row file', () => {
  it('imports with a correct error report and re-imports without changes', async () => {
    const lines = ['外部编号,姓名,手机号,性别,标签'];
    const bad = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const isBad = i % 1000 === 7;
      if (isBad) bad.add(i + 2);
      const phone = isBad ? `1${i}` : `137${String(i).padStart(8, '0')}`;
      lines.push(`M${i},大客户${i},${phone},${i % 2 ? '男' : '女'},批量`);
    }
    const file = lines.join('\n');
    const first = await run('customers', file);
    expect(counts(first)).toEqual([99_900, 0, 0, 100]);
    expect(first.processedRows).toBe(100_000);
    const errors = await errorsOf(first.id);
    expect(errors).toHaveLength(100);
    expect(new Set(errors.map((e) => e.row))).toEqual(bad);
    expect(errors.every((e) => e.code === 'PHONE_INVALID' && e.column === '手机号')).toBe(true);
    expect(await count('customers', sql`external_id like 'M%'`)).toBe(99_900);

    const audit = await count('audit_log');
    const second = await run('customers', file);
    expect(counts(second)).toEqual([0, 0, 99_900, 100]);
    expect(await count('audit_log')).toBe(audit);
  }, 300_000);
});
