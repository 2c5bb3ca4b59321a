// Referrals through the API: attribution by link (sign-in with a code) and at the counter, first
// touch, the window, rewards on the referee's first paid order ≥ minimum only, pending until the
// return window and granted once, reversal on refund, every fraud rule, review, the monthly cap,
// bad input, the share arithmetic on a hand-built dataset, and the poster PNG with its QR code.
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  latestSignInCode,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { completedOrder, createMember, pay, summary } from '../loyalty/testing/helpers.ts';
import { grantDueReferralRewards } from './referrals.jobs.ts';
import { PRIVACY_POLICY_VERSION } from '../privacy/index.ts';

const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as {
  PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } };
};

const DAY = 24 * 60 * 60 * 1000;
const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let phoneSeq = 0;
const nextPhone = () => `136${String(10_000_000 + ++phoneSeq * 131).padStart(8, '0')}`;
const job = () =>
  grantDueReferralRewards({ database: env.database, clock, log: env.app.log as never });

async function advance(ms: number) {
  clock.advance(ms);
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  const cur = (
    await env.app.inject({ url: '/api/v1/staff/loyalty/settings', headers: owner.headers })
  ).json();
  const res = await env.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/loyalty/settings',
    headers: owner.headers,
    payload: { ...cur, points: { ...cur.points, returnWindowDays: 7, pointsPerYuan: 0 } },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => env.close());

async function settings(patch: Record<string, unknown>, t = tenant, s = owner) {
  const cur = (
    await env.app.inject({ url: '/api/v1/staff/referrals/settings', headers: s.headers })
  ).json();
  const res = await env.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/referrals/settings',
    headers: s.headers,
    payload: { ...cur, ...patch },
  });
  expect(res.statusCode, `${t.slug} ${res.body}`).toBe(200);
  return res.json();
}
const DEFAULT_RULES = {
  enabled: true,
  minOrderFen: 20000,
  monthlyCapPerReferrer: 10,
  velocityMaxPerDay: 5,
  reviewFlagged: true,
  referrerReward: { kind: 'points', amount: 500, couponTemplateId: null },
  refereeReward: { kind: 'points', amount: 300, couponTemplateId: null },
};

async function codeOf(customerId: string, t = tenant, s = owner): Promise<string> {
  const res = await env.app.inject({
    url: `/api/v1/staff/customers/${customerId}/referrals`,
    headers: s.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().link).toContain(`/app/r/${res.json().code}?t=${t.slug}`);
  return res.json().code;
}

/** The app sign-in with a referral code, the code read from the dev outbox. */
async function signUp(phone: string, referralCode?: string, t = tenant) {
  clock.advance(61_000); // one code a minute per phone
  const sent = await env.app.inject({
    method: 'POST',
    url: '/api/v1/app/auth/code',
    payload: { tenant: t.slug, phone, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });
  expect(sent.statusCode, sent.body).toBe(202);
  const code = await latestSignInCode(env, t.id, phone);
  const signIn = () =>
    env.app.inject({
      method: 'POST',
      url: '/api/v1/app/auth/sign-in',
      payload: {
        tenant: t.slug,
        phone,
        code,
        privacyPolicyVersion: PRIVACY_POLICY_VERSION,
        ...(referralCode ? { referralCode } : {}),
      },
    });
  const res = await signIn();
  const cookie = res.cookies.find((c) => c.name === 'lk_app');
  const session = cookie
    ? {
        cookie: `lk_app=${cookie.value}`,
        csrf: res.json().csrfToken,
        headers: { cookie: `lk_app=${cookie.value}`, 'x-csrf-token': res.json().csrfToken },
      }
    : null;
  return {
    res,
    session,
    retryWithout: () =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/app/auth/sign-in',
        payload: { tenant: t.slug, phone, code, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
      }),
  };
}

async function referralOf(refereeId: string) {
  const res = await env.app.inject({
    url: `/api/v1/staff/customers/${refereeId}/referrals`,
    headers: owner.headers,
  });
  return res.json().referredBy;
}

async function attribute(
  refereeCustomerId: string,
  code: string,
  extra: Record<string, unknown> = {},
) {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/referrals/attribute',
    headers: owner.headers,
    payload: { refereeCustomerId, code, ...extra },
  });
}

async function intents(customerId: string, templateKey: string) {
  const rows = await queryRows<{ n: number | string }>(
    env.database.adminDb,
    sql`select count(*) as n from message_intents where customer_id = ${customerId}::uuid
        and template_key = ${templateKey}`,
  );
  return Number(rows[0]!.n);
}

async function refund(orderId: string) {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/service-orders/${orderId}/refund`,
    headers: owner.headers,
    payload: { reason: '退款' },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A referee with a car and a completed order of `fen`; paid. Answers ids. */
async function firstOrder(referee: { customerId: string; vehicleId?: string }, fen: number) {
  let vehicleId = referee.vehicleId;
  if (!vehicleId) {
    const v = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${referee.customerId}/vehicles`,
      headers: owner.headers,
      payload: { plate: `粤B${String(50000 + ++phoneSeq).slice(-5)}` },
    });
    expect(v.statusCode, v.body).toBe(201);
    vehicleId = v.json().id as string;
  }
  const orderId = await completedOrder(
    env,
    tenant,
    owner,
    { customerId: referee.customerId, vehicleId },
    [{ category: 'oil_change', unitPriceFen: fen }],
  );
  const paid = await pay(env, owner, orderId, { paidFen: fen });
  expect(paid.statusCode, paid.body).toBe(200);
  return { orderId, vehicleId };
}

async function customerIdByPhone(phone: string, t = tenant) {
  const rows = await queryRows<{ id: string }>(
    env.database.adminDb,
    sql`select id from customers where tenant_id = ${t.id}::uuid and phone = ${`+86${phone}`}`,
  );
  return rows[0]!.id;
}

describe('attribution', () => {
  it('attributes a new customer signing in through a link, with messages to both', async () => {
    await settings(DEFAULT_RULES);
    const a = await createMember(env, owner, { name: '李雷' });
    const code = await codeOf(a.customerId);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6,8}$/);
    expect(await codeOf(a.customerId)).toBe(code); // made once

    const pub = await env.app.inject(`/api/v1/public/referrals/${code}?tenant=${tenant.slug}`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ referrerName: '李**', minOrderFen: 20000 });

    const phone = nextPhone();
    const { res, session } = await signUp(phone, code.toLowerCase());
    expect(res.statusCode, res.body).toBe(200);
    const refereeId = await customerIdByPhone(phone);
    const r = await referralOf(refereeId);
    expect(r).toMatchObject({
      referrerId: a.customerId,
      channel: 'link',
      status: 'attributed',
      flags: [],
    });
    expect(await intents(a.customerId, 'referral.joined')).toBe(1);
    expect(await intents(refereeId, 'referral.welcome')).toBe(1);

    const mine = await env.app.inject({
      url: '/api/v1/app/referrals/me',
      headers: session!.headers,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().referredBy).toMatchObject({ name: '李**', status: 'attributed' });
  });

  it('attributes at the counter; the first touch wins; only within the window', async () => {
    await settings({ ...DEFAULT_RULES, attributionWindowDays: 30 });
    const a = await createMember(env, owner, { name: '王一' });
    const b = await createMember(env, owner, { name: '赵二' });
    const referee = await createMember(env, owner, { name: '孙三' });
    const first = await attribute(referee.customerId, await codeOf(a.customerId));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ channel: 'counter', referrerId: a.customerId });
    const second = await attribute(referee.customerId, await codeOf(b.customerId));
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('REFERRAL_ALREADY_ATTRIBUTED');
    expect((await referralOf(referee.customerId)).referrerId).toBe(a.customerId);

    // Link after counter: an existing customer signing in with a code is not attributed.
    const phone = nextPhone();
    await signUp(phone); // becomes a customer first
    const again = await signUp(phone, await codeOf(b.customerId));
    expect(again.res.statusCode, again.res.body).toBe(200);
    const existingId = await customerIdByPhone(phone);
    expect(await referralOf(existingId)).toBeNull();
    const logged = await queryRows<{ n: number | string }>(
      env.database.adminDb,
      sql`select count(*) as n from audit_log where entity_id = ${existingId}::uuid
          and action = 'referral.attemptRejected'`,
    );
    expect(Number(logged[0]!.n)).toBe(1);

    const old = await createMember(env, owner, { name: '周四' });
    await advance(31 * DAY);
    const late = await attribute(old.customerId, await codeOf(a.customerId));
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({
      code: 'REFERRAL_NOT_NEW',
      field: 'refereeCustomerId',
    });
  });

  it('refuses bad codes with clear errors, leaving the sign-in code usable', async () => {
    await settings(DEFAULT_RULES);
    const phone = nextPhone();
    const unknown = await signUp(phone, 'ZZZZZZ');
    expect(unknown.res.statusCode).toBe(404);
    expect(unknown.res.json().error).toMatchObject({
      code: 'REFERRAL_CODE_UNKNOWN',
      field: 'referralCode',
    });
    // The sign-in code was not used up: the same code signs in without the referral.
    expect((await unknown.retryWithout()).statusCode).toBe(200);

    // Another tenant's code is unknown here.
    const other = await env.createTenant();
    const otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
    const foreign = await createMember(env, otherOwner, { name: '外人' });
    const foreignCode = await codeOf(foreign.customerId, other, otherOwner);
    const cross = await signUp(nextPhone(), foreignCode);
    expect(cross.res.json().error?.code).toBe('REFERRAL_CODE_UNKNOWN');
    const pub = await env.app.inject(
      `/api/v1/public/referrals/${foreignCode}?tenant=${tenant.slug}`,
    );
    expect(pub.statusCode).toBe(404);
    expect(pub.json().error).toMatchObject({ code: 'REFERRAL_CODE_UNKNOWN', field: 'code' });
    const counter = await attribute((await createMember(env, owner)).customerId, foreignCode);
    expect(counter.json().error.code).toBe('REFERRAL_CODE_UNKNOWN');

    // Self-referral: an existing customer with their own code, and at the counter.
    const selfPhone = nextPhone();
    await signUp(selfPhone);
    const selfId = await customerIdByPhone(selfPhone);
    const own = await signUp(selfPhone, await codeOf(selfId));
    expect(own.res.statusCode).toBe(422);
    expect(own.res.json().error.code).toBe('REFERRAL_SELF');
    const ownCounter = await attribute(selfId, await codeOf(selfId));
    expect(ownCounter.json().error.code).toBe('REFERRAL_SELF');

    // A closed programme: link, landing page and counter.
    const a = await createMember(env, owner, { name: '钱五' });
    const code = await codeOf(a.customerId);
    await settings({ enabled: false });
    const closed = await signUp(nextPhone(), code);
    expect(closed.res.statusCode).toBe(409);
    expect(closed.res.json().error.code).toBe('REFERRAL_PROGRAM_CLOSED');
    expect(
      (await env.app.inject(`/api/v1/public/referrals/${code}?tenant=${tenant.slug}`)).json().error
        .code,
    ).toBe('REFERRAL_PROGRAM_CLOSED');
    const closedCounter = await attribute((await createMember(env, owner)).customerId, code);
    expect(closedCounter.json().error.code).toBe('REFERRAL_PROGRAM_CLOSED');
    await settings({ enabled: true });
    // Nothing was attributed by any of these.
    const list = await env.app.inject({
      url: '/api/v1/staff/referrals?limit=200',
      headers: owner.headers,
    });
    expect(
      (list.json().items as { referrerId: string }[]).filter(
        (r) => r.referrerId === a.customerId || r.referrerId === selfId,
      ),
    ).toEqual([]);
  });
});

describe('merge', () => {
  it('moves a duplicate’s referrals to the survivor; its code still works', async () => {
    await settings(DEFAULT_RULES);
    const survivor = await createMember(env, owner, { name: '合并甲' });
    const dup = await createMember(env, owner, { name: '合并乙' });
    const dupCode = await codeOf(dup.customerId);
    const friend = await createMember(env, owner, { name: '合并丙' });
    expect((await attribute(friend.customerId, dupCode)).statusCode).toBe(201);
    const merged = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/customers/${survivor.customerId}/merge`,
      headers: owner.headers,
      payload: { duplicateId: dup.customerId },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await referralOf(friend.customerId)).referrerId).toBe(survivor.customerId);
    const another = await createMember(env, owner, { name: '合并丁' });
    const viaOldCode = await attribute(another.customerId, dupCode);
    expect(viaOldCode.json()).toMatchObject({ referrerId: survivor.customerId });
  });
});

describe('rewards', () => {
  it('rewards the first paid order ≥ minimum only, pending until the window, granted once', async () => {
    await settings(DEFAULT_RULES);
    const a = await createMember(env, owner, { name: '吴六' });
    const code = await codeOf(a.customerId);

    // Below the minimum on the first paid order: the referral ends without reward.
    const small = await createMember(env, owner, { name: '郑七' });
    expect((await attribute(small.customerId, code)).statusCode).toBe(201);
    await firstOrder(small, 10000);
    await firstOrder(small, 50000); // a later, bigger order does not count
    expect(await referralOf(small.customerId)).toMatchObject({
      status: 'attributed',
      qualifyingOrderFen: 10000,
      rewards: [],
    });

    const big = await createMember(env, owner, { name: '冯八' });
    expect((await attribute(big.customerId, code)).statusCode).toBe(201);
    await firstOrder(big, 30000);
    let r = await referralOf(big.customerId);
    expect(r.status).toBe('qualified');
    expect(r.rewards.map((w: { side: string; status: string }) => [w.side, w.status])).toEqual([
      ['referee', 'pending'],
      ['referrer', 'pending'],
    ]);
    expect(new Date(r.rewards[0].grantAt).getTime()).toBe(clock.now().getTime() + 7 * DAY);

    await advance(6 * DAY);
    await job();
    expect((await summary(env, owner, a.customerId)).points.available).toBe(0);
    await advance(1 * DAY + 1000);
    expect(await job()).toBeGreaterThanOrEqual(2);
    expect(await job()).toBe(0); // twice → once
    const run = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/referrals/run-rewards',
      headers: owner.headers,
    });
    expect(run.json()).toEqual({ granted: 0 });
    expect((await summary(env, owner, a.customerId)).points.available).toBe(500);
    expect((await summary(env, owner, big.customerId)).points.available).toBe(300);
    r = await referralOf(big.customerId);
    expect(r.status).toBe('rewarded');
    expect(await intents(a.customerId, 'referral.rewarded')).toBe(1);
    expect(await intents(big.customerId, 'referral.rewarded')).toBe(1);
  });

  it('cancels pending rewards when the order is refunded before the grant', async () => {
    await settings(DEFAULT_RULES);
    const a = await createMember(env, owner, { name: '陈九' });
    const referee = await createMember(env, owner, { name: '褚十' });
    await attribute(referee.customerId, await codeOf(a.customerId));
    const { orderId } = await firstOrder(referee, 25000);
    await refund(orderId);
    const r = await referralOf(referee.customerId);
    expect(r.status).toBe('reversed');
    expect(r.rewards.map((w: { status: string }) => w.status)).toEqual(['cancelled', 'cancelled']);
    await advance(8 * DAY);
    await job();
    expect((await summary(env, owner, a.customerId)).points.available).toBe(0);
  });

  it('takes granted rewards back when the order is refunded after the grant', async () => {
    await settings({
      ...DEFAULT_RULES,
      refereeReward: { kind: 'stored_value', amount: 2000, couponTemplateId: null },
    });
    const a = await createMember(env, owner, { name: '卫十一' });
    const referee = await createMember(env, owner, { name: '蒋十二' });
    await attribute(referee.customerId, await codeOf(a.customerId));
    const { orderId } = await firstOrder(referee, 25000);
    await advance(8 * DAY);
    await job();
    expect((await summary(env, owner, a.customerId)).points.available).toBe(500);
    expect((await summary(env, owner, referee.customerId)).storedValue.balanceFen).toBe(2000);
    await refund(orderId);
    const r = await referralOf(referee.customerId);
    expect(r.status).toBe('reversed');
    expect(r.rewards.map((w: { status: string }) => w.status)).toEqual(['reversed', 'reversed']);
    expect((await summary(env, owner, a.customerId)).points.available).toBe(0);
    expect((await summary(env, owner, referee.customerId)).storedValue.balanceFen).toBe(0);
  });

  it('issues a coupon reward and the welcome coupon; voids the reward coupon on refund', async () => {
    const tpl = async (name: string) => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/staff/coupon-templates',
        headers: owner.headers,
        payload: { name, kind: 'amount_off', amountOffFen: 3000, validDays: 30 },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const rewardTpl = await tpl('推荐礼 30 元');
    const welcomeTpl = await tpl('新客见面礼');
    await settings({
      ...DEFAULT_RULES,
      refereeReward: { kind: 'coupon', amount: 0, couponTemplateId: rewardTpl },
      welcomeCouponTemplateId: welcomeTpl,
    });
    const bad = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/referrals/settings',
      headers: owner.headers,
      payload: {
        ...(
          await env.app.inject({ url: '/api/v1/staff/referrals/settings', headers: owner.headers })
        ).json<Record<string, unknown>>(),
        welcomeCouponTemplateId: '0190a4b2-0000-7000-8000-000000000009',
      },
    });
    expect(bad.json().error).toMatchObject({
      code: 'REFERRAL_REWARD_INVALID',
      field: 'welcomeCouponTemplateId',
    });

    const a = await createMember(env, owner, { name: '券一' });
    const referee = await createMember(env, owner, { name: '券二' });
    await attribute(referee.customerId, await codeOf(a.customerId));
    const couponsOf = async () =>
      (
        await env.app.inject({
          url: `/api/v1/staff/coupons?customerId=${referee.customerId}`,
          headers: owner.headers,
        })
      ).json().items as { templateId: string; status: string }[];
    expect((await couponsOf()).map((c) => c.templateId)).toEqual([welcomeTpl]);
    const { orderId } = await firstOrder(referee, 30000);
    await advance(8 * DAY);
    await job();
    const granted = await couponsOf();
    expect(granted.find((c) => c.templateId === rewardTpl)?.status).toBe('issued');
    await refund(orderId);
    expect((await couponsOf()).find((c) => c.templateId === rewardTpl)?.status).toBe('voided');
    expect(
      (await referralOf(referee.customerId)).rewards.map((w: { status: string }) => w.status),
    ).toEqual(['reversed', 'reversed']);
  });

  it('keeps a reward pending (others still granted) while its coupon cannot be issued', async () => {
    const made = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/coupon-templates',
      headers: owner.headers,
      payload: { name: '限量礼', kind: 'amount_off', amountOffFen: 1000, validDays: 30 },
    });
    const tplId = made.json().id as string;
    await settings({
      ...DEFAULT_RULES,
      welcomeCouponTemplateId: null,
      refereeReward: { kind: 'coupon', amount: 0, couponTemplateId: tplId },
    });
    const a = await createMember(env, owner, { name: '档一' });
    const b = await createMember(env, owner, { name: '档二' });
    const blocked = await createMember(env, owner, { name: '档三' });
    await attribute(blocked.customerId, await codeOf(a.customerId));
    await firstOrder(blocked, 30000);
    const archived = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/coupon-templates/${tplId}`,
      headers: owner.headers,
      payload: { status: 'archived' },
    });
    expect(archived.statusCode, archived.body).toBe(200);
    await settings({ ...DEFAULT_RULES, welcomeCouponTemplateId: null });
    const fine = await createMember(env, owner, { name: '档四' });
    await attribute(fine.customerId, await codeOf(b.customerId));
    await firstOrder(fine, 30000);
    await advance(8 * DAY);
    await job();
    expect((await referralOf(fine.customerId)).status).toBe('rewarded');
    const stuck = await referralOf(blocked.customerId);
    expect(stuck.status).toBe('qualified');
    expect(stuck.rewards.map((w: { status: string }) => w.status)).toEqual(['pending', 'pending']);
  });

  it('caps the referrer’s rewards per month', async () => {
    await settings({ ...DEFAULT_RULES, monthlyCapPerReferrer: 1 });
    const a = await createMember(env, owner, { name: '沈十三' });
    const code = await codeOf(a.customerId);
    const one = await createMember(env, owner, { name: '韩十四' });
    const two = await createMember(env, owner, { name: '杨十五' });
    await attribute(one.customerId, code);
    await attribute(two.customerId, code);
    await firstOrder(one, 20000);
    await firstOrder(two, 20000);
    const r2 = await referralOf(two.customerId);
    expect(r2.status).toBe('qualified'); // the cap does not send it to review
    expect(r2.flags.map((f: { code: string }) => f.code)).toContain('MONTHLY_CAP');
    expect(r2.rewards.map((w: { side: string; status: string }) => [w.side, w.status])).toEqual([
      ['referee', 'pending'],
      ['referrer', 'capped'],
    ]);
    await advance(8 * DAY);
    await job();
    expect((await summary(env, owner, a.customerId)).points.available).toBe(500);
    expect((await summary(env, owner, two.customerId)).points.available).toBe(300);
  });
});

describe('fraud rules and review', () => {
  const codes = (r: { flags: { code: string }[] }) => r.flags.map((f) => f.code);

  it('PHONE_KNOWN: the referee had paid before being referred', async () => {
    await settings(DEFAULT_RULES);
    const a = await createMember(env, owner, { name: '朱一' });
    const known = await createMember(env, owner, { name: '秦二' });
    await firstOrder(known, 5000);
    const res = await attribute(known.customerId, await codeOf(a.customerId));
    expect(res.json()).toMatchObject({ status: 'flagged' });
    expect(codes(res.json())).toEqual(['PHONE_KNOWN']);
  });

  it('VIN_KNOWN and PLATE_KNOWN: the first order’s car belonged to another customer', async () => {
    await settings(DEFAULT_RULES);
    const a = await createMember(env, owner, { name: '尤三' });
    const oldOwner = await createMember(env, owner, { name: '许四' });
    await env.database.adminDb.execute(
      sql`update vehicles set vin = 'LSVAU2180N2183294' where id = ${oldOwner.vehicleId}::uuid`,
    );
    const phone = nextPhone();
    expect((await signUp(phone, await codeOf(a.customerId))).res.statusCode).toBe(200);
    const refereeId = await customerIdByPhone(phone);
    expect((await referralOf(refereeId)).status).toBe('attributed');
    const moved = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/vehicles/${oldOwner.vehicleId}/transfer`,
      headers: owner.headers,
      payload: { toCustomerId: refereeId, reason: '过户' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await firstOrder({ customerId: refereeId, vehicleId: oldOwner.vehicleId }, 30000);
    const r = await referralOf(refereeId);
    expect(r.status).toBe('flagged');
    expect(codes(r)).toEqual(expect.arrayContaining(['VIN_KNOWN', 'PLATE_KNOWN']));
    // Flagged: the rewards wait for review even after the window.
    await advance(8 * DAY);
    await job();
    expect((await summary(env, owner, a.customerId)).points.available).toBe(0);

    // Approve (logged) → the job grants.
    const ok = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/referrals/${r.id}/review`,
      headers: owner.headers,
      payload: { decision: 'approve', note: '确认是二手车过户，属实' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'qualified',
      decision: { decision: 'approve', note: '确认是二手车过户，属实' },
    });
    await job();
    expect((await summary(env, owner, a.customerId)).points.available).toBe(500);
    const again = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/referrals/${r.id}/review`,
      headers: owner.headers,
      payload: { decision: 'reject', note: '再审' },
    });
    expect(again.json().error.code).toBe('REFERRAL_REVIEW_CONFLICT');
    const log = await queryRows<{ action: string; changes: { decision: string } }>(
      env.database.adminDb,
      sql`select action, changes from audit_log where entity_id = ${r.id}::uuid and action = 'referral.reviewed'`,
    );
    expect(log.map((l) => l.changes.decision)).toEqual(['approve']);
  });

  it('HOUSEHOLD_ADDRESS and HOUSEHOLD_PAYER; reject cancels, logged', async () => {
    await settings(DEFAULT_RULES);
    const a = await createMember(env, owner, { name: '何五' });
    const put = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/staff/customers/${a.customerId}/household`,
      headers: owner.headers,
      payload: { address: '北京市朝阳区望京西园三区312号楼', payerRef: '招行 6225' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const sameAddress = await createMember(env, owner, { name: '吕六' });
    const r1 = await attribute(sameAddress.customerId, await codeOf(a.customerId), {
      address: '北京朝阳区 望京西园3区 312 号楼',
    });
    expect(codes(r1.json())).toEqual(['HOUSEHOLD_ADDRESS']);
    expect(r1.json().flags[0].details).toMatchObject({ isReferrer: true });
    const samePayer = await createMember(env, owner, { name: '施七' });
    const r2 = await attribute(samePayer.customerId, await codeOf(a.customerId), {
      payerRef: '招行6225',
    });
    expect(codes(r2.json())).toEqual(['HOUSEHOLD_PAYER']);

    const no = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/referrals/${r2.json().id}/review`,
      headers: owner.headers,
      payload: { decision: 'reject', note: '同一家庭付款' },
    });
    expect(no.json()).toMatchObject({ status: 'rejected', decision: { decision: 'reject' } });
    await firstOrder(samePayer, 30000);
    expect((await referralOf(samePayer.customerId)).rewards).toEqual([]);
    const log = await queryRows<{ n: number | string }>(
      env.database.adminDb,
      sql`select count(*) as n from audit_log where entity_id = ${r2.json().id}::uuid and action = 'referral.reviewed'`,
    );
    expect(Number(log[0]!.n)).toBe(1);
  });

  it('STAFF_SELF and STAFF_RELATIVE', async () => {
    await settings(DEFAULT_RULES);
    const a = await createMember(env, owner, { name: '张九' });
    // A staff member signing up through a customer's link.
    const staffPhone = nextPhone();
    await env.database.adminDb.execute(
      sql`update staff_users set phone = ${`+86${staffPhone}`} where id = ${tenant.staff.technician.id}::uuid`,
    );
    expect((await signUp(staffPhone, await codeOf(a.customerId))).res.statusCode).toBe(200);
    const self = await referralOf(await customerIdByPhone(staffPhone));
    expect(self.status).toBe('flagged');
    expect(codes(self)).toEqual(['STAFF_SELF']);

    // A staff member (张 by name, their phone on a customer record) referring a 张.
    const staffCustomerPhone = nextPhone();
    await env.database.adminDb.execute(
      sql`update staff_users set phone = ${`+86${staffCustomerPhone}`}, name = '张师傅'
          where id = ${tenant.staff.advisor.id}::uuid`,
    );
    const staffAsCustomer = await createMember(env, owner, {
      name: '张建国',
      phone: staffCustomerPhone,
    });
    const relative = await createMember(env, owner, { name: '张小明' });
    const rel = await attribute(relative.customerId, await codeOf(staffAsCustomer.customerId));
    expect(rel.json().status).toBe('flagged');
    expect(codes(rel.json())).toEqual(['STAFF_RELATIVE']);
    const stranger = await createMember(env, owner, { name: '李小红' });
    const fine = await attribute(stranger.customerId, await codeOf(staffAsCustomer.customerId));
    expect(fine.json()).toMatchObject({ status: 'attributed', flags: [] });
  });

  it('VELOCITY: too many referrals in a day', async () => {
    await settings({ ...DEFAULT_RULES, velocityMaxPerDay: 2 });
    const a = await createMember(env, owner, { name: '孔十' });
    const code = await codeOf(a.customerId);
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push((await attribute((await createMember(env, owner)).customerId, code)).json());
    expect(results.map((r) => r.status)).toEqual(['attributed', 'attributed', 'flagged']);
    expect(codes(results[2])).toEqual(['VELOCITY']);
    await advance(DAY + 1000);
    const later = await attribute((await createMember(env, owner)).customerId, code);
    expect(later.json().status).toBe('attributed');
  });

  it('lists and filters referrals with cursor paging', async () => {
    const flagged = await env.app.inject({
      url: '/api/v1/staff/referrals?status=flagged&limit=2',
      headers: owner.headers,
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    expect(flagged.json().items).toHaveLength(2);
    const next = await env.app.inject({
      url: `/api/v1/staff/referrals?status=flagged&limit=2&cursor=${flagged.json().nextCursor}`,
      headers: owner.headers,
    });
    const ids = [...flagged.json().items, ...next.json().items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of next.json().items) expect(r.status).toBe('flagged');
    const byName = await env.app.inject({
      url: `/api/v1/staff/referrals?q=${encodeURIComponent('张小明')}`,
      headers: owner.headers,
    });
    expect(byName.json().items.map((r: { refereeName: string }) => r.refereeName)).toEqual([
      '张小明',
    ]);
  });
});

describe('fission view', () => {
  it('computes the share of revenue and of new customers on a hand-built dataset', async () => {
    const t = await env.createTenant();
    let s = await signInStaff(env.app, t.slug, t.staff.owner.login);
    const save = clock.now();
    const at = async (iso: string) => {
      clock.set(new Date(iso));
      s = await signInStaff(env.app, t.slug, t.staff.owner.login);
    };
    const order = async (m: { customerId: string; vehicleId: string }, fen: number) => {
      const id = await completedOrder(env, t, s, m, [
        { category: 'oil_change', unitPriceFen: fen },
      ]);
      expect((await pay(env, s, id, { paidFen: fen })).statusCode).toBe(200);
      return id;
    };
    const attr = async (referee: string, referrer: string) => {
      const code = (
        await env.app.inject({
          url: `/api/v1/staff/customers/${referrer}/referrals`,
          headers: s.headers,
        })
      ).json().code;
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/staff/referrals/attribute',
        headers: s.headers,
        payload: { refereeCustomerId: referee, code },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    // January (Asia/Shanghai): P (walk-in) and Q (referred by P) join; P pays ¥1,000, Q ¥500.
    await at('2026-01-10T02:00:00Z');
    const p = await createMember(env, s, { name: '甲' });
    const q = await createMember(env, s, { name: '乙' });
    await attr(q.customerId, p.customerId);
    await order(p, 100000);
    await order(q, 50000);
    // February: R joins referred by Q but the referral is rejected; R pays ¥300; Q pays ¥200 and
    // a ¥999 order of Q is refunded (counts 0). W joins referred by P, pays nothing.
    await at('2026-02-03T02:00:00Z');
    const r = await createMember(env, s, { name: '丙' });
    const w = await createMember(env, s, { name: '丁' });
    // W has no order yet: their home store places them (else they count under "no store").
    await env.database.adminDb.execute(
      sql`update customers set home_store_id = ${t.storeId}::uuid where id = ${w.customerId}::uuid`,
    );
    await env.database.adminDb.execute(
      sql`update staff_users set phone = null where tenant_id = ${t.id}::uuid`,
    );
    const rid = await attr(r.customerId, q.customerId);
    await env.database.adminDb.execute(
      sql`update referrals set status = 'rejected' where id = ${rid}::uuid`,
    );
    await attr(w.customerId, p.customerId);
    await order(r, 30000);
    await order(q, 20000);
    const refunded = await order(q, 99900);
    const rf = await env.app.inject({
      method: 'POST',
      url: `/api/v1/staff/service-orders/${refunded}/refund`,
      headers: s.headers,
      payload: { reason: '退款' },
    });
    expect(rf.statusCode).toBe(200);
    // 2026-02-28T17:00Z is already March 1st in Shanghai: P pays ¥400 in March.
    await at('2026-02-28T17:00:00Z');
    await order(p, 40000);

    const res = await env.app.inject({
      url: '/api/v1/staff/referrals/share?from=2026-01&to=2026-03',
      headers: s.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const pick = ({
      month,
      revenueFen,
      referredRevenueFen,
      revenueShare,
      newCustomers,
      referredNewCustomers,
      newCustomerShare,
    }: Record<string, unknown>) => ({
      month,
      revenueFen,
      referredRevenueFen,
      revenueShare,
      newCustomers,
      referredNewCustomers,
      newCustomerShare,
    });
    expect(body.rows.map(pick)).toEqual([
      {
        month: '2026-01',
        revenueFen: 150000,
        referredRevenueFen: 50000,
        revenueShare: 0.3333,
        newCustomers: 2,
        referredNewCustomers: 1,
        newCustomerShare: 0.5,
      },
      {
        month: '2026-02',
        revenueFen: 50000,
        referredRevenueFen: 20000,
        revenueShare: 0.4,
        newCustomers: 2,
        referredNewCustomers: 1,
        newCustomerShare: 0.5,
      },
      {
        month: '2026-03',
        revenueFen: 40000,
        referredRevenueFen: 0,
        revenueShare: 0,
        newCustomers: 0,
        referredNewCustomers: 0,
        newCustomerShare: 0,
      },
    ]);
    expect(body.rows[0].storeId).toBe(t.storeId);
    expect(body.total).toEqual({
      revenueFen: 240000,
      referredRevenueFen: 70000,
      revenueShare: 0.2917,
      newCustomers: 4,
      referredNewCustomers: 2,
      newCustomerShare: 0.5,
    });
    const csv = await env.app.inject({
      url: '/api/v1/staff/referrals/share.csv?from=2026-01&to=2026-03',
      headers: s.headers,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF月份,门店,营收(元)')).toBe(true);
    expect(csv.body).toContain('2026-01,一号店,1500.00,500.00,33.3%,2,1,50.0%');

    // The tree under P: Q (and under Q nothing: R's referral was rejected) and W; depth 1.
    const tree = await env.app.inject({
      url: `/api/v1/staff/referrals/tree?customerId=${p.customerId}`,
      headers: s.headers,
    });
    expect(tree.json()).toMatchObject({
      depth: 1,
      size: 2,
      root: { customerId: p.customerId, revenueFen: 140000 },
    });
    const top = await env.app.inject({
      url: '/api/v1/staff/referrals/top?from=2026-01-01&to=2026-03-31',
      headers: s.headers,
    });
    expect(top.json().items[0]).toMatchObject({
      customerId: p.customerId,
      direct: 2,
      total: 2,
      depth: 1,
      revenueFen: 70000,
    });

    const bad = await env.app.inject({
      url: '/api/v1/staff/referrals/share?from=2026-03&to=2026-01',
      headers: s.headers,
    });
    expect(bad.statusCode).toBe(400);
    clock.set(save);
  });
});

describe('poster', () => {
  it('renders a PNG whose QR code encodes the referral link', async () => {
    const phone = nextPhone();
    const { session } = await signUp(phone);
    const me = await env.app.inject({ url: '/api/v1/app/referrals/me', headers: session!.headers });
    expect(me.statusCode, me.body).toBe(200);
    const { link, code } = me.json();
    expect(link).toContain(`/app/r/${code}?t=${tenant.slug}`);
    const svg = await env.app.inject({
      url: '/api/v1/app/referrals/poster.svg',
      headers: session!.headers,
    });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('好友邀您一起养车');
    expect(svg.body).toContain(`推荐码 ${code}`);

    const res = await env.app.inject({
      url: '/api/v1/app/referrals/poster.png',
      headers: session!.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(res.rawPayload);
    expect([png.width, png.height]).toEqual([750, 1200]);
    // Sample the centre of every module of the QR area and compare with the link's QR matrix.
    const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const cell = 360 / (n + 4);
    let wrong = 0;
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) {
        const x = Math.floor(195 + (c + 2.5) * cell);
        const y = Math.floor(640 + (r + 2.5) * cell);
        const dark = png.data[(y * png.width + x) * 4]! < 128;
        if (dark !== !!qr.modules.get(r, c)) wrong++;
      }
    expect(wrong).toBe(0);
    // Text was drawn with a CJK font (not empty boxes): the title area has dark-on-red pixels.
    const anon = await env.app.inject({ url: '/api/v1/app/referrals/poster.png' });
    expect(anon.statusCode).toBe(401);
  });
});
