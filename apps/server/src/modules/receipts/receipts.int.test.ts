// The printed receipt and the owner's e-receipt of an order paid in parts (each part, the points
// it earned, the car's next due item), who may read which, and the owner's invoice request:
// the rules per type and kind, only after payment, editable until the desk marks it issued,
// and kept inside its tenant.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { completedOrder } from '../loyalty/testing/helpers.ts';
import { anonymiseInvoiceRequests } from './privacy.ts';

// 10:00 in Shanghai on 2026-05-01.
const clock = fixedClock(new Date('2026-05-01T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let advisor: Session;
let technician: Session;
let phoneSeq = 0;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
  technician = await signInStaff(env.app, tenant.slug, tenant.staff.technician.login);
});
afterAll(() => env.close());

/** A member (with a phone to sign in with) whose car's insurance runs out on 2026-05-20. */
async function member(staff: Session = owner) {
  const phone = `1372000${String(++phoneSeq).padStart(4, '0')}`;
  const c = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: staff.headers,
    payload: { name: '林小姐', phone },
  });
  expect(c.statusCode, c.body).toBe(201);
  const v = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${c.json().id}/vehicles`,
    headers: staff.headers,
    payload: {
      plate: `粤A${String(20000 + phoneSeq).slice(-5)}`,
      make: '丰田',
      model: '卡罗拉',
      insuranceExpiry: '2026-05-20',
    },
  });
  expect(v.statusCode, v.body).toBe(201);
  return { customerId: c.json().id as string, vehicleId: v.json().id as string, phone };
}

async function paidOrder(m: { customerId: string; vehicleId: string }, parts?: object[]) {
  const orderId = await completedOrder(env, tenant, owner, m, [
    { category: 'oil_change', unitPriceFen: 40000, kind: 'part' },
    { category: 'oil_change', unitPriceFen: 20000 },
  ]);
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/service-orders/${orderId}/pay`,
    headers: advisor.headers,
    payload: parts ? { parts } : { method: 'cash', paidFen: 60000 },
  });
  expect(res.statusCode, res.body).toBe(200);
  return orderId;
}

const staffReceipt = (orderId: string, who: Session = advisor) =>
  env.app.inject({ url: `/api/v1/staff/service-orders/${orderId}/receipt`, headers: who.headers });
const myReceipt = (orderId: string, who: Session) =>
  env.app.inject({ url: `/api/v1/app/me/service-orders/${orderId}/receipt`, headers: who.headers });
const putInvoice = (orderId: string, who: Session, payload: object) =>
  env.app.inject({
    method: 'PUT',
    url: `/api/v1/app/me/service-orders/${orderId}/invoice-request`,
    headers: who.headers,
    payload,
  });
const markIssued = (orderId: string, who: Session = advisor, payload: object = {}) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/service-orders/${orderId}/invoice-request/issued`,
    headers: who.headers,
    payload,
  });

describe('the receipt', () => {
  it('prints every payment part, the points earned, the balances and the next due item', async () => {
    const m = await member();
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${m.customerId}/loyalty/adjustments`,
      headers: owner.headers,
      payload: { account: 'points', amount: 10000, reason: '老会员积分迁入' },
    });
    const orderId = await paidOrder(m, [
      { method: 'points', points: 5000 },
      { method: 'wechat_pay', amountFen: 30000 },
      { method: 'cash', amountFen: 25000 },
    ]);
    const res = await staffReceipt(orderId);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.shop.storeName).toBeTruthy();
    expect(r.shop.tenantName).toBeTruthy();
    expect(r.plate).toMatch(/^粤A/);
    expect(r.vehicleName).toBe('丰田 卡罗拉');
    expect(r.customer).toEqual({
      name: '林小姐',
      phone: expect.stringContaining(m.phone.slice(-4)),
    });
    expect(r.lines).toHaveLength(2);
    expect(r.totals).toMatchObject({ totalFen: 60000, amountDueFen: 60000, paidFen: 60000 });
    expect(r.payments).toEqual([
      { method: 'points', amountFen: 5000, points: 5000 },
      { method: 'wechat_pay', amountFen: 30000, points: null },
      { method: 'cash', amountFen: 25000, points: null },
    ]);
    // Points are earned on the ¥550 paid in money, pending through the return window.
    expect(r.pointsEarned).toMatchObject({ points: 550, status: 'pending' });
    expect(r.balances).toEqual({ pointsAvailable: 5000, pointsPending: 550, storedValueFen: 0 });
    // Paid at 10:00 Shanghai time.
    expect(r.dates.paid.local).toBe('2026-05-01 10:00');
    expect(r.nextDue).toMatchObject({ key: 'insurance', dueDate: '2026-05-20' });
    expect(r.invoiceRequest).toBeNull();
  });

  it('gives an order paid in money alone no points part and a plain next due', async () => {
    const m = await member();
    const orderId = await paidOrder(m);
    const r = (await staffReceipt(orderId)).json();
    expect(r.payments).toEqual([{ method: 'cash', amountFen: 60000, points: null }]);
    expect(r.pointsEarned).toMatchObject({ points: 600 });
  });

  it('names the next item still ahead, not one long past due', async () => {
    const m = await member();
    const patch = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/vehicles/${m.vehicleId}`,
      headers: owner.headers,
      payload: { insuranceExpiry: '2026-03-01', nextInspectionDate: '2026-06-10' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const orderId = await paidOrder(m);
    const r = (await staffReceipt(orderId)).json();
    expect(r.nextDue).not.toBeNull();
    expect(r.nextDue.key).not.toBe('insurance');
    expect(r.nextDue.dueDate >= '2026-05-01').toBe(true);
  });

  it('masks the customer’s phone for a technician as everywhere else', async () => {
    const m = await member();
    const orderId = await paidOrder(m);
    const r = (await staffReceipt(orderId, technician)).json();
    expect(r.customer.phone).not.toBe(`+86${m.phone}`);
    expect(r.customer.phone).toContain('****');
  });

  it('shows the owner their e-receipt without staff fields, and nobody else’s', async () => {
    const m = await member();
    const orderId = await paidOrder(m);
    const me = await signInCustomer(env, tenant, m.phone);
    const res = await myReceipt(orderId, me);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.number).toBeTruthy();
    expect(r.payments).toHaveLength(1);
    expect(r.pointsEarned).toMatchObject({ points: 600 });
    expect(r.nextDue).toMatchObject({ key: 'insurance' });
    expect(r).not.toHaveProperty('customer');
    expect(r).not.toHaveProperty('notes');

    const other = await member();
    const them = await signInCustomer(env, tenant, other.phone);
    expect((await myReceipt(orderId, them)).statusCode).toBe(404);
  });

  it('is 404 for an order of another tenant', async () => {
    const m = await member();
    const orderId = await paidOrder(m);
    const t2 = await env.createTenant();
    const owner2 = await signInStaff(env.app, t2.slug, t2.staff.owner.login);
    expect((await staffReceipt(orderId, owner2)).statusCode).toBe(404);
  });
});

describe('the invoice request', () => {
  it('checks the details per type and kind, on the field', async () => {
    const m = await member();
    const orderId = await paidOrder(m);
    const me = await signInCustomer(env, tenant, m.phone);
    const cases: [object, number, string, string][] = [
      [{ type: 'company', title: '留客科技' }, 422, 'INVOICE_TAX_NUMBER_REQUIRED', 'taxNumber'],
      [
        { type: 'company', title: '留客科技', taxNumber: '91440101MA5C' },
        422,
        'INVOICE_TAX_NUMBER_INVALID',
        'taxNumber',
      ],
      [
        { type: 'company', title: '留客科技', taxNumber: '91440101MA5CXXX-1X' },
        422,
        'INVOICE_TAX_NUMBER_INVALID',
        'taxNumber',
      ],
      [
        { type: 'personal', kind: 'special', title: '林小姐' },
        422,
        'INVOICE_SPECIAL_COMPANY_ONLY',
        'kind',
      ],
      [
        {
          type: 'company',
          kind: 'special',
          title: '留客科技',
          taxNumber: '91440101MA5CXXXX1X',
          address: '广州市天河区',
          phone: '020-88886666',
        },
        422,
        'INVOICE_SPECIAL_DETAILS_REQUIRED',
        'bankName',
      ],
      [{ type: 'personal', title: '' }, 400, 'VALIDATION_FAILED', 'title'],
      [{ type: 'personal', title: '林', email: 'not-mail' }, 400, 'VALIDATION_FAILED', 'email'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await putInvoice(orderId, me, payload);
      expect(res.statusCode, `${JSON.stringify(payload)} ${res.body}`).toBe(status);
      expect(res.json().error).toMatchObject({ code, field });
    }
    const en = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/app/me/service-orders/${orderId}/invoice-request`,
      headers: { ...me.headers, 'accept-language': 'en' },
      payload: { type: 'company', title: '留客科技' },
    });
    expect(en.json().error.message).toBe('A company invoice needs the tax number');

    // A personal invoice needs only the name; a lower-case tax number is upper-cased.
    expect((await putInvoice(orderId, me, { type: 'personal', title: '林小姐' })).statusCode).toBe(
      200,
    );
    const company = await putInvoice(orderId, me, {
      type: 'company',
      kind: 'special',
      title: '广州留客汽车服务有限公司',
      taxNumber: '91440101ma5cxxxx1x',
      email: 'finance@example.com',
      address: '广州市天河区体育西路 1 号',
      phone: '020-88886666',
      bankName: '招商银行广州分行',
      bankAccount: '6225880000000000',
    });
    expect(company.statusCode, company.body).toBe(200);
    expect(company.json()).toMatchObject({
      type: 'company',
      kind: 'special',
      taxNumber: '91440101MA5CXXXX1X',
      status: 'requested',
    });
  });

  it('is refused before payment', async () => {
    const m = await member();
    const orderId = await completedOrder(env, tenant, owner, m, [
      { category: 'oil_change', unitPriceFen: 20000 },
    ]);
    const me = await signInCustomer(env, tenant, m.phone);
    const res = await putInvoice(orderId, me, { type: 'personal', title: '林小姐' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVOICE_ORDER_NOT_PAID');
  });

  it('is editable until the desk marks it issued, which the owner then sees', async () => {
    const m = await member();
    const orderId = await paidOrder(m);
    const me = await signInCustomer(env, tenant, m.phone);
    expect((await markIssued(orderId)).json().error.code).toBe('INVOICE_REQUEST_MISSING');
    expect((await putInvoice(orderId, me, { type: 'personal', title: '林' })).statusCode).toBe(200);
    const edited = await putInvoice(orderId, me, {
      type: 'company',
      title: '留客科技',
      taxNumber: '914401010000000001',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // The staff receipt carries the request for the order page.
    expect((await staffReceipt(orderId)).json().invoiceRequest).toMatchObject({
      title: '留客科技',
      status: 'requested',
    });
    expect((await markIssued(orderId, technician)).statusCode).toBe(403);
    const issued = await markIssued(orderId, advisor, { invoiceNumber: '24442000000012345678' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({
      status: 'issued',
      invoiceNumber: '24442000000012345678',
    });
    expect((await myReceipt(orderId, me)).json().invoiceRequest).toMatchObject({
      status: 'issued',
      title: '留客科技',
    });
    const late = await putInvoice(orderId, me, { type: 'personal', title: '林' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('INVOICE_ALREADY_ISSUED');
    expect((await markIssued(orderId)).json().error.code).toBe('INVOICE_ALREADY_ISSUED');
    const audit = await queryRows<{ action: string }>(
      env.database.adminDb,
      sql`select action from audit_log where entity_id = ${orderId}::uuid and action like 'invoice_request.%' order by at, action`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'invoice_request.created',
      'invoice_request.issued',
      'invoice_request.updated',
    ]);
  });

  it('stays inside its tenant and its owner', async () => {
    const m = await member();
    const orderId = await paidOrder(m);
    const me = await signInCustomer(env, tenant, m.phone);
    expect((await putInvoice(orderId, me, { type: 'personal', title: '林' })).statusCode).toBe(200);
    const other = await member();
    const them = await signInCustomer(env, tenant, other.phone);
    expect((await putInvoice(orderId, them, { type: 'personal', title: 'X' })).statusCode).toBe(
      404,
    );
    const t2 = await env.createTenant();
    const owner2 = await signInStaff(env.app, t2.slug, t2.staff.owner.login);
    expect((await markIssued(orderId, owner2)).statusCode).toBe(404);
    expect((await staffReceipt(orderId)).json().invoiceRequest.status).toBe('requested');
  });

  it('goes when its owner is erased, unless issued (then only the e-mail goes)', async () => {
    const m = await member();
    const me = await signInCustomer(env, tenant, m.phone);
    const [kept, dropped] = [await paidOrder(m), await paidOrder(m)];
    for (const orderId of [kept, dropped])
      expect(
        (await putInvoice(orderId, me, { type: 'personal', title: '林', email: 'lin@example.com' }))
          .statusCode,
      ).toBe(200);
    expect((await markIssued(kept)).statusCode).toBe(200);
    await env.inTenant(tenant.id, (ctx) => anonymiseInvoiceRequests(ctx, m.customerId));
    expect((await staffReceipt(dropped)).json().invoiceRequest).toBeNull();
    expect((await staffReceipt(kept)).json().invoiceRequest).toMatchObject({
      status: 'issued',
      title: '林',
      email: null,
    });
  });
});
