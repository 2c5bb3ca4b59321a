// Coupons and the member card over HTTP on a real database: templates and their bad input,
// issuing (one, bulk by phones, idempotent batches, per-customer limit, budget held by the
// database), validation reasons, redemption on an order with the discount and amount due,
// unapply, cancel → coupon back, at-most-once under racing tills, void and reissue, coupons on
// tier upgrade, the owner's coupon list, the rotating member-card code and the purge of old codes.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgArray } from '../../db/arrays.ts';
import { queryRows } from '../../db/database.ts';
import { emitEvent, publishOutbox } from '../../jobs/outbox.ts';
import { createLogger } from '../../kernel/logger.ts';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { CODE_ALPHABET } from './coupon-rules.ts';
import { COUPON_JOBS } from './coupons.jobs.ts';

const clock = fixedClock(new Date('2026-11-22T02:00:00.000Z'));
const DAY = 24 * 60 * 60 * 1000;
const log = createLogger('silent');

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let advisor: Session;
let technician: Session;
let otherOwner: Session;
let seq = 0;

function call(
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  lang = 'en',
): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method,
    url,
    headers: { ...s.headers, 'accept-language': lang },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function ok<T = Record<string, unknown>>(res: Promise<LightMyRequestResponse>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

async function customer(phone?: string) {
  seq++;
  const p = phone ?? `1390000${String(1000 + seq).padStart(4, '0')}`;
  const c = await ok<{ id: string }>(
    call(owner, 'POST', '/api/v1/staff/customers', { name: `车主${seq}`, phone: p }),
    201,
  );
  const v = await ok<{ id: string }>(
    call(owner, 'POST', `/api/v1/staff/customers/${c.id}/vehicles`, {
      plate: `粤A${String(20000 + seq)}`,
    }),
    201,
  );
  return { customerId: c.id, vehicleId: v.id, phone: p };
}

async function order(
  car: { customerId: string; vehicleId: string },
  items = [{ kind: 'labour', category: 'oil_change', description: '保养', unitPriceFen: 40000 }],
) {
  return ok<Order>(
    call(advisor, 'POST', '/api/v1/staff/service-orders', {
      customerId: car.customerId,
      vehicleId: car.vehicleId,
      storeId: t.storeId,
      items,
    }),
    201,
  );
}

interface Order {
  id: string;
  status: string;
  totalFen: number;
  discountFen: number;
  amountDueFen: number;
  discounts: { referenceId: string; amountFen: number; label: string }[];
}
interface Template {
  id: string;
  issuedCount: number;
  budget: number | null;
  terms: string;
}
interface Coupon {
  id: string;
  code: string;
  status: string;
  state: string;
  customerId: string;
  discountFen: number | null;
  redeemedOrderId: string | null;
}
interface IssueResult {
  issued: number;
  alreadyIssued: number;
  overLimit: string[];
  unknownPhones: string[];
  coupons: Coupon[];
}

const template = (body: Record<string, unknown>) =>
  ok<Template>(call(owner, 'POST', '/api/v1/staff/coupon-templates', body), 201);
const issue = (templateId: string, body: Record<string, unknown>, s = advisor) =>
  call(s, 'POST', `/api/v1/staff/coupon-templates/${templateId}/issue`, body);
const issueOne = async (templateId: string, customerId: string) =>
  (await ok<IssueResult>(issue(templateId, { customerIds: [customerId] }), 201)).coupons[0]!;

const FIFTY_OFF = {
  name: '保养立减 50 元',
  kind: 'amount_off',
  amountOffFen: 5000,
  minSpendFen: 30000,
  validDays: 30,
};

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
});
afterAll(() => env.close());

describe('coupon templates', () => {
  it('creates each kind and describes its terms', async () => {
    const a = await template(FIFTY_OFF);
    expect(a).toMatchObject({ kind: 'amount_off', terms: '¥50 off over ¥300', issuedCount: 0 });
    const p = await template({
      name: '刹车 85 折',
      kind: 'percent_off',
      percentOff: 15,
      maxDiscountFen: 10000,
      categories: ['brakes'],
      validUntil: '2026-12-31T16:00:00Z',
    });
    expect(p.terms).toBe('15% off, up to ¥100');
    const zh = await ok<Template>(
      call(owner, 'GET', `/api/v1/staff/coupon-templates/${p.id}`, undefined, 'zh-CN'),
    );
    expect(zh.terms).toBe('8.5 折，最高减 100 元');
    const f = await template({
      name: '免费洗车',
      kind: 'free_item',
      freeItemName: '标准洗车',
      freeItemCategory: 'wash',
      maxDiscountFen: 3000,
      validDays: 7,
    });
    expect(f.terms).toBe('Free 标准洗车');
    const k = await template({
      name: '洗车五次卡',
      kind: 'package',
      packageName: '洗车',
      packageUses: 5,
      validDays: 90,
    });
    expect(k.terms).toBe('Package: 洗车 ×5');
    const list = await ok<{ items: Template[] }>(
      call(advisor, 'GET', '/api/v1/staff/coupon-templates'),
    );
    expect(list.items.map((x) => x.id)).toEqual(expect.arrayContaining([a.id, p.id, f.id, k.id]));
  });

  it('rejects bad terms with a code and the field', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const r = await call(owner, 'POST', '/api/v1/staff/coupon-templates', body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    };
    await bad({ name: 'x', kind: 'percent_off', percentOff: 120 }, 'percentOff');
    await bad({ name: 'x', kind: 'amount_off', amountOffFen: -100 }, 'amountOffFen');
    await bad({ name: 'x', kind: 'amount_off', amountOffFen: 10.5 }, 'amountOffFen');
    await bad({ name: 'x', kind: 'amount_off', amountOffFen: 100, minSpendFen: -1 }, 'minSpendFen');
    await bad({ name: 'x', kind: 'amount_off' }, 'amountOffFen');
    await bad({ name: 'x', kind: 'free_item', freeItemName: '洗车' }, 'freeItemCategory');
    await bad(
      {
        name: 'x',
        kind: 'amount_off',
        amountOffFen: 100,
        validDays: 3,
        validUntil: '2027-01-01T00:00:00Z',
      },
      'validDays',
    );
    await bad(
      {
        name: 'x',
        kind: 'amount_off',
        amountOffFen: 100,
        validFrom: '2027-01-01T00:00:00Z',
        validUntil: '2026-01-01T00:00:00Z',
      },
      'validUntil',
    );
    const r = await call(owner, 'POST', '/api/v1/staff/coupon-templates', {
      ...FIFTY_OFF,
      storeIds: [other.storeId],
    });
    expect(r.statusCode).toBe(404);
    const tech = await call(technician, 'POST', '/api/v1/staff/coupon-templates', FIFTY_OFF);
    expect(tech.statusCode).toBe(403);
  });
});

describe('issuing', () => {
  it('issues to one customer with a short unambiguous code and a window from the day of issue', async () => {
    const tp = await template(FIFTY_OFF);
    const car = await customer();
    const c = await issueOne(tp.id, car.customerId);
    expect(c.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
    expect(c).toMatchObject({ status: 'issued', state: 'valid', customerId: car.customerId });
    const got = await ok<Coupon & { validUntil: string }>(
      call(advisor, 'GET', `/api/v1/staff/coupons/${c.id}`),
    );
    expect(got.validUntil).toBe(new Date(clock.now().getTime() + 30 * DAY).toISOString());
    const audit = await queryRows<{ action: string }>(
      env.database.adminDb,
      sql`select action from audit_log where tenant_id = ${t.id} and entity_id = ${tp.id}`,
    );
    expect(audit.map((a) => a.action)).toContain('coupon.issued');
  });

  it('issues in bulk by pasted phones, reports unknown ones, and is idempotent by batch key', async () => {
    const tp = await template({ ...FIFTY_OFF, name: '双十一' });
    const cars = [await customer(), await customer(), await customer()];
    const phones = [
      ...cars.map((c) => c.phone.slice(0, 3) + ' ' + c.phone.slice(3)),
      '13811112222',
      'abc',
    ];
    const first = await ok<IssueResult>(issue(tp.id, { phones, batchKey: 'double11' }), 201);
    expect(first).toMatchObject({
      issued: 3,
      alreadyIssued: 0,
      unknownPhones: ['13811112222', 'abc'],
    });
    expect(new Set(first.coupons.map((c) => c.code)).size).toBe(3);
    const again = await ok<IssueResult>(
      issue(tp.id, { customerIds: cars.map((c) => c.customerId), batchKey: 'double11' }),
      201,
    );
    expect(again).toMatchObject({ issued: 0, alreadyIssued: 3 });
    const after = await ok<Template>(call(owner, 'GET', `/api/v1/staff/coupon-templates/${tp.id}`));
    expect(after.issuedCount).toBe(3);
  });

  it('skips customers at the per-customer limit', async () => {
    const tp = await template({ ...FIFTY_OFF, name: '限领 1 张', perCustomerLimit: 1 });
    const a = await customer();
    const b = await customer();
    await issueOne(tp.id, a.customerId);
    const res = await ok<IssueResult>(
      issue(tp.id, { customerIds: [a.customerId, b.customerId] }),
      201,
    );
    expect(res).toMatchObject({ issued: 1, overLimit: [a.customerId] });
    const one = await issue(tp.id, { customerIds: [b.customerId] });
    expect(one.statusCode).toBe(409);
    expect(one.json().error).toMatchObject({
      code: 'COUPON_CUSTOMER_LIMIT',
      details: { perCustomerLimit: 1, held: 1 },
    });
  });

  it('holds the budget in the database: a batch larger than what is left issues nothing', async () => {
    const tp = await template({ ...FIFTY_OFF, name: '限量 3 张', budget: 3 });
    const cars = [await customer(), await customer(), await customer(), await customer()];
    await issueOne(tp.id, cars[0]!.customerId);
    const over = await issue(tp.id, { customerIds: cars.slice(1).map((c) => c.customerId) });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'COUPON_BUDGET_EXHAUSTED',
      details: { remaining: 2, requested: 3 },
    });
    const none = await ok<{ items: Coupon[] }>(
      call(advisor, 'GET', `/api/v1/staff/coupons?templateId=${tp.id}`),
    );
    expect(none.items).toHaveLength(1); // nothing of the failed batch was issued
    await ok(issue(tp.id, { customerIds: cars.slice(1, 3).map((c) => c.customerId) }), 201);
    const full = await issue(tp.id, { customerIds: [cars[3]!.customerId] });
    expect(full.json().error).toMatchObject({ code: 'COUPON_BUDGET_EXHAUSTED' });
    const after = await ok<Template>(call(owner, 'GET', `/api/v1/staff/coupon-templates/${tp.id}`));
    expect(after.issuedCount).toBe(3);
    // The database itself refuses to go over (not only the code path above).
    await expect(
      env.inTenant(t.id, (ctx) =>
        ctx.tx.execute(
          sql`update coupon_templates set issued_count = issued_count + 1 where id = ${tp.id}`,
        ),
      ),
    ).rejects.toThrow();
    const shrink = await call(owner, 'PATCH', `/api/v1/staff/coupon-templates/${tp.id}`, {
      budget: 2,
    });
    expect(shrink.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'budget' });
  });

  it('refuses to issue an archived template', async () => {
    const tp = await template({ ...FIFTY_OFF, name: '旧券' });
    await ok(
      call(owner, 'PATCH', `/api/v1/staff/coupon-templates/${tp.id}`, { status: 'archived' }),
    );
    const car = await customer();
    const r = await issue(tp.id, { customerIds: [car.customerId] });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('COUPON_TEMPLATE_ARCHIVED');
  });
});

describe('validating and redeeming on an order', () => {
  it('says precisely why a coupon cannot be used', async () => {
    const car = await customer();
    const o = await order(car, [
      { kind: 'labour', category: 'oil_change', description: '保养', unitPriceFen: 20000 },
    ]);
    const validate = async (templateBody: Record<string, unknown>) => {
      const tp = await template(templateBody);
      const c = await issueOne(tp.id, car.customerId);
      return ok<{
        valid: boolean;
        reason: string | null;
        message: string | null;
        discountFen: number;
      }>(call(advisor, 'POST', '/api/v1/staff/coupons/validate', { code: c.code, orderId: o.id }));
    };
    expect(await validate({ ...FIFTY_OFF })).toMatchObject({
      valid: false,
      reason: 'COUPON_MIN_SPEND_NOT_MET',
      message: 'The order is below the coupon’s minimum spend',
    });
    expect(await validate({ ...FIFTY_OFF, minSpendFen: 0 })).toMatchObject({
      valid: true,
      discountFen: 5000,
    });
    expect((await validate({ ...FIFTY_OFF, minSpendFen: 0, categories: ['brakes'] })).reason).toBe(
      'COUPON_OUT_OF_SCOPE',
    );
    const store2 = await env.inTenant(t.id, async (ctx) => {
      const { createStore } = await import('../tenancy/index.ts');
      return createStore(ctx, { code: 'S02', name: '二号店' });
    });
    expect((await validate({ ...FIFTY_OFF, minSpendFen: 0, storeIds: [store2.id] })).reason).toBe(
      'COUPON_OUT_OF_SCOPE',
    );
    const future = new Date(clock.now().getTime() + 2 * DAY).toISOString();
    const past = new Date(clock.now().getTime() - 2 * DAY).toISOString();
    expect(
      (await validate({ ...FIFTY_OFF, minSpendFen: 0, validDays: null, validFrom: future })).reason,
    ).toBe('COUPON_NOT_YET_VALID');
    expect(
      (
        await validate({
          ...FIFTY_OFF,
          minSpendFen: 0,
          validDays: null,
          validFrom: new Date(clock.now().getTime() - 9 * DAY).toISOString(),
          validUntil: past,
        })
      ).reason,
    ).toBe('COUPON_EXPIRED');
    expect(
      (await validate({ name: '套餐', kind: 'package', packageName: '洗车', packageUses: 5 }))
        .reason,
    ).toBe('COUPON_NOT_FOR_ORDERS');
    expect(
      await validate({ name: '85 折', kind: 'percent_off', percentOff: 15, maxDiscountFen: 2000 }),
    ).toMatchObject({ valid: true, discountFen: 2000 });
    // Another customer's order.
    const stranger = await customer();
    const tp = await template({ ...FIFTY_OFF, minSpendFen: 0 });
    const theirs = await issueOne(tp.id, stranger.customerId);
    const w = await ok<{ reason: string }>(
      call(advisor, 'POST', '/api/v1/staff/coupons/validate', { code: theirs.code, orderId: o.id }),
    );
    expect(w.reason).toBe('COUPON_WRONG_CUSTOMER');
    // Another tenant's code: not found, in both directions.
    const foreign = await call(otherOwner, 'POST', '/api/v1/staff/coupons/validate', {
      code: theirs.code,
      storeId: other.storeId,
      amountFen: 50000,
    });
    expect(foreign.statusCode).toBe(404);
    const q = await call(
      advisor,
      'GET',
      `/api/v1/staff/coupons/validate?code=${theirs.code.toLowerCase()}&storeId=${t.storeId}&amountFen=50000`,
    );
    expect(q.json()).toMatchObject({ valid: true, discountFen: 5000 });
  });

  it('applies the discount, pays the amount due, and shows the owner the coupon used', async () => {
    const car = await customer('13900009999');
    const tp = await template(FIFTY_OFF);
    const c = await issueOne(tp.id, car.customerId);
    const o = await order(car);
    const applied = await ok<Order>(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, {
        code: c.code.toLowerCase(),
      }),
    );
    expect(applied).toMatchObject({ totalFen: 40000, discountFen: 5000, amountDueFen: 35000 });
    expect(applied.discounts).toEqual([
      expect.objectContaining({
        referenceId: c.id,
        amountFen: 5000,
        label: `保养立减 50 元 · ${c.code}`,
      }),
    ]);
    // Not twice, and not a second coupon on the same order.
    const twice = await call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, {
      code: c.code,
    });
    expect(twice.json().error.code).toBe('COUPON_ALREADY_REDEEMED');
    const c2 = await issueOne(tp.id, car.customerId);
    const stack = await call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, {
      couponId: c2.id,
    });
    expect(stack.json().error.code).toBe('COUPON_ORDER_HAS_COUPON');

    await ok(call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/complete`));
    const full = await call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/pay`, {
      method: 'cash',
      paidFen: 40000,
    });
    expect(full.json().error.code).toBe('PAYMENT_AMOUNT_MISMATCH');
    const paid = await ok<Order>(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/pay`, {
        method: 'cash',
        paidFen: 35000,
      }),
    );
    expect(paid).toMatchObject({ status: 'paid', amountDueFen: 35000 });
    const ev = await queryRows<{ payload: Record<string, unknown> }>(
      env.database.adminDb,
      sql`select payload from outbox_events where tenant_id = ${t.id} and aggregate_id = ${o.id} and type = 'serviceOrder.paid'`,
    );
    expect(ev[0]!.payload).toMatchObject({ totalFen: 40000, discountFen: 5000, paidFen: 35000 });
    // Paid: the coupon stays on it.
    const off = await call(
      advisor,
      'DELETE',
      `/api/v1/staff/service-orders/${o.id}/coupons/${c.id}`,
    );
    expect(off.json().error.code).toBe('SERVICE_ORDER_STATUS_CONFLICT');

    const app = await signInCustomer(env, t, '13900009999');
    const used = await ok<{ items: Coupon[] }>(
      call(app, 'GET', '/api/v1/app/me/coupons?state=used'),
    );
    expect(used.items.map((x) => [x.code, x.discountFen, x.redeemedOrderId])).toEqual([
      [c.code, 5000, o.id],
    ]);
    const valid = await ok<{ items: Coupon[] }>(
      call(app, 'GET', '/api/v1/app/me/coupons?state=valid'),
    );
    expect(valid.items.map((x) => x.id)).toEqual([c2.id]);
    // The detail sheet: the QR code the counter scans is the code the counter checks, and the
    // terms come with it (minimum spend, services, stores; empty: all), read in the shop's zone.
    const detail = valid.items[0] as Coupon & {
      qrPayload: string;
      timeZone: string;
      minSpendFen: number;
      categories: string[];
      stores: string[];
    };
    expect(detail).toMatchObject({
      qrPayload: c2.code,
      timeZone: 'Asia/Shanghai',
      categories: [],
      stores: [],
    });
    expect(detail.minSpendFen).toBeGreaterThanOrEqual(0);
    const scanned = await ok<{ coupon: { id: string } }>(
      call(
        advisor,
        'GET',
        `/api/v1/staff/coupons/validate?code=${detail.qrPayload}&storeId=${t.storeId}`,
      ),
    );
    expect(scanned.coupon.id).toBe(c2.id);
    const mine = await ok<Order>(call(app, 'GET', `/api/v1/app/me/service-orders/${o.id}`));
    expect(mine).toMatchObject({ discountFen: 5000, amountDueFen: 35000 });
  });

  it('gives the coupon back when taken off before payment or when the order is cancelled', async () => {
    const car = await customer();
    const tp = await template(FIFTY_OFF);
    const c = await issueOne(tp.id, car.customerId);
    const o = await order(car);
    await ok(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, { code: c.code }),
    );
    const off = await ok<Order>(
      call(advisor, 'DELETE', `/api/v1/staff/service-orders/${o.id}/coupons/${c.id}`),
    );
    expect(off).toMatchObject({ discountFen: 0, amountDueFen: 40000, discounts: [] });
    expect((await ok<Coupon>(call(advisor, 'GET', `/api/v1/staff/coupons/${c.id}`))).status).toBe(
      'issued',
    );
    const again = await call(
      advisor,
      'DELETE',
      `/api/v1/staff/service-orders/${o.id}/coupons/${c.id}`,
    );
    expect(again.json().error.code).toBe('COUPON_NOT_REDEEMED');

    await ok(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, { code: c.code }),
    );
    await ok(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/cancel`, { reason: '客户取消' }),
    );
    expect((await ok<Coupon>(call(advisor, 'GET', `/api/v1/staff/coupons/${c.id}`))).status).toBe(
      'redeemed',
    );
    await publishOutbox(env.database.adminDb, log);
    await publishOutbox(env.database.adminDb, log); // at least once: a second delivery changes nothing
    // On a shared PostgreSQL another test file's publisher may have taken the event: wait for it.
    await expect
      .poll(
        async () => {
          await publishOutbox(env.database.adminDb, log);
          return (await ok<Coupon>(call(advisor, 'GET', `/api/v1/staff/coupons/${c.id}`))).status;
        },
        { timeout: 15_000 },
      )
      .toBe('issued');
    const back = await ok<Coupon>(call(advisor, 'GET', `/api/v1/staff/coupons/${c.id}`));
    expect(back).toMatchObject({ status: 'issued', redeemedOrderId: null });
  });

  it('voids or returns the coupon of a refunded order, as its template says', async () => {
    const car = await customer();
    const voiding = await template({ ...FIFTY_OFF, minSpendFen: 0 });
    const returning = await template({ ...FIFTY_OFF, minSpendFen: 0, refundRule: 'restore' });
    const results: Record<string, string> = {};
    for (const tp of [voiding, returning]) {
      const c = await issueOne(tp.id, car.customerId);
      const o = await order(car);
      await ok(
        call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, { code: c.code }),
      );
      await ok(call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/complete`));
      await ok(
        call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/pay`, {
          method: 'cash',
          paidFen: 35000,
        }),
      );
      await ok(
        call(owner, 'POST', `/api/v1/staff/service-orders/${o.id}/refund`, { reason: '退款' }),
      );
      await publishOutbox(env.database.adminDb, log);
      results[tp.id] = (
        await ok<Coupon>(call(advisor, 'GET', `/api/v1/staff/coupons/${c.id}`))
      ).status;
    }
    expect(results).toEqual({ [voiding.id]: 'voided', [returning.id]: 'issued' });
  });

  it('redeems a coupon at most once when several tills redeem it at the same moment', async () => {
    const car = await customer();
    const tp = await template({ ...FIFTY_OFF, minSpendFen: 0 });
    const c = await issueOne(tp.id, car.customerId);
    const orders = [];
    for (let i = 0; i < 8; i++) orders.push(await order(car));
    const results = await Promise.all(
      orders.map((o, i) =>
        env.app.inject({
          method: 'POST',
          url: `/api/v1/staff/service-orders/${o.id}/coupons`,
          headers: { ...advisor.headers, 'idempotency-key': `race-${i}` },
          payload: { code: c.code },
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('COUPON_ALREADY_REDEEMED');
    const rows = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from service_order_discounts where tenant_id = ${t.id} and reference_id = ${c.id}`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('applies a free item up to its value and a percentage to the categories in scope', async () => {
    const car = await customer();
    const wash = await template({
      name: '免费洗车',
      kind: 'free_item',
      freeItemName: '标准洗车',
      freeItemCategory: 'wash',
      maxDiscountFen: 3000,
    });
    const o = await order(car, [
      { kind: 'labour', category: 'wash', description: '精洗', unitPriceFen: 5000 },
      { kind: 'labour', category: 'brakes', description: '刹车片', unitPriceFen: 30000 },
    ]);
    const c = await issueOne(wash.id, car.customerId);
    const applied = await ok<Order>(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, { code: c.code }),
    );
    expect(applied).toMatchObject({ discountFen: 3000, amountDueFen: 32000 });
    const pct = await template({
      name: '刹车 9 折',
      kind: 'percent_off',
      percentOff: 10,
      categories: ['brakes'],
    });
    const o2 = await order(car, [
      { kind: 'labour', category: 'wash', description: '精洗', unitPriceFen: 5000 },
      { kind: 'labour', category: 'brakes', description: '刹车片', unitPriceFen: 30000 },
    ]);
    const c2 = await issueOne(pct.id, car.customerId);
    const a2 = await ok<Order>(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${o2.id}/coupons`, { code: c2.code }),
    );
    expect(a2).toMatchObject({ discountFen: 3000, amountDueFen: 32000 });
  });
});

describe('void, reissue, package, tier rule', () => {
  it('voids and reissues with a new code, written to the audit log', async () => {
    const car = await customer();
    const tp = await template({ ...FIFTY_OFF, budget: 1 });
    const c = await issueOne(tp.id, car.customerId);
    const adv = await call(advisor, 'POST', `/api/v1/staff/coupons/${c.id}/void`, { reason: 'x' });
    expect(adv.statusCode).toBe(403);
    const next = await ok<Coupon & { reissuedFromId: string }>(
      call(owner, 'POST', `/api/v1/staff/coupons/${c.id}/reissue`, { reason: '券码丢失' }),
      201,
    );
    expect(next).toMatchObject({ status: 'issued', reissuedFromId: c.id });
    expect(next.code).not.toBe(c.code);
    const old = await ok<Coupon & { voidReason: string }>(
      call(owner, 'GET', `/api/v1/staff/coupons/${c.id}`),
    );
    expect(old).toMatchObject({ status: 'voided', voidReason: '券码丢失' });
    const o = await order(car);
    const used = await call(advisor, 'POST', `/api/v1/staff/service-orders/${o.id}/coupons`, {
      code: c.code,
    });
    expect(used.json().error.code).toBe('COUPON_VOIDED');
    const v2 = await call(owner, 'POST', `/api/v1/staff/coupons/${c.id}/void`, { reason: 'x' });
    expect(v2.json().error.code).toBe('COUPON_VOIDED');
    const audit = await queryRows<{ action: string }>(
      env.database.adminDb,
      sql`select action from audit_log where tenant_id = ${t.id} and entity_type = 'coupon' and entity_id in (${c.id}, ${next.id}) order by at, action`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['coupon.reissued', 'coupon.voided']);
  });

  it('redeems a package coupon at the counter once', async () => {
    const car = await customer();
    const tp = await template({
      name: '洗车五次卡',
      kind: 'package',
      packageName: '洗车',
      packageUses: 5,
    });
    const c = await issueOne(tp.id, car.customerId);
    const r = await ok<Coupon & { redemptionNote: string }>(
      call(advisor, 'POST', `/api/v1/staff/coupons/${c.id}/redeem`),
    );
    expect(r.status).toBe('redeemed');
    expect(r.redemptionNote).toContain('洗车 ×5');
    const again = await call(advisor, 'POST', `/api/v1/staff/coupons/${c.id}/redeem`);
    expect(again.json().error.code).toBe('COUPON_ALREADY_REDEEMED');
    // The package is on the customer's card (计次卡), once, with its five uses.
    const packages = await ok<{
      items: { name: string; total: number; remaining: number; status: string }[];
    }>(call(advisor, 'GET', `/api/v1/staff/customers/${car.customerId}/packages`));
    expect(packages.items).toHaveLength(1);
    expect(packages.items[0]).toMatchObject({
      name: '洗车',
      total: 5,
      remaining: 5,
      status: 'active',
    });
    // A package made for coupons is not on sale.
    const products = await ok<{ items: { name: string; active: boolean; priceFen: number }[] }>(
      call(owner, 'GET', '/api/v1/staff/loyalty/package-products'),
    );
    expect(products.items.find((p) => p.name === '洗车')).toMatchObject({
      active: false,
      priceFen: 0,
    });
  });

  it('issues the upgrade coupon once per tierChanged event', async () => {
    const car = await customer();
    const tp = await template({ ...FIFTY_OFF, name: '升金卡礼', issueOnTier: 'gold' });
    // The loyalty settings may name templates too (couponTemplateIds in the event).
    const named = await template({ ...FIFTY_OFF, name: '金卡洗车礼' });
    await env.inTenant(t.id, async (ctx) => {
      await emitEvent(ctx, {
        type: 'loyalty.tierChanged',
        aggregateId: car.customerId,
        payload: {
          customerId: car.customerId,
          from: 'silver',
          to: 'gold',
          direction: 'up',
          couponTemplateIds: [named.id],
        },
      });
      await emitEvent(ctx, {
        type: 'loyalty.tierChanged',
        aggregateId: car.customerId,
        payload: { customerId: car.customerId, from: 'gold', to: 'gold', direction: 'down' },
      });
    });
    await publishOutbox(env.database.adminDb, log);
    await env.database.adminDb.execute(
      sql`update outbox_events set published_at = null, locked_until = null where tenant_id = ${t.id} and type = 'loyalty.tierChanged'`,
    );
    await publishOutbox(env.database.adminDb, log); // redelivered
    const list = await ok<{ items: Coupon[] }>(
      call(
        advisor,
        'GET',
        `/api/v1/staff/coupons?customerId=${car.customerId}&templateId=${tp.id}`,
      ),
    );
    expect(list.items).toHaveLength(1);
    const viaSettings = await ok<{ items: Coupon[] }>(
      call(
        advisor,
        'GET',
        `/api/v1/staff/coupons?customerId=${car.customerId}&templateId=${named.id}`,
      ),
    );
    expect(viaSettings.items).toHaveLength(1);
  });
});

describe('member card', () => {
  it('shows a rotating token that staff resolve to the customer; expired and foreign ones are refused', async () => {
    const car = await customer('13900008888');
    const tp = await template(FIFTY_OFF);
    await issueOne(tp.id, car.customerId);
    const app = await signInCustomer(env, t, '13900008888');
    const card = await ok<{
      token: string;
      qrPayload: string;
      memberNo: string;
      validCouponCount: number;
      expiresAt: string;
    }>(call(app, 'GET', '/api/v1/app/me/member-card'));
    expect(card.qrPayload).toBe(`LKMC:${card.token}`);
    expect(card.token).not.toContain(car.customerId);
    expect(card.memberNo).toMatch(/^LK\d{8}$/);
    expect(card.validCouponCount).toBe(1);
    const same = await ok<{ token: string }>(call(app, 'GET', '/api/v1/app/me/member-card'));
    expect(same.token).toBe(card.token);

    const found = await ok<{ customerId: string; validCouponCount: number }>(
      call(advisor, 'GET', `/api/v1/staff/member-cards/${encodeURIComponent(card.qrPayload)}`),
    );
    expect(found).toMatchObject({ customerId: car.customerId, validCouponCount: 1 });
    const foreign = await call(otherOwner, 'GET', `/api/v1/staff/member-cards/${card.token}`);
    expect(foreign.statusCode).toBe(404);
    const junk = await call(advisor, 'GET', `/api/v1/staff/member-cards/nonsense-token-123`);
    expect(junk.statusCode).toBe(404);

    clock.advance(4 * 60 * 1000); // less than 90 s left: the card rotates
    const rotated = await ok<{ token: string }>(call(app, 'GET', '/api/v1/app/me/member-card'));
    expect(rotated.token).not.toBe(card.token);
    clock.advance(2 * 60 * 1000);
    const expired = await call(advisor, 'GET', `/api/v1/staff/member-cards/${card.token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('MEMBER_CARD_TOKEN_EXPIRED');
    await ok(call(advisor, 'GET', `/api/v1/staff/member-cards/${rotated.token}`));
  });
});

describe('purging member-card tokens', () => {
  it('removes, in every tenant, only the tokens expired more than a day ago', async () => {
    const mine = await customer();
    const theirs = await ok<{ id: string }>(
      call(otherOwner, 'POST', '/api/v1/staff/customers', {
        name: '他店车主',
        phone: '13900007777',
      }),
      201,
    );
    const now = clock.now().getTime();
    const HOUR = 60 * 60 * 1000;
    const tokens = [
      { tenantId: t.id, customerId: mine.customerId, token: 'purge-25h-ago', expired: 25 * HOUR },
      { tenantId: t.id, customerId: mine.customerId, token: 'keep-23h-ago', expired: 23 * HOUR },
      { tenantId: t.id, customerId: mine.customerId, token: 'keep-still-live', expired: -HOUR },
      { tenantId: other.id, customerId: theirs.id, token: 'purge-other-2d', expired: 48 * HOUR },
    ];
    for (const k of tokens) {
      const expiresAt = new Date(now - k.expired);
      await env.database.adminDb.execute(
        sql`insert into member_card_tokens (tenant_id, token, customer_id, issued_at, expires_at)
            values (${k.tenantId}, ${k.token}, ${k.customerId},
                    ${new Date(expiresAt.getTime() - 5 * 60 * 1000).toISOString()}::timestamptz,
                    ${expiresAt.toISOString()}::timestamptz)`,
      );
    }
    const job = COUPON_JOBS.find((j) => j.name === 'coupons.purge-card-tokens')!;
    expect(job.cron).toBe('17 * * * *');
    await job.handler({}, { database: env.database, clock, log });

    const left = await queryRows<{ token: string }>(
      env.database.adminDb,
      sql`select token from member_card_tokens where token = any(${pgArray(tokens.map((k) => k.token))}::text[]) order by token`,
    );
    expect(left.map((r) => r.token)).toEqual(['keep-23h-ago', 'keep-still-live']);
  });
});
