// Property test of the ledger under online payments (fast-check): random sequences over two
// top-ups and an order paid with WeChat Pay (against the local double) — paid notifications,
// payments made at the provider and found by a query, notifications replayed (the same bytes,
// possibly stale, or the same body signed again: duplicated and out of order), partial and full
// refunds answered at once, later, refused or failed, and reconciliation of the day. After every
// step the payments agree with a model, and after every run: each ledger transfer balances,
// the member's stored-value principal is what the paid top-ups brought in less what was
// refunded, the bonus never exceeds what was granted, nothing was credited twice, and no
// payment has more refunded than it was paid.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { saveSettings } from '../loyalty/settings.ts';
import { checkInvariants, completedOrder, createMember } from '../loyalty/testing/helpers.ts';
import { tenantTimeZone } from '../service/index.ts';
import { handleNotification, settleByQuery } from './notifications.ts';
import { startPayment } from './paying.ts';
import { REFUND_LIMITS, statusAfterRefunds } from './payment-rules.ts';
import { reconcileDay } from './reconciliation.ts';
import { requestRefund } from './refunds.ts';
import { rsaSign } from './provider-wechat-pay-crypto.ts';
import { NotificationRejected } from './port.ts';
import { startWechatDouble, wechatTradeResource, type WechatDouble } from './testing/doubles.ts';
import { configure } from './testing/setup.ts';

/** Runs: fewer on the embedded PGlite, which is slower (both stay well under a minute). */
const RUNS = Number(
  process.env.PAYMENTS_PROPERTY_RUNS ?? (process.env.TEST_DATABASE_URL ? 30 : 20),
);
const clock = fixedClock(new Date('2031-01-01T01:00:00Z'));
const PACKAGES = [
  { id: newId(), name: '充 500 送 50', payFen: 50_000, bonusFen: 5_000, active: true },
  { id: newId(), name: '充 200', payFen: 20_000, bonusFen: 0, active: true },
];
const ORDER_FEN = 38_800;
/** Every step is a little over WeChat Pay's minimum spacing of two refunds later. */
const STEP_MS = REFUND_LIMITS.wechat.spacingSeconds * 1000 + 1000;

let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let wx: WechatDouble;
let timeZone: string;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  wx = await startWechatDouble(() => clock.now());
  await configure(env, owner, 'wechat', wx.config(), wx.secrets());
  await env.inTenant(tenant.id, (ctx) => saveSettings(ctx, { topUpPackages: PACKAGES }));
  timeZone = await env.inTenant(tenant.id, (ctx) => tenantTimeZone(ctx));
});
afterAll(async () => {
  await wx?.close();
  await env?.close();
});

// ------------------------------------------------------------------ the model

interface RefundModel {
  number: string;
  amountFen: number;
  state: 'pending' | 'succeeded' | 'failed';
}
interface PaymentModel {
  id: string;
  number: string;
  kind: 'top_up' | 'order';
  amountFen: number;
  bonusFen: number;
  paidAtProvider: boolean;
  credited: boolean;
  refunds: RefundModel[];
}
interface Sent {
  headers: Record<string, string>;
  body: string;
  at: number;
}
interface Run {
  customerId: string;
  orderId: string;
  payments: PaymentModel[];
  sent: Sent[];
  day: string;
}

const refundedFen = (p: PaymentModel) =>
  p.refunds.filter((r) => r.state !== 'failed').reduce((s, r) => s + r.amountFen, 0);
const succeededFen = (p: PaymentModel) =>
  p.refunds.filter((r) => r.state === 'succeeded').reduce((s, r) => s + r.amountFen, 0);
const expectedStatus = (p: PaymentModel) =>
  p.credited ? statusAfterRefunds(p.amountFen, succeededFen(p)) : 'pending';

// ------------------------------------------------------------------ the steps

type Op =
  | { t: 'notify'; i: number }
  | { t: 'payAtProvider'; i: number }
  | { t: 'query'; i: number }
  | { t: 'replay'; k: number; resign: boolean }
  | { t: 'refund'; i: number; percent: number; mode: 'success' | 'processing' | 'refused' }
  | { t: 'refundOutcome'; k: number; outcome: 'SUCCESS' | 'ABNORMAL' }
  | { t: 'reconcile' };

const payment = fc.nat(2);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('notify' as const), i: payment }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('payAtProvider' as const), i: payment }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('query' as const), i: payment }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('replay' as const),
      k: fc.nat(30),
      resign: fc.boolean(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('refund' as const),
      i: payment,
      // Mostly a part that fits, sometimes more than is left.
      percent: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 50 }) },
        { weight: 1, arbitrary: fc.integer({ min: 51, max: 120 }) },
      ),
      mode: fc.constantFrom('success' as const, 'processing' as const, 'refused' as const),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('refundOutcome' as const),
      k: fc.nat(30),
      outcome: fc.constantFrom('SUCCESS' as const, 'ABNORMAL' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'reconcile' as const }) },
);

const inTenant = <T>(fn: (ctx: Ctx) => Promise<T>) => env.inTenant(tenant.id, fn);

/** Runs `fn` in the tenant; answers the code of what it threw (its transaction rolled back). */
async function attempt<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T | { code: string }> {
  try {
    return await env.inTenant(tenant.id, fn);
  } catch (err) {
    if (err instanceof AppError) return { code: err.code };
    if (err instanceof NotificationRejected) return { code: `REJECTED:${err.reason}` };
    throw err;
  }
}

/** A notification body signed now by the platform key, as WeChat Pay signs each delivery. */
function signNow(body: string): Sent {
  const at = clock.now().getTime();
  const ts = String(Math.floor(at / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': wx.platformKeyId,
      'wechatpay-signature': rsaSign(`${ts}\n${nonce}\n${body}\n`, wx.platform.privatePem),
    },
    body,
    at,
  };
}

const deliver = (n: Sent) => attempt((ctx) => handleNotification(ctx, 'wechat', n));

function payAtProvider(p: PaymentModel) {
  if (p.paidAtProvider) return;
  wx.pay(p.number);
  p.paidAtProvider = true;
}

async function notifyPaid(run: Run, p: PaymentModel) {
  payAtProvider(p);
  const t = wx.trades.get(p.number)!;
  const n = wx.notification({
    ...wechatTradeResource(t, wx.mchid),
    success_time: clock.now().toISOString(),
  });
  const sent = { ...n, at: clock.now().getTime() };
  run.sent.push(sent);
  const r = await deliver(sent);
  expect(r).toBe(p.credited ? 'duplicate' : 'applied');
  p.credited = true;
}

/** Why we refuse a refund before asking the provider, by the model; null when we ask. */
function ourRefusal(p: PaymentModel, amountFen: number) {
  if (!p.credited || expectedStatus(p) === 'refunded') return 'PAYMENT_NOT_REFUNDABLE';
  if (amountFen > p.amountFen - refundedFen(p)) return 'PAYMENT_REFUND_EXCEEDS_PAID';
  return null;
}

async function refund(p: PaymentModel, op: Extract<Op, { t: 'refund' }>) {
  const amountFen = Math.max(1, Math.floor((p.amountFen * op.percent) / 100));
  const number = `RP${randomBytes(8).toString('hex').toUpperCase()}`;
  const ours = ourRefusal(p, amountFen);
  wx.refundAnswer = op.mode === 'processing' ? 'PROCESSING' : 'SUCCESS';
  // WeChat Pay refuses it (a 4xx): the whole refund rolls back, the ledger untouched.
  if (!ours && op.mode === 'refused') wx.failNext(400);
  const r = await attempt((ctx) =>
    requestRefund(ctx, p.id, { amountFen, reason: '性质测试', refundNumber: number }, ''),
  );
  const refusal = ours ?? (op.mode === 'refused' ? 'PAYMENT_PROVIDER_REFUSED' : null);
  if (refusal) return void expect(r).toEqual({ code: refusal });
  const state = op.mode === 'processing' ? 'pending' : 'succeeded';
  expect(r).toMatchObject({ status: state });
  p.refunds.push({ number, amountFen, state });
}

async function refundOutcome(run: Run, op: Extract<Op, { t: 'refundOutcome' }>) {
  const all = run.payments.flatMap((p) => p.refunds.map((r) => ({ p, r })));
  // Mostly the outcome of a refund still pending; every third step one told again.
  const pending = all.filter((x) => x.r.state === 'pending');
  const pool = pending.length && op.k % 3 !== 0 ? pending : all;
  if (!pool.length) return;
  const { p, r } = pool[op.k % pool.length]!;
  // A settled refund is told again as it settled; a pending one as the step says.
  const status =
    r.state === 'pending' ? op.outcome : r.state === 'succeeded' ? 'SUCCESS' : 'ABNORMAL';
  const provider = wx.refunds.get(r.number);
  if (provider) provider.status = status;
  const n = wx.notification(
    {
      mchid: wx.mchid,
      out_trade_no: p.number,
      out_refund_no: r.number,
      refund_id: `5030${r.number}`,
      refund_status: status,
      amount: { total: p.amountFen, refund: r.amountFen },
    },
    { eventType: status === 'SUCCESS' ? 'REFUND.SUCCESS' : 'REFUND.ABNORMAL' },
  );
  const sent = { ...n, at: clock.now().getTime() };
  run.sent.push(sent);
  const res = await deliver(sent);
  expect(res).toBe(r.state === 'pending' ? 'applied' : 'duplicate');
  if (r.state === 'pending') r.state = status === 'SUCCESS' ? 'succeeded' : 'failed';
}

/** The trade bill WeChat Pay would give for the run's day: what it was paid and refunded. */
function billOf(run: Run) {
  const cols = ['微信订单号', '商户订单号', '交易状态', '应结订单金额', '商户退款单号', '退款金额'];
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const rows: string[][] = [];
  for (const p of run.payments) {
    const t = wx.trades.get(p.number)!;
    if (!p.paidAtProvider) continue;
    rows.push([t.transactionId, p.number, 'SUCCESS', yuan(p.amountFen), '', '0.00']);
    for (const r of p.refunds) {
      if (wx.refunds.get(r.number)?.status !== 'SUCCESS') continue;
      rows.push([t.transactionId, p.number, 'REFUND', '0.00', r.number, yuan(r.amountFen)]);
    }
  }
  return [cols.join(','), ...rows.map((r) => r.map((v) => `\`${v}`).join(',')), '总交易单数'].join(
    '\n',
  );
}

async function reconcile(run: Run) {
  wx.billCsv = billOf(run);
  const r = await inTenant((ctx) => reconcileDay(ctx, { provider: 'wechat', date: run.day }));
  // Paid at WeChat Pay but neither notified nor queried yet: the only differences.
  const unseen = run.payments.filter((p) => p.paidAtProvider && !p.credited).map((p) => p.number);
  expect(r.differences.map((d) => `${d.type}:${d.number}`).sort()).toEqual(
    unseen.map((n) => `missing_here:${n}`).sort(),
  );
}

async function step(run: Run, op: Op) {
  clock.advance(STEP_MS);
  switch (op.t) {
    case 'notify':
      return notifyPaid(run, run.payments[op.i]!);
    case 'payAtProvider':
      return payAtProvider(run.payments[op.i]!);
    case 'query': {
      const p = run.payments[op.i]!;
      const r = await inTenant((ctx) => settleByQuery(ctx, p.id));
      if (p.paidAtProvider && !p.credited) expect(r).toEqual({ status: 'paid', credited: true });
      else expect(r?.credited ?? false).toBe(false);
      if (p.paidAtProvider) p.credited = true;
      return;
    }
    case 'replay': {
      if (!run.sent.length) return;
      const prior = run.sent[op.k % run.sent.length]!;
      const n = op.resign ? signNow(prior.body) : prior;
      const r = await deliver(n);
      const stale = clock.now().getTime() - n.at > 5 * 60_000;
      // A replay changes nothing: every notification sent was applied when it first came.
      expect(r).toEqual(stale ? { code: 'REJECTED:stale timestamp' } : 'duplicate');
      return;
    }
    case 'refund':
      return refund(run.payments[op.i]!, op);
    case 'refundOutcome':
      return refundOutcome(run, op);
    case 'reconcile':
      return reconcile(run);
  }
}

// ------------------------------------------------------------------ checks

async function checkPayments(run: Run) {
  for (const p of run.payments) {
    const [row] = await queryRows<{
      status: string;
      refunded_fen: string | number;
      amount_fen: string | number;
      paid_events: number;
      refunds_open: string | number;
      refunds_succeeded: string | number;
    }>(
      env.database.adminDb,
      sql`select p.status, p.refunded_fen, p.amount_fen,
            (select count(*)::int from payment_events e where e.tenant_id = p.tenant_id
               and e.payment_id = p.id and e.type = 'paid') as paid_events,
            (select coalesce(sum(r.amount_fen), 0) from payment_refunds r where r.tenant_id = p.tenant_id
               and r.payment_id = p.id and r.status <> 'failed') as refunds_open,
            (select coalesce(sum(r.amount_fen), 0) from payment_refunds r where r.tenant_id = p.tenant_id
               and r.payment_id = p.id and r.status = 'succeeded') as refunds_succeeded
          from payments p where p.id = ${p.id}::uuid`,
    );
    expect(row!.status, p.number).toBe(expectedStatus(p));
    // Credited once, or not at all.
    expect(row!.paid_events).toBe(p.credited ? 1 : 0);
    // Never more refunded than paid; what is taken matches the refunds not failed.
    expect(Number(row!.refunded_fen)).toBe(refundedFen(p));
    expect(Number(row!.refunds_open)).toBe(refundedFen(p));
    expect(Number(row!.refunds_succeeded)).toBeLessThanOrEqual(Number(row!.amount_fen));
    expect(Number(row!.refunded_fen)).toBeLessThanOrEqual(Number(row!.amount_fen));
  }
}

async function checkLedger(run: Run) {
  await checkInvariants(env.database.adminDb, tenant.id);
  const accounts = await queryRows<{ kind: string; balance: string | number }>(
    env.database.adminDb,
    sql`select kind, balance from ledger_accounts where tenant_id = ${tenant.id}::uuid
          and owner_customer_id = ${run.customerId}::uuid
          and kind in ('stored_value_principal', 'stored_value_bonus')`,
  );
  const balance = (kind: string) => Number(accounts.find((a) => a.kind === kind)?.balance ?? 0);
  const topUps = run.payments.filter((p) => p.kind === 'top_up' && p.credited);
  expect(balance('stored_value_principal')).toBe(
    topUps.reduce((s, p) => s + p.amountFen - refundedFen(p), 0),
  );
  const granted = topUps.reduce((s, p) => s + p.bonusFen, 0);
  const anyRefund = topUps.some((p) => p.refunds.length > 0);
  if (anyRefund) expect(balance('stored_value_bonus')).toBeLessThanOrEqual(granted);
  else expect(balance('stored_value_bonus')).toBe(granted);
  expect(balance('stored_value_bonus')).toBeGreaterThanOrEqual(0);
  // One credit of a top-up: its principal, and its bonus when it has one.
  for (const p of run.payments.filter((x) => x.kind === 'top_up')) {
    const [t] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from ledger_transfers where tenant_id = ${tenant.id}::uuid
            and idempotency_key like ${`payment:${p.id}:%`}`,
    );
    expect(t!.n).toBe(p.credited ? (p.bonusFen > 0 ? 2 : 1) : 0);
  }
  // An order is paid once: at most one of its payments credited it.
  const [o] = await queryRows<{ n: number }>(
    env.database.adminDb,
    sql`select count(*)::int as n from payments where tenant_id = ${tenant.id}::uuid and kind = 'order'
          and subject_id = ${run.orderId} and credited_ref is not null`,
  );
  expect(o!.n).toBe(run.payments[2]!.credited ? 1 : 0);
}

// ------------------------------------------------------------------ a run

async function newRun(runIndex: number): Promise<Run> {
  // Each run has a day of its own (09:00 there), so its reconciliation sees only its payments.
  clock.set(new Date(Date.UTC(2031, 0, 2 + runIndex, 1, 0)));
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  const m = await createMember(env, owner, { name: '性质测试' });
  const orderId = await completedOrder(env, tenant, owner, m, [
    { category: 'oil_change', unitPriceFen: ORDER_FEN },
  ]);
  const start = (kind: 'top_up' | 'order', subjectId: string) =>
    inTenant((ctx) =>
      startPayment(
        ctx,
        { customerId: m.customerId, kind, subjectId, provider: 'wechat', channel: 'h5' },
        { notifyBase: '', returnBase: '' },
      ),
    );
  const payments: PaymentModel[] = [];
  for (const pkg of PACKAGES) {
    const row = await start('top_up', pkg.id);
    payments.push(model(row, 'top_up', pkg.bonusFen));
  }
  payments.push(model(await start('order', orderId), 'order', 0));
  return {
    customerId: m.customerId,
    orderId,
    payments,
    sent: [],
    day: clock.now().toLocaleDateString('en-CA', { timeZone }),
  };
}

const model = (
  row: { id: string; number: string; amountFen: number },
  kind: PaymentModel['kind'],
  bonusFen: number,
): PaymentModel => ({
  id: row.id,
  number: row.number,
  kind,
  amountFen: row.amountFen,
  bonusFen,
  paidAtProvider: false,
  credited: false,
  refunds: [],
});

describe('the ledger under online payments', () => {
  it(
    'random payments, notifications, refunds and reconciliation keep the books exact',
    { timeout: 240_000 },
    async () => {
      let runIndex = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 6, maxLength: 24 }), async (ops) => {
          const run = await newRun(runIndex++);
          for (const op of ops) {
            await step(run, op);
            await checkPayments(run);
          }
          await reconcile(run);
          await checkLedger(run);
        }),
        { numRuns: RUNS },
      );
    },
  );
});
