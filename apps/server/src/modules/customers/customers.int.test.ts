// Customers and their cars over HTTP: create / read / edit with validation and audit, paging,
// the one search box, phone masking, plate and VIN checks, and the car owner's view of their cars.
import type { LightMyRequestResponse } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids.ts';
import { applyVinCheckDigit, computeVinCheckDigit } from '../../kernel/vin.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { findOrCreateCustomerByPhone } from './index.ts';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';

const clock = fixedClock(new Date('2026-03-02T02:00:00.000Z'));

let env: TestEnv;
let t: TestTenant;
let owner: Session;

// ---- helpers ----

type Headers = Record<string, string>;
interface Customer {
  id: string;
  memberNo: string;
  name: string | null;
  phone: string;
  gender: string;
  tags: string[];
  source: string;
  birthday: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  vehicles: Vehicle[];
}
interface Vehicle {
  id: string;
  customerId: string;
  plate: string | null;
  vin: string | null;
  make: string | null;
  model: string | null;
  year: number | null;
  fuelType: string;
  matchedVin?: string | null;
}

function call(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  opts: { headers?: Headers; payload?: unknown } = {},
) {
  return env.app.inject({
    method,
    url,
    headers: opts.headers ?? owner.headers,
    ...(opts.payload === undefined ? {} : { payload: opts.payload as object }),
  });
}

/** Asserts the error envelope and returns its `error` object. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().error?.code }).toEqual({ status, code });
  const error = res.json().error as {
    code: string;
    message: string;
    field?: string;
    details?: Record<string, unknown>;
    requestId: string;
  };
  expect(error.message).toBeTruthy();
  expect(error.requestId).toBeTruthy();
  return error;
}

const postCustomer = (payload: unknown, headers?: Headers) =>
  call('POST', '/api/v1/staff/customers', { payload, ...(headers ? { headers } : {}) });

async function createCustomer(
  payload: { name: string; phone: string } & Record<string, unknown>,
  headers?: Headers,
): Promise<Customer> {
  const res = await postCustomer(payload, headers);
  if (res.statusCode !== 201) throw new Error(`create customer: ${res.statusCode} ${res.body}`);
  return res.json();
}

const postVehicle = (customerId: string, payload: unknown) =>
  call('POST', `/api/v1/staff/customers/${customerId}/vehicles`, { payload });

async function addVehicle(customerId: string, payload: Record<string, unknown>): Promise<Vehicle> {
  const res = await postVehicle(customerId, payload);
  if (res.statusCode !== 201) throw new Error(`add vehicle: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function search(q: string, headers?: Headers): Promise<Customer[]> {
  const res = await call(
    'GET',
    `/api/v1/staff/customers?limit=200&q=${encodeURIComponent(q)}`,
    headers ? { headers } : {},
  );
  expect(res.statusCode).toBe(200);
  return res.json().items;
}
const names = (list: { name: string | null }[]) => list.map((c) => c.name).sort();

/** Walks every page of the customer list with `limit`, returning the ids in order. */
async function walkPages(
  limit: number,
  headers: Headers,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/staff/customers?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call('GET', url, { headers });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Customer[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...body.items.map((c) => c.id));
    cursor = body.nextCursor;
    if (++pages > 50) throw new Error('paging does not end');
  } while (cursor);
  return { ids, pages };
}

async function auditRowsFor(tenantId: string, entityId: string) {
  return env.inTenant(tenantId, (ctx) =>
    ctx.tx
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, entityId))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
  );
}

async function customerCount(): Promise<number> {
  const res = await call('GET', '/api/v1/staff/customers?limit=200');
  return res.json().items.length as number;
}

/** A valid VIN built from 17 characters (position 9 is replaced by the check digit). */
const vin = (draft: string) => applyVinCheckDigit(draft);
/** The same VIN with a wrong check digit. */
const withWrongCheckDigit = (valid: string) => {
  const wrong = computeVinCheckDigit(valid) === '0' ? '1' : '0';
  return valid.slice(0, 8) + wrong + valid.slice(9);
};

/**
 * A tenant code without digits. The harness's signInCustomer takes the first six digits of the
 * SMS, and the SMS starts with the tenant's name, which contains its code.
 */
const digitFreeSlug = () =>
  `cust-${newId()
    .slice(-12)
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant(digitFreeSlug());
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
});
afterAll(() => env.close());

// ---- customers ----

describe('creating a customer', () => {
  it('201 with the phone normalised to E.164 and a member number', async () => {
    const res = await postCustomer({
      name: '  张伟 ',
      phone: '138 1234 5678',
      gender: 'male',
      birthday: '1988-06-01',
      tags: ['VIP'],
      notes: '喜欢周末来',
    });
    expect(res.statusCode).toBe(201);
    const c: Customer = res.json();
    expect(c).toMatchObject({
      name: '张伟',
      phone: '+8613812345678',
      gender: 'male',
      birthday: '1988-06-01',
      tags: ['VIP'],
      source: 'walk_in',
      notes: '喜欢周末来',
      vehicles: [],
      lastVisitAt: null,
    });
    expect(c.memberNo).toMatch(/^LK\d{8}$/);
    expect(c.createdAt).toBe(clock.now().toISOString());

    const got = await call('GET', `/api/v1/staff/customers/${c.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(c);
  });

  it('defaults: gender unknown, no tags, source walk_in', async () => {
    const c = await createCustomer({ name: '默认值', phone: '13900000001' });
    expect(c).toMatchObject({
      gender: 'unknown',
      tags: [],
      source: 'walk_in',
      birthday: null,
      notes: null,
    });
  });

  it('the same phone again, in any spelling, is 409 CUSTOMER_PHONE_TAKEN and creates nothing', async () => {
    const before = await customerCount();
    for (const phone of ['13812345678', '+86 138-1234-5678', '008613812345678']) {
      const err = expectError(
        await postCustomer({ name: '重复', phone }),
        409,
        'CUSTOMER_PHONE_TAKEN',
      );
      expect(err.field, phone).toBe('phone');
      expect(err.message).toBe('该手机号已是客户');
    }
    expect(await customerCount()).toBe(before);
    expect(names(await search('13812345678'))).toEqual(['张伟']);
  });

  it('an invalid phone is 400 PHONE_INVALID on field phone', async () => {
    const before = await customerCount();
    for (const phone of ['12345678901', '1381234567', '138123456789', 'call me']) {
      const err = expectError(await postCustomer({ name: '号码错', phone }), 400, 'PHONE_INVALID');
      expect(err.field, phone).toBe('phone');
    }
    expect(await customerCount()).toBe(before);
  });

  it('validation errors are 400 VALIDATION_FAILED naming the field, and create nothing', async () => {
    const before = await customerCount();
    const cases: [unknown, string][] = [
      [{ phone: '13900000002' }, 'name'],
      [{ name: '   ', phone: '13900000002' }, 'name'],
      [{ name: '长'.repeat(61), phone: '13900000002' }, 'name'],
      [{ name: '生日错', phone: '13900000002', birthday: '1990/01/01' }, 'birthday'],
      [{ name: '性别错', phone: '13900000002', gender: 'x' }, 'gender'],
      [{ name: '来源错', phone: '13900000002', source: 'tv' }, 'source'],
      [{ name: '标签错', phone: '13900000002', tags: ['t'.repeat(31)] }, 'tags.0'],
    ];
    for (const [payload, field] of cases) {
      const err = expectError(await postCustomer(payload), 400, 'VALIDATION_FAILED');
      expect(err.field, JSON.stringify(payload)).toBe(field);
      expect(err.message).toContain(`字段 ${field}`);
    }
    const en = expectError(
      await postCustomer({ phone: '13900000002' }, { ...owner.headers, 'accept-language': 'en' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(en.message).toMatch(/^The request is not valid: name/);
    expect(await customerCount()).toBe(before);
  });

  it('GET of an unknown or malformed id', async () => {
    expectError(
      await call('GET', '/api/v1/staff/customers/01900000-0000-7000-8000-000000000000'),
      404,
      'NOT_FOUND',
    );
    expect(
      expectError(await call('GET', '/api/v1/staff/customers/not-a-uuid'), 400, 'VALIDATION_FAILED')
        .field,
    ).toBe('customerId');
  });
});

describe('editing a customer', () => {
  let c: Customer;

  beforeAll(async () => {
    c = await createCustomer({ name: '李娜', phone: '13700001234', tags: ['新客'] });
  });

  it('PATCH changes name and tags and leaves the rest', async () => {
    clock.advance(60 * 1000);
    const res = await call('PATCH', `/api/v1/staff/customers/${c.id}`, {
      payload: { name: '李娜娜', tags: ['VIP', '车队客户'] },
    });
    expect(res.statusCode).toBe(200);
    const updated: Customer = res.json();
    expect(updated).toMatchObject({
      id: c.id,
      name: '李娜娜',
      tags: ['VIP', '车队客户'],
      phone: c.phone,
      memberNo: c.memberNo,
      createdAt: c.createdAt,
    });
    expect(updated.updatedAt).toBe(clock.now().toISOString());
    expect((await call('GET', `/api/v1/staff/customers/${c.id}`)).json()).toEqual(updated);
    // The new name is searchable, by text and by initials.
    expect(names(await search('李娜娜'))).toEqual(['李娜娜']);
    expect(names(await search('lnn'))).toEqual(['李娜娜']);
  });

  it('the creation and the edit are in the audit log, with who did them', async () => {
    const rows = await auditRowsFor(t.id, c.id);
    expect(rows.map((r) => r.action)).toEqual(['customer.created', 'customer.updated']);
    for (const r of rows)
      expect(r).toMatchObject({
        entityType: 'customer',
        actorType: 'staff',
        actorId: t.staff.owner.id,
        requestId: expect.any(String),
      });
    expect(rows[0]!.changes).toMatchObject({
      name: '李娜',
      phone: '+8613700001234',
      tags: ['新客'],
    });
    expect(rows[1]!.changes).toEqual({
      before: { name: '李娜', tags: ['新客'] },
      after: { name: '李娜娜', tags: ['VIP', '车队客户'] },
    });
  });

  it('a failed PATCH changes nothing and writes no audit row', async () => {
    const before = (await call('GET', `/api/v1/staff/customers/${c.id}`)).json();
    const auditBefore = (await auditRowsFor(t.id, c.id)).length;

    expectError(
      await call('PATCH', `/api/v1/staff/customers/${c.id}`, {
        payload: { name: '', tags: ['x'] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call('PATCH', `/api/v1/staff/customers/${c.id}`, {
        payload: { name: '改号', phone: '12345678901' },
      }),
      400,
      'PHONE_INVALID',
    );
    const taken = expectError(
      await call('PATCH', `/api/v1/staff/customers/${c.id}`, {
        payload: { name: '撞号', phone: '13812345678' },
      }),
      409,
      'CUSTOMER_PHONE_TAKEN',
    );
    expect(taken.field).toBe('phone');

    expect((await call('GET', `/api/v1/staff/customers/${c.id}`)).json()).toEqual(before);
    expect(await auditRowsFor(t.id, c.id)).toHaveLength(auditBefore);
  });

  it('PATCH of an unknown customer is 404', async () => {
    expectError(
      await call('PATCH', '/api/v1/staff/customers/01900000-0000-7000-8000-000000000000', {
        payload: { name: '无此人' },
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('a technician may not edit', async () => {
    const tech = await signInStaff(env.app, t.slug, t.staff.technician.login);
    expectError(
      await call('PATCH', `/api/v1/staff/customers/${c.id}`, {
        headers: tech.headers,
        payload: { name: '技师改' },
      }),
      403,
      'FORBIDDEN',
    );
    expect((await call('GET', `/api/v1/staff/customers/${c.id}`)).json().name).toBe('李娜娜');
  });
});

describe('paging the customer list', () => {
  let p: TestTenant;
  let ps: Session;
  const created: string[] = [];

  beforeAll(async () => {
    p = await env.createTenant();
    ps = await signInStaff(env.app, p.slug, p.staff.owner.login);
    // Seven customers over three instants, so pages break both between and within equal times.
    const seconds = [0, 0, 0, 1, 1, 2, 2];
    for (const [i, second] of seconds.entries()) {
      if (i > 0 && second !== seconds[i - 1]) clock.advance(1000);
      created.push(
        (await createCustomer({ name: `分页${i}`, phone: `1350000000${i}` }, ps.headers)).id,
      );
    }
  });

  it('limit=2 walks every customer once, newest first, and the last page has no cursor', async () => {
    const { ids, pages } = await walkPages(2, ps.headers);
    expect(pages).toBe(4);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...created].sort());
    const all = await call('GET', '/api/v1/staff/customers?limit=200', { headers: ps.headers });
    expect(all.json().nextCursor).toBeNull();
    expect(ids).toEqual(all.json().items.map((c: Customer) => c.id));
    // Newest first: the last created is first.
    expect(ids[0]).toBe(created[6]);
  });

  it('limit=1 and limit=3 give the same order', async () => {
    const all = (await walkPages(7, ps.headers)).ids;
    expect((await walkPages(1, ps.headers)).ids).toEqual(all);
    expect((await walkPages(3, ps.headers)).ids).toEqual(all);
  });

  it('a garbage cursor is 400 CURSOR_INVALID on field cursor', async () => {
    for (const cursor of [
      'garbage',
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
    ]) {
      const err = expectError(
        await call('GET', `/api/v1/staff/customers?limit=2&cursor=${cursor}`, {
          headers: ps.headers,
        }),
        400,
        'CURSOR_INVALID',
      );
      expect(err.field).toBe('cursor');
    }
  });

  it('a limit out of range is 400 VALIDATION_FAILED', async () => {
    expect(
      expectError(
        await call('GET', '/api/v1/staff/customers?limit=0', { headers: ps.headers }),
        400,
        'VALIDATION_FAILED',
      ).field,
    ).toBe('limit');
    expect(
      expectError(
        await call('GET', '/api/v1/staff/customers?limit=201', { headers: ps.headers }),
        400,
        'VALIDATION_FAILED',
      ).field,
    ).toBe('limit');
  });

  it('customers stamped by the database clock within one millisecond are not skipped', async () => {
    // A car owner who signs up in the app is created by findOrCreateCustomerByPhone, which leaves
    // created_at to the database default: on PostgreSQL that has microseconds, while the cursor
    // keeps milliseconds (Date#toISOString). Two such customers within the same millisecond (here:
    // one transaction, so the same now()) must both appear when paging one at a time.
    // PGlite's now() has millisecond precision, so this only shows on PostgreSQL.
    const q = await env.createTenant();
    const qs = await signInStaff(env.app, q.slug, q.staff.owner.login);
    const made = await env.inTenant(q.id, async (ctx) => [
      (await findOrCreateCustomerByPhone(ctx, { phone: '13600000001', source: 'app' })).id,
      (await findOrCreateCustomerByPhone(ctx, { phone: '13600000002', source: 'app' })).id,
    ]);
    const { ids } = await walkPages(1, qs.headers);
    expect([...ids].sort()).toEqual([...made].sort());
  });
});

describe('the search box', () => {
  let s: TestTenant;
  let ss: Session;
  const carVin = vin('LSVAU2180N2183294');

  beforeAll(async () => {
    s = await env.createTenant();
    ss = await signInStaff(env.app, s.slug, s.staff.owner.login);
    const zhang = await createCustomer({ name: '张伟', phone: '13812345678' }, ss.headers);
    const wang = await createCustomer({ name: '王芳', phone: '13987650000' }, ss.headers);
    await createCustomer({ name: '张伟明', phone: '13600002222' }, ss.headers);
    await createCustomer({ name: '赵四', phone: '15011113333' }, ss.headers);
    for (const [customerId, payload] of [
      [zhang.id, { plate: '粤A12345', vin: carVin }],
      [wang.id, { plate: '京B88888' }],
    ] as const) {
      const res = await call('POST', `/api/v1/staff/customers/${customerId}/vehicles`, {
        headers: ss.headers,
        payload,
      });
      expect(res.statusCode).toBe(201);
    }
  });

  const find = (q: string) => search(q, ss.headers).then(names);

  it('by 4 or more phone digits, anywhere in the number', async () => {
    expect(await find('5678')).toEqual(['张伟']);
    expect(await find('1234')).toEqual(['张伟']);
    expect(await find('138 1234 5678')).toEqual(['张伟']);
    expect(await find('+8613812345678')).toEqual(['张伟']);
  });

  it('fewer than 4 digits do not match phone numbers', async () => {
    // "567" is in 张伟's phone but in no plate or VIN.
    expect(await find('567')).toEqual([]);
    expect(await find('765')).toEqual([]);
  });

  it('by full name and by part of a name', async () => {
    expect(await find('王芳')).toEqual(['王芳']);
    expect(await find('张伟')).toEqual(['张伟', '张伟明']);
    expect(await find('伟明')).toEqual(['张伟明']);
    expect(await find('芳')).toEqual(['王芳']);
  });

  it("a two-character part of a name finds this tenant's customers only, after a rename too", async () => {
    const other = await env.createTenant();
    const os = await signInStaff(env.app, other.slug, other.staff.owner.login);
    await createCustomer({ name: '张伟', phone: '13812340000' }, os.headers);
    expect(await find('张伟')).toEqual(['张伟', '张伟明']);
    expect(await search('张伟', os.headers).then(names)).toEqual(['张伟']);
    const [zhao] = await search('赵四', ss.headers);
    const renamed = await call('PATCH', `/api/v1/staff/customers/${zhao!.id}`, {
      headers: ss.headers,
      payload: { name: '赵伟明' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await find('伟明')).toEqual(['张伟明', '赵伟明']);
    expect(await find('赵四')).toEqual([]);
    await call('PATCH', `/api/v1/staff/customers/${zhao!.id}`, {
      headers: ss.headers,
      payload: { name: '赵四' },
    });
  });

  it('by pinyin initials', async () => {
    expect(await find('zw')).toEqual(['张伟', '张伟明']);
    expect(await find('ZWM')).toEqual(['张伟明']);
    expect(await find('wf')).toEqual(['王芳']);
    expect(await find('zs')).toEqual(['赵四']);
  });

  it('by part of a plate, with or without the province', async () => {
    expect(await find('A12')).toEqual(['张伟']);
    expect(await find('a12')).toEqual(['张伟']);
    expect(await find('粤A123')).toEqual(['张伟']);
    expect(await find('B888')).toEqual(['王芳']);
  });

  it('by part of a VIN', async () => {
    expect(await find(carVin.slice(3, 11))).toEqual(['张伟']);
    expect(await find(carVin.slice(-6))).toEqual(['张伟']);
    expect(await find(carVin.slice(0, 5).toLowerCase())).toEqual(['张伟']);
  });

  it('a row found by a VIN says which car matched; one found by its plate does not', async () => {
    const [byVin] = await search(carVin.slice(-6), ss.headers);
    expect(byVin!.vehicles.map((v) => v.matchedVin)).toContain(carVin);
    const [byPlate] = await search('粤A123', ss.headers);
    expect(byPlate!.vehicles.every((v) => v.matchedVin === null)).toBe(true);
  });

  it('nothing found is an empty page; LIKE wildcards are taken literally', async () => {
    expect(await find('不存在的人')).toEqual([]);
    expect(await find('%')).toEqual([]);
    expect(await find('_')).toEqual([]);
  });

  it('a technician sees masked phone numbers', async () => {
    const tech = await signInStaff(env.app, s.slug, s.staff.technician.login);
    const [c] = await search('5678', tech.headers);
    expect(c!.phone).toBe('138****5678');
    const one = await call('GET', `/api/v1/staff/customers/${c!.id}`, { headers: tech.headers });
    expect(one.json().phone).toBe('138****5678');
    expect(one.body).not.toContain('13812345678');
    // The owner sees the full number.
    expect((await search('5678', ss.headers))[0]!.phone).toBe('+8613812345678');
  });
});

// ---- vehicles ----

describe('vehicles', () => {
  let c: Customer;
  const goodVin = vin('LFV2A21K7A3012345');

  beforeAll(async () => {
    c = await createCustomer({ name: '车主甲', phone: '18600001111' });
  });

  async function vehiclesOf(customerId: string): Promise<Vehicle[]> {
    return (await call('GET', `/api/v1/staff/customers/${customerId}`)).json().vehicles;
  }

  it('adds a car: plate normalised to upper case, VIN with a correct check digit', async () => {
    const res = await postVehicle(c.id, {
      plate: '粤b·12345',
      vin: `  ${goodVin.toLowerCase()} `,
      make: '一汽大众',
      model: '速腾',
      year: 2020,
    });
    expect(res.statusCode).toBe(201);
    const v: Vehicle = res.json();
    expect(v).toMatchObject({
      customerId: c.id,
      plate: '粤B12345',
      vin: goodVin,
      make: '一汽大众',
      model: '速腾',
      year: 2020,
      fuelType: 'petrol',
      lastMileageKm: null,
    });
    expect(await vehiclesOf(c.id)).toEqual([v]);
    expect((await call('GET', `/api/v1/staff/vehicles/${v.id}`)).json()).toEqual(v);
  });

  it('a VIN with a wrong check digit is 400 VEHICLE_VIN_CHECK_DIGIT with the expected digit', async () => {
    const before = await vehiclesOf(c.id);
    const good = vin('LSGPC52U6AF102555');
    const err = expectError(
      await postVehicle(c.id, { plate: '粤B22222', vin: withWrongCheckDigit(good) }),
      400,
      'VEHICLE_VIN_CHECK_DIGIT',
    );
    expect(err.field).toBe('vin');
    expect(err.details).toMatchObject({ expected: good[8], position: 9 });
    expect(err.message).toBe('车架号第 9 位校验码错误');
    expect(await vehiclesOf(c.id)).toEqual(before);
  });

  it("a VIN with an 'O' is 400 VEHICLE_VIN_INVALID naming the position", async () => {
    const bad = `${vin('LSGPC52U6AF102555').slice(0, 4)}O${vin('LSGPC52U6AF102555').slice(5)}`;
    const err = expectError(await postVehicle(c.id, { vin: bad }), 400, 'VEHICLE_VIN_INVALID');
    expect(err).toMatchObject({
      field: 'vin',
      details: { position: 5 },
      message: '车架号第 5 位无效',
    });
    const en = expectError(
      await call('POST', `/api/v1/staff/customers/${c.id}/vehicles`, {
        headers: { ...owner.headers, 'accept-language': 'en' },
        payload: { vin: bad },
      }),
      400,
      'VEHICLE_VIN_INVALID',
    );
    expect(en.message).toBe('The VIN is not valid at position 5');
  });

  it('a VIN too short is 400 VEHICLE_VIN_INVALID', async () => {
    const err = expectError(
      await postVehicle(c.id, { vin: 'LSGPC52U6AF1025' }),
      400,
      'VEHICLE_VIN_INVALID',
    );
    expect(err).toMatchObject({
      field: 'vin',
      details: { reason: 'length' },
      message: '车架号应为 17 位',
    });
  });

  it('an invalid plate is 400 VEHICLE_PLATE_INVALID', async () => {
    const before = await vehiclesOf(c.id);
    for (const plate of ['A12345', '粤A1234', '粤AI2345', '粤A123456', 'XX12345']) {
      const err = expectError(await postVehicle(c.id, { plate }), 400, 'VEHICLE_PLATE_INVALID');
      expect(err.field, plate).toBe('plate');
    }
    expect(await vehiclesOf(c.id)).toEqual(before);
  });

  it('an 8-character new-energy plate is accepted', async () => {
    const v = await addVehicle(c.id, {
      plate: '粤AD12345',
      fuelType: 'electric',
      make: '比亚迪',
      model: '海豚',
    });
    expect(v).toMatchObject({ plate: '粤AD12345', fuelType: 'electric', vin: null });
    const large = await addVehicle(c.id, { plate: '粤A12345F' });
    expect(large.plate).toBe('粤A12345F');
  });

  it('a plate or VIN already registered is 409, and nothing is added', async () => {
    const other = await createCustomer({ name: '车主乙', phone: '18600002222' });
    const plate = expectError(
      await postVehicle(other.id, { plate: '粤B 12345' }),
      409,
      'VEHICLE_PLATE_TAKEN',
    );
    expect(plate).toMatchObject({ field: 'plate', message: '该车牌已登记' });
    const vinTaken = expectError(
      await postVehicle(other.id, { vin: goodVin }),
      409,
      'VEHICLE_VIN_TAKEN',
    );
    expect(vinTaken.field).toBe('vin');
    expect(await vehiclesOf(other.id)).toEqual([]);
  });

  it('the same plate in another tenant is fine', async () => {
    const o = await env.createTenant();
    const os = await signInStaff(env.app, o.slug, o.staff.owner.login);
    const oc = await createCustomer({ name: '别家车主', phone: '18600001111' }, os.headers);
    const res = await call('POST', `/api/v1/staff/customers/${oc.id}/vehicles`, {
      headers: os.headers,
      payload: { plate: '粤B12345', vin: goodVin },
    });
    expect(res.statusCode).toBe(201);
  });

  it('a car for an unknown customer is 404', async () => {
    expectError(
      await postVehicle('01900000-0000-7000-8000-000000000000', { plate: '粤C12345' }),
      404,
      'NOT_FOUND',
    );
  });

  it('PATCH edits a car; bad or taken identifiers change nothing', async () => {
    const v = await addVehicle(c.id, { plate: '粤C54321', make: '丰田' });
    clock.advance(1000);
    const res = await call('PATCH', `/api/v1/staff/vehicles/${v.id}`, {
      payload: { model: '卡罗拉', year: 2019, plate: '粤c 54322' },
    });
    expect(res.statusCode).toBe(200);
    const updated: Vehicle & { updatedAt: string } = res.json();
    expect(updated).toMatchObject({
      id: v.id,
      make: '丰田',
      model: '卡罗拉',
      year: 2019,
      plate: '粤C54322',
    });
    expect(updated.updatedAt).toBe(clock.now().toISOString());

    expectError(
      await call('PATCH', `/api/v1/staff/vehicles/${v.id}`, {
        payload: { model: '不该改', vin: withWrongCheckDigit(goodVin) },
      }),
      400,
      'VEHICLE_VIN_CHECK_DIGIT',
    );
    expectError(
      await call('PATCH', `/api/v1/staff/vehicles/${v.id}`, {
        payload: { model: '不该改', plate: '粤B12345' },
      }),
      409,
      'VEHICLE_PLATE_TAKEN',
    );
    expectError(
      await call('PATCH', `/api/v1/staff/vehicles/${v.id}`, { payload: { year: 1900 } }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await call('GET', `/api/v1/staff/vehicles/${v.id}`)).json()).toEqual(updated);

    const audit = await auditRowsFor(t.id, v.id);
    expect(audit.map((r) => r.action)).toEqual(['vehicle.created', 'vehicle.updated']);
  });

  it('a car with no service orders has an empty order list', async () => {
    const v = await addVehicle(c.id, { plate: '粤D11111' });
    const res = await call('GET', `/api/v1/staff/vehicles/${v.id}/service-orders`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null });
    expectError(
      await call(
        'GET',
        '/api/v1/staff/vehicles/01900000-0000-7000-8000-000000000000/service-orders',
      ),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call('GET', '/api/v1/staff/vehicles/01900000-0000-7000-8000-000000000000'),
      404,
      'NOT_FOUND',
    );
  });

  it('a technician may not add a car', async () => {
    const tech = await signInStaff(env.app, t.slug, t.staff.technician.login);
    const before = await vehiclesOf(c.id);
    expectError(
      await call('POST', `/api/v1/staff/customers/${c.id}/vehicles`, {
        headers: tech.headers,
        payload: { plate: '粤E11111' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await vehiclesOf(c.id)).toEqual(before);
  });
});

// ---- the car owner's app ----

describe("the car owner's cars", () => {
  let mine: Vehicle;
  let theirs: Vehicle;
  let app: Session;

  beforeAll(async () => {
    const me = await createCustomer({ name: '车主丙', phone: '17700001111' });
    const other = await createCustomer({ name: '车主丁', phone: '17700002222' });
    mine = await addVehicle(me.id, {
      plate: '沪A99999',
      vin: vin('LVSHFFAL0CF123456'),
      make: '福特',
      model: '福克斯',
    });
    theirs = await addVehicle(other.id, { plate: '沪A88888' });
    clock.advance(1000);
    app = await signInCustomer(env, t, '17700001111');
  });

  it('sees their own cars', async () => {
    const res = await call('GET', '/api/v1/app/me/vehicles', { headers: app.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ ...mine, lastService: null }]);
  });

  it('sees one of their cars with its (empty) maintenance record', async () => {
    const res = await call('GET', `/api/v1/app/me/vehicles/${mine.id}`, { headers: app.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...mine, serviceOrders: [] });
  });

  it("another customer's car is 404", async () => {
    expectError(
      await call('GET', `/api/v1/app/me/vehicles/${theirs.id}`, { headers: app.headers }),
      404,
      'NOT_FOUND',
    );
  });

  it('staff routes stay closed to the car owner', async () => {
    expectError(
      await call('GET', `/api/v1/staff/vehicles/${mine.id}`, { headers: app.headers }),
      401,
      'AUTH_REQUIRED',
    );
  });
});
