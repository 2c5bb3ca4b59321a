// Group deals against a real database: staff create and publish, owners join (price held in
// escrow) and leave (released at once), every refusal with its code, the leader passing on, a
// household counted once, settlement at the deadline granting each joiner exactly once or
// releasing every hold, a reward that cannot be granted giving the money back, and cancelling.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import { issueCoupon } from '../coupons/index.ts';
import { mergeCustomers } from '../customers/index.ts';
import { setHousehold } from '../referrals/index.ts';
import { getDeal } from './deal-read.ts';
import { settleDueDealsEverywhere } from './deals.jobs.ts';
import { joinDeal, leaveDeal } from './joining.ts';
import {
  checkEscrow,
  couponTemplate,
  memberWithWallet,
  openDeal,
  packageProduct,
  walletFen,
} from './testing/helpers.ts';

const HOUR = 60 * 60 * 1000;
const clock = fixedClock(new Date('2026-12-01T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let product: string;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  product = await packageProduct(env, owner);
});
afterAll(() => env.close());
// The clock jumps past deadlines: a fresh staff session for every test.
beforeEach(async () => {
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
});
const err = (res: { json(): { error: { code: string; field?: string; details?: unknown } } }) =>
  res.json().error;

const inDays = (d: number) => new Date(clock.now().getTime() + d * 24 * HOUR).toISOString();
const dealBody = (over: Record<string, unknown> = {}) => ({
  title: '小保养拼团',
  description: '<b>三次</b>小保养<script>alert(1)</script>',
  rewardKind: 'package',
  packageProductId: product,
  priceFen: 69_900,
  originalPriceFen: 99_000,
  minJoiners: 2,
  deadlineAt: inDays(2),
  ...over,
});
const join = (dealId: string, customerId: string) =>
  env.inTenant(tenant.id, (ctx) => joinDeal(ctx, { dealId, customerId }));
const leave = (dealId: string, customerId: string) =>
  env.inTenant(tenant.id, (ctx) => leaveDeal(ctx, { dealId, customerId }));
const deal = (dealId: string) => env.inTenant(tenant.id, (ctx) => getDeal(ctx, dealId));
const settle = () =>
  settleDueDealsEverywhere(
    { database: env.database, clock, log: env.app.log as never },
    { tenantId: tenant.id },
  );

describe('staff create and publish', () => {
  it('creates a draft with the description as plain text, publishes it once', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/deals',
      headers: owner.headers,
      payload: dealBody(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      joiners: 0,
      rewardName: '小保养 3 次套餐',
    });
    expect(res.json().description).not.toContain('<');
    const id = res.json().id as string;
    const pub = (n: number) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/deals/${id}/publish`,
        headers: { ...owner.headers, 'idempotency-key': `pub-${n}` },
      });
    expect((await pub(1)).json().status).toBe('open');
    const again = await pub(2);
    expect([again.statusCode, err(again).code]).toEqual([409, 'DEAL_STATUS_INVALID']);
  });

  it('refuses a reward that does not exist, prices upside down, a deadline past', async () => {
    const post = (over: Record<string, unknown>) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/staff/deals',
        headers: owner.headers,
        payload: dealBody(over),
      });
    const noProduct = await post({ packageProductId: '01900000-0000-7000-8000-000000000009' });
    expect([noProduct.statusCode, err(noProduct).code]).toEqual([422, 'DEAL_REWARD_INVALID']);
    const noTemplate = await post({ rewardKind: 'coupon', packageProductId: null });
    expect(err(noTemplate).code).toBe('DEAL_REWARD_INVALID');
    const upside = await post({ originalPriceFen: 100 });
    expect([upside.statusCode, err(upside).field]).toEqual([400, 'originalPriceFen']);
    const past = await post({ deadlineAt: inDays(-1) });
    expect([past.statusCode, err(past).field]).toEqual([400, 'deadlineAt']);
    const seats = await post({ minJoiners: 5, maxJoiners: 3 });
    expect(err(seats).field).toBe('maxJoiners');
    const store = await post({ storeIds: ['01900000-0000-7000-8000-000000000009'] });
    expect(err(store).code).toBe('DEAL_STORE_UNKNOWN');
  });
});

describe('joining and leaving in the app', () => {
  it('holds the price, refuses a second join, a short wallet and a full deal; leaving gives it back', async () => {
    const dealId = await openDeal(env, owner, dealBody({ minJoiners: 2, maxJoiners: 2 }));
    const a = await memberWithWallet(env, tenant, owner, 100_000, '13900001001');
    const b = await memberWithWallet(env, tenant, owner, 70_000, '13900001002');
    const poor = await memberWithWallet(env, tenant, owner, 50_000, '13900001003');
    const c = await memberWithWallet(env, tenant, owner, 70_000, '13900001004');
    const appA = await signInCustomer(env, tenant, '13900001001');
    const joinAs = (s: Session, key: string) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/app/deals/${dealId}/join`,
        headers: { ...s.headers, 'idempotency-key': key },
        payload: {},
      });
    const first = await joinAs(appA, 'j-a-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      joiners: 1,
      mine: { status: 'holding', holdFen: 69_900, leader: true },
    });
    expect(await walletFen(env.database.adminDb, a)).toBe(100_000 - 69_900);
    const twice = await joinAs(appA, 'j-a-2');
    expect([twice.statusCode, err(twice).code]).toEqual([409, 'DEAL_ALREADY_JOINED']);

    const appPoor = await signInCustomer(env, tenant, '13900001003');
    const short = await joinAs(appPoor, 'j-p');
    expect([short.statusCode, err(short).code]).toEqual([422, 'STORED_VALUE_INSUFFICIENT']);
    expect(err(short).details).toMatchObject({ balanceFen: 50_000, shortFen: 19_900 });
    expect(await walletFen(env.database.adminDb, poor)).toBe(50_000);

    await join(dealId, b);
    await expect(join(dealId, c)).rejects.toMatchObject({ code: 'DEAL_FULL' });

    const left = await env.app.inject({
      method: 'POST',
      url: `/api/v1/app/deals/${dealId}/leave`,
      headers: { ...appA.headers, 'idempotency-key': 'l-a' },
    });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json()).toMatchObject({ joiners: 1, mine: { status: 'left' } });
    expect(await walletFen(env.database.adminDb, a)).toBe(100_000);
    await expect(leave(dealId, a)).rejects.toMatchObject({ code: 'DEAL_NOT_JOINED' });
    // The seat freed by leaving can be taken.
    await join(dealId, c);

    const holds = await env.app.inject({ url: '/api/v1/app/deals/holds', headers: appA.headers });
    expect(holds.json().items).toEqual([
      expect.objectContaining({ dealId, status: 'left', holdFen: 69_900 }),
    ]);
    const share = await env.app.inject({
      url: `/api/v1/app/deals/${dealId}/share`,
      headers: appA.headers,
    });
    expect(share.statusCode, share.body).toBe(200);
    expect(share.json().link).toContain(`/app/r/${share.json().code}?t=${tenant.slug}`);
    expect(share.json().link).toContain(`&deal=${dealId}`);
    await checkEscrow(env.database.adminDb, tenant.id);
  });

  it('refuses joining a draft and joining or leaving after the deadline', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/deals',
      headers: owner.headers,
      payload: dealBody(),
    });
    const m = await memberWithWallet(env, tenant, owner, 100_000);
    await expect(join(res.json().id, m)).rejects.toMatchObject({ code: 'DEAL_CLOSED' });
    const dealId = await openDeal(env, owner, dealBody({ deadlineAt: inDays(1) }));
    await join(dealId, m);
    const n = await memberWithWallet(env, tenant, owner, 100_000);
    clock.advance(24 * HOUR);
    try {
      await expect(join(dealId, n)).rejects.toMatchObject({ code: 'DEAL_CLOSED' });
      await expect(leave(dealId, m)).rejects.toMatchObject({ code: 'DEAL_CLOSED' });
    } finally {
      await settle();
    }
    expect((await deal(dealId)).status).toBe('failed');
    expect(await walletFen(env.database.adminDb, m)).toBe(100_000);
  });

  it('the first joiner leads; when they leave the next by join time leads', async () => {
    const dealId = await openDeal(env, owner, dealBody({ minJoiners: 3 }));
    const [a, b, c] = [
      await memberWithWallet(env, tenant, owner, 70_000),
      await memberWithWallet(env, tenant, owner, 70_000),
      await memberWithWallet(env, tenant, owner, 70_000),
    ];
    for (const m of [a, b, c]) {
      await join(dealId, m!);
      clock.advance(60_000);
    }
    const leaderOf = async () =>
      (await deal(dealId)).participations.find((p) => p.leader)?.customerId;
    expect(await leaderOf()).toBe(a);
    await leave(dealId, a!);
    expect(await leaderOf()).toBe(b);
    await leave(dealId, b!);
    expect(await leaderOf()).toBe(c);
  });
});

describe('households count once', () => {
  it('two joiners of one household count as one: the deal fails and every hold goes back', async () => {
    const dealId = await openDeal(env, owner, dealBody({ minJoiners: 2, deadlineAt: inDays(1) }));
    const a = await memberWithWallet(env, tenant, owner, 70_000);
    const b = await memberWithWallet(env, tenant, owner, 70_000);
    await env.inTenant(tenant.id, async (ctx) => {
      await setHousehold(ctx, a, { address: '北京市朝阳区望京西园三区 3 号楼', payerRef: null });
      await setHousehold(ctx, b, { address: '北京朝阳区望京西园3区3号楼', payerRef: null });
    });
    await join(dealId, a);
    await join(dealId, b);
    const seen = await deal(dealId);
    expect(seen).toMatchObject({ joiners: 2, counted: 1 });
    expect(seen.participations.find((p) => p.customerId === b)?.flags).toEqual([
      { code: 'HOUSEHOLD_ADDRESS', customerId: a },
    ]);
    clock.advance(24 * HOUR);
    await settle();
    const after = await deal(dealId);
    expect(after.status).toBe('failed');
    expect(after.participations.map((p) => p.status)).toEqual(['released', 'released']);
    expect([
      await walletFen(env.database.adminDb, a),
      await walletFen(env.database.adminDb, b),
    ]).toEqual([70_000, 70_000]);
    await checkEscrow(env.database.adminDb, tenant.id);
  });
});

describe('settlement', () => {
  it('at the deadline captures every hold and grants each joiner one package, once', async () => {
    const dealId = await openDeal(env, owner, dealBody({ minJoiners: 3, deadlineAt: inDays(1) }));
    const joiners = [
      await memberWithWallet(env, tenant, owner, 70_000),
      await memberWithWallet(env, tenant, owner, 80_000),
      await memberWithWallet(env, tenant, owner, 90_000),
    ];
    for (const m of joiners) await join(dealId, m);
    clock.advance(24 * HOUR);
    await settle();
    await settle();
    const after = await deal(dealId);
    expect(after.status).toBe('succeeded');
    expect(after.participations.every((p) => p.status === 'captured' && p.grantedRef)).toBe(true);
    const packages = await queryRows<{ customer_id: string; n: number }>(
      env.database.adminDb,
      sql`select customer_id, count(*)::int as n from customer_packages
          where tenant_id = ${tenant.id}::uuid and product_id = ${product}::uuid
          and customer_id in (${sql.join(
            joiners.map((j) => sql`${j}::uuid`),
            sql`, `,
          )}) group by customer_id`,
    );
    expect(packages.map((p) => p.n)).toEqual([1, 1, 1]);
    expect(await Promise.all(joiners.map((j) => walletFen(env.database.adminDb, j)))).toEqual([
      100, 10_100, 20_100,
    ]);
    const told = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from message_intents where tenant_id = ${tenant.id}::uuid
          and template_key = 'deal.succeeded' and source_id = ${dealId}`,
    );
    expect(told[0]!.n).toBe(3);
    await checkEscrow(env.database.adminDb, tenant.id);
  });

  it('a coupon the joiner may not get any more gives that joiner their money back', async () => {
    const template = await couponTemplate(env, owner, 1);
    const dealId = await openDeal(
      env,
      owner,
      dealBody({
        rewardKind: 'coupon',
        packageProductId: null,
        couponTemplateId: template,
        deadlineAt: inDays(1),
      }),
    );
    const a = await memberWithWallet(env, tenant, owner, 70_000);
    const b = await memberWithWallet(env, tenant, owner, 70_000);
    await env.inTenant(tenant.id, (ctx) =>
      issueCoupon(ctx, { templateId: template, customerId: b, key: 'before', source: 'manual' }),
    );
    await join(dealId, a);
    await join(dealId, b);
    clock.advance(24 * HOUR);
    await settle();
    const after = await deal(dealId);
    expect(after.status).toBe('succeeded');
    const byCustomer = new Map(after.participations.map((p) => [p.customerId, p.status]));
    expect([byCustomer.get(a), byCustomer.get(b)]).toEqual(['captured', 'released']);
    expect(await walletFen(env.database.adminDb, a)).toBe(100);
    expect(await walletFen(env.database.adminDb, b)).toBe(70_000);
    await checkEscrow(env.database.adminDb, tenant.id);
  });

  it('staff cancel an open deal: every hold back, joiners told, cancelling again refused', async () => {
    const dealId = await openDeal(env, owner, dealBody());
    const a = await memberWithWallet(env, tenant, owner, 70_000);
    await join(dealId, a);
    const cancel = (key: string) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/deals/${dealId}/cancel`,
        headers: { ...owner.headers, 'idempotency-key': key },
      });
    const res = await cancel('c-1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', joiners: 1 });
    expect(res.json().participations[0].status).toBe('released');
    expect(await walletFen(env.database.adminDb, a)).toBe(70_000);
    expect(err(await cancel('c-2')).code).toBe('DEAL_STATUS_INVALID');
    await checkEscrow(env.database.adminDb, tenant.id);
  });

  it('the staff "run now" settles due deals in the request', async () => {
    const dealId = await openDeal(env, owner, dealBody({ deadlineAt: inDays(1) }));
    const a = await memberWithWallet(env, tenant, owner, 70_000);
    await join(dealId, a);
    clock.advance(24 * HOUR);
    owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/deals/run-settlement',
      headers: owner.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().participations).toBeGreaterThanOrEqual(1);
    expect((await deal(dealId)).status).toBe('failed');
    expect(await walletFen(env.database.adminDb, a)).toBe(70_000);
  });

  it('a merge of two records in one deal keeps one place; the duplicate’s money follows the survivor', async () => {
    const both = await openDeal(env, owner, dealBody({ deadlineAt: inDays(1) }));
    const alone = await openDeal(env, owner, dealBody({ deadlineAt: inDays(1), minJoiners: 3 }));
    const survivor = await memberWithWallet(env, tenant, owner, 100_000);
    const duplicate = await memberWithWallet(env, tenant, owner, 150_000);
    await join(both, survivor);
    await join(both, duplicate);
    await join(alone, duplicate);
    await env.inTenant(tenant.id, (ctx) =>
      mergeCustomers(ctx, { survivorId: survivor, duplicateId: duplicate }),
    );
    const after = await deal(both);
    expect(after.participations.map((p) => [p.customerId, p.status])).toEqual([
      [survivor, 'holding'],
      [survivor, 'left'],
    ]);
    // One hold in `both`, one in `alone` (now the survivor's), the rest in the wallet.
    expect(await walletFen(env.database.adminDb, survivor)).toBe(250_000 - 2 * 69_900);
    await checkEscrow(env.database.adminDb, tenant.id);
    clock.advance(24 * HOUR);
    await settle();
    // Neither deal happened (one person each): everything is back, once.
    expect([(await deal(both)).status, (await deal(alone)).status]).toEqual(['failed', 'failed']);
    expect(await walletFen(env.database.adminDb, survivor)).toBe(250_000);
    await checkEscrow(env.database.adminDb, tenant.id);
  });
});
