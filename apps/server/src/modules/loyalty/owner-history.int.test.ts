// The owner's history in the app: one line per movement with the net amount and the total after
// it; points becoming available (pending → available) is not a line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { runLoyaltyJobs } from './loyalty.jobs.ts';
import { grantReward } from './loyalty.service.ts';
import { createMember } from './testing/helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const clock = fixedClock(new Date('2026-03-01T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
});
afterAll(() => env.close());

const adjust = (customerId: string, account: string, amount: number) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${customerId}/loyalty/adjustments`,
    headers: owner.headers,
    payload: { account, amount, reason: '门店调整' },
  });

describe('my history (app)', () => {
  it('shows points as earned, spent and their total, not the move from pending to available', async () => {
    const phone = '13900000201';
    const m = await createMember(env, owner, { phone });
    await env.inTenant(tenant.id, (ctx) =>
      grantReward(ctx, {
        customerId: m.customerId,
        kind: 'points',
        amount: 200,
        reason: '推荐好友',
        reference: { type: 'referral', id: 'r-1' },
        idempotencyKey: 'hist-r-1',
        pendingUntil: new Date(clock.now().getTime() + DAY),
      }),
    );
    clock.advance(DAY + 1000);
    const settled = await runLoyaltyJobs({
      database: env.database,
      clock,
      log: env.app.log as never,
    });
    expect(settled.settled).toBeGreaterThanOrEqual(1);
    owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
    expect((await adjust(m.customerId, 'points', -30)).statusCode).toBe(201);

    const me = await signInCustomer(env, tenant, phone);
    const res = await env.app.inject({
      url: '/api/v1/app/me/ledger?view=points',
      headers: me.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.json().items as { kind: string; amount: number; balanceAfter: number }[];
    expect(lines.map((l) => [l.kind, l.amount, l.balanceAfter])).toEqual([
      ['adjust', -30, 170],
      ['reward', 200, 200],
    ]);
    // The staff's ledger still has every entry, the settle included.
    const staff = await env.app.inject({
      url: `/api/v1/staff/customers/${m.customerId}/ledger?view=points`,
      headers: owner.headers,
    });
    expect(staff.json().items.map((l: { kind: string }) => l.kind)).toContain('settle');
  });

  it('shows stored value as one total of principal and bonus, paged', async () => {
    const phone = '13900000202';
    const m = await createMember(env, owner, { phone });
    await env.inTenant(tenant.id, (ctx) =>
      grantReward(ctx, {
        customerId: m.customerId,
        kind: 'stored_value',
        amount: 1000,
        reason: '推荐好友',
        reference: { type: 'referral', id: 'r-2' },
        idempotencyKey: 'hist-r-2',
      }),
    );
    expect((await adjust(m.customerId, 'stored_value_principal', 5000)).statusCode).toBe(201);
    expect((await adjust(m.customerId, 'stored_value_bonus', -400)).statusCode).toBe(201);
    const me = await signInCustomer(env, tenant, phone);
    const first = await env.app.inject({
      url: '/api/v1/app/me/ledger?view=stored_value&limit=2',
      headers: me.headers,
    });
    expect(first.statusCode, first.body).toBe(200);
    const rest = await env.app.inject({
      url: `/api/v1/app/me/ledger?view=stored_value&limit=2&cursor=${first.json().nextCursor}`,
      headers: me.headers,
    });
    const lines = [...first.json().items, ...rest.json().items] as {
      kind: string;
      amount: number;
      balanceAfter: number;
    }[];
    expect(lines.map((l) => [l.kind, l.amount, l.balanceAfter])).toEqual([
      ['adjust', -400, 5600],
      ['adjust', 5000, 6000],
      ['stored_value_reward', 1000, 1000],
    ]);
    expect(rest.json().nextCursor).toBeNull();
  });

  it('refuses an unknown view with the field', async () => {
    const phone = '13900000203';
    await createMember(env, owner, { phone });
    const me = await signInCustomer(env, tenant, phone);
    const res = await env.app.inject({
      url: '/api/v1/app/me/ledger?view=all',
      headers: me.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('view');
  });
});
