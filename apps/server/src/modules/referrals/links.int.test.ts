// Which customers are the same people: household address and payer, a car both had; unrelated
// customers are not linked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { createMember } from '../loyalty/testing/helpers.ts';
import { setHousehold } from './household.ts';
import { linkedCustomers } from './links.ts';

let env: TestEnv;
let tenant: TestTenant;
let owner: Session;

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
});
afterAll(() => env.close());

describe('linked customers', () => {
  it('links one household and a car both had; leaves strangers apart', async () => {
    const a = await createMember(env, owner);
    const b = await createMember(env, owner);
    const c = await createMember(env, owner);
    const d = await createMember(env, owner);
    await env.inTenant(tenant.id, async (ctx) => {
      await setHousehold(ctx, a.customerId, {
        address: '杭州市西湖区文三路 1 号',
        payerRef: '6222 1234',
      });
      await setHousehold(ctx, b.customerId, { address: '杭州西湖区文三路1号', payerRef: null });
      await setHousehold(ctx, c.customerId, { address: null, payerRef: '62221234' });
    });
    // d's car is sold to a: both had it.
    const sold = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/vehicles/${d.vehicleId}/transfer`,
      headers: owner.headers,
      payload: { toCustomerId: a.customerId },
    });
    const links = await env.inTenant(tenant.id, (ctx) =>
      linkedCustomers(ctx, a.customerId, [b.customerId, c.customerId, d.customerId]),
    );
    expect(links).toEqual(
      expect.arrayContaining([
        { code: 'HOUSEHOLD_ADDRESS', customerId: b.customerId },
        { code: 'HOUSEHOLD_PAYER', customerId: c.customerId },
      ]),
    );
    expect(sold.statusCode, sold.body).toBe(200);
    expect(links).toContainEqual({ code: 'CAR', customerId: d.customerId });
    const strangers = await env.inTenant(tenant.id, (ctx) =>
      linkedCustomers(ctx, b.customerId, [d.customerId]),
    );
    expect(strangers).toEqual([]);
  });
});
