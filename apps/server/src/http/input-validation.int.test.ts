// What a user sees for input the server cannot take: impossible dates, forged cursors, NUL or
// broken Unicode in text, and references to another customer's service order — each a 4xx that
// names the field, in the caller's language. (bad-input.int.test.ts sweeps every route.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signInStaff, type Session, type TestEnv } from '../testing/harness.ts';

let env: TestEnv;
let staff: Session;
let storeId: string;

beforeAll(async () => {
  env = await createTestEnv();
  const tenant = await env.createTenant();
  storeId = tenant.storeId;
  staff = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
});
afterAll(() => env.close());

const post = (url: string, payload: unknown, lang = 'zh-CN') =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { ...staff.headers, 'accept-language': lang },
    payload: payload as object,
  });
const get = (url: string) => env.app.inject({ method: 'GET', url, headers: staff.headers });

let phone = 13700000000;
async function customerWithOrder() {
  const c = await post('/api/v1/staff/customers', { name: '王五', phone: String(++phone) });
  const v = await post(`/api/v1/staff/customers/${c.json().id}/vehicles`, {});
  const o = await post('/api/v1/staff/service-orders', {
    customerId: c.json().id,
    vehicleId: v.json().id,
    storeId,
  });
  expect(o.statusCode, o.body).toBe(201);
  return { customerId: c.json().id as string, orderId: o.json().id as string };
}

describe('calendar dates', () => {
  it('refuses impossible days and year 0000 with the field and a message in each language', async () => {
    for (const birthday of ['2023-02-30', '2023-13-01', '2025-02-29', '0000-01-01']) {
      const res = await post('/api/v1/staff/customers', {
        name: '张三',
        phone: '13700000001',
        birthday,
      });
      expect(res.statusCode, birthday).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'birthday' });
      expect(res.json().error.message).toContain('不是有效的日期');
    }
    const en = await post(
      '/api/v1/staff/customers',
      { name: '张三', phone: '13700000001', birthday: '2023-02-30' },
      'en',
    );
    expect(en.json().error.message).toMatch(/birthday is not a real calendar date/);

    const { customerId } = await customerWithOrder();
    for (const field of ['registrationDate', 'insuranceExpiry', 'nextInspectionDate']) {
      const res = await post(`/api/v1/staff/customers/${customerId}/vehicles`, {
        [field]: '0000-01-01',
      });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    const share = await get('/api/v1/staff/referrals/share?from=0000-01&to=2026-03');
    expect(share.statusCode).toBe(400);
    expect(share.json().error.field).toBe('from');
  });
});

describe('paging cursors', () => {
  it('answers 400 CURSOR_INVALID on field cursor to a forged one', async () => {
    const forged = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
    for (const url of [
      `/api/v1/staff/customers?cursor=${forged}`,
      `/api/v1/staff/service-orders?cursor=${forged}`,
      '/api/v1/staff/customers?cursor=garbage!!',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'CURSOR_INVALID', field: 'cursor' });
    }
    // A real one still pages.
    await customerWithOrder();
    await customerWithOrder();
    const first = await get('/api/v1/staff/customers?limit=1');
    const next = await get(`/api/v1/staff/customers?limit=1&cursor=${first.json().nextCursor}`);
    expect(next.statusCode).toBe(200);
    expect(next.json().items[0].id).not.toBe(first.json().items[0].id);
  });
});

describe('text', () => {
  it('refuses NUL and lone surrogates in body, query and path, naming the field', async () => {
    for (const name of ['张\u0000三', '张\ud800三']) {
      const res = await post('/api/v1/staff/customers', { name, phone: '13700000002' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    }
    const nested = await post('/api/v1/staff/customers', {
      name: '张三',
      phone: '13700000002',
      tags: ['ok', 'x\u0000'],
    });
    expect(nested.json().error.field).toBe('tags.1');
    const query = await get('/api/v1/staff/customers?q=a%00b');
    expect(query.statusCode).toBe(400);
    expect(query.json().error.field).toBe('q');
    const path = await env.app.inject('/api/v1/public/tenants/a%00b');
    expect(path.statusCode).toBe(400);
    expect(path.json().error.field).toBe('slug');
  });
});

describe('service order references', () => {
  it('must name an order of the same customer', async () => {
    const a = await customerWithOrder();
    const b = await customerWithOrder();
    const grant = await post(`/api/v1/staff/customers/${a.customerId}/loyalty/adjustments`, {
      account: 'points',
      amount: 1000,
      reason: '测试积分',
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const redeem = (orderId: string) =>
      post(`/api/v1/staff/customers/${a.customerId}/points/redemptions`, {
        points: 100,
        note: '兑换洗车',
        orderId,
      });
    for (const orderId of [b.orderId, '01900000-0000-7000-8000-000000000000']) {
      const res = await redeem(orderId);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'SERVICE_ORDER_REFERENCE_INVALID',
        field: 'orderId',
      });
    }
    expect((await redeem(a.orderId)).statusCode).toBe(201);

    const product = await post('/api/v1/staff/loyalty/package-products', {
      name: '洗车 5 次卡',
      uses: 5,
      validityDays: 365,
      priceFen: 15000,
    });
    const sold = await post(`/api/v1/staff/customers/${a.customerId}/packages`, {
      productId: product.json().id,
      method: 'cash',
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const use = (orderId: string) =>
      post(`/api/v1/staff/customer-packages/${sold.json().id}/use`, { orderId });
    const other = await use(b.orderId);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('SERVICE_ORDER_REFERENCE_INVALID');
    expect((await use(a.orderId)).statusCode).toBe(200);
  });
});
