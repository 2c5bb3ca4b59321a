// A group deal that fails at its deadline: the joiner who paid its price online gets it back
// through the provider (the development provider's books show the refund), the wallet it had
// returned to emptied again, once however often the event comes; the joiner who joined with
// stored value keeps it in the wallet; the ledger and the escrow balance.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { publishOutbox } from '../../jobs/outbox.ts';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { joinDeal, settleDueDealsEverywhere } from '../deals/index.ts';
import { refundWallet } from '../loyalty/index.ts';
import {
  checkEscrow,
  memberWithWallet,
  openDeal,
  packageProduct,
} from '../deals/testing/helpers.ts';
import { dealRefundNumber, refundReleasedDeal } from './deal-refunds.ts';
import { appMember, configure, startPay, walletFen } from './testing/setup.ts';

const HOUR = 3600_000;
const PRICE = 69_900;
const clock = fixedClock(new Date(Date.now() - 5 * 24 * HOUR));
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  await configure(env, owner, 'dev', {}, {});
});
afterAll(async () => {
  await env?.close();
});

/** Publishes committed events until the deal's release events are handled. */
async function deliverEvents(dealId: string) {
  for (let i = 0; i < 20; i++) {
    await publishOutbox(env.database.adminDb, env.app.log as never);
    const [left] = await queryRows<{ n: number }>(
      env.database.adminDb,
      sql`select count(*)::int as n from outbox_events where tenant_id = ${tenant.id}::uuid
            and type = 'dealParticipation.released' and payload->>'dealId' = ${dealId}
            and published_at is null`,
    );
    if (left!.n === 0) return;
  }
  throw new Error('release events not handled');
}

const refundsOf = (paymentId: string) =>
  queryRows<{ number: string; amount_fen: string | number; status: string }>(
    env.database.adminDb,
    sql`select number, amount_fen, status from payment_refunds where payment_id = ${paymentId}::uuid`,
  );

const newDeal = async () =>
  openDeal(env, owner, {
    title: '小保养拼团',
    rewardKind: 'package',
    packageProductId: await packageProduct(env, owner),
    priceFen: PRICE,
    originalPriceFen: 99_000,
    minJoiners: 3,
    deadlineAt: new Date(clock.now().getTime() + 2 * 24 * HOUR).toISOString(),
  });

/** A member who paid the deal's price online (the development provider's page). */
async function paidOnline(dealId: string) {
  const online = await appMember(env, tenant, owner);
  const res = await startPay(env, online.session, {
    kind: 'deal',
    subjectId: dealId,
    provider: 'dev',
    channel: 'dev',
  });
  expect(res.statusCode, res.body).toBe(201);
  const paymentId = res.json().id as string;
  const paid = await env.app.inject({
    method: 'POST',
    url: `/api/v1/app/payments/${paymentId}/dev-pay`,
    headers: online.session.headers,
  });
  expect(paid.json().status).toBe('paid');
  return { online, paymentId };
}

const settle = () =>
  settleDueDealsEverywhere(
    { database: env.database, clock, log: env.app.log as never },
    { tenantId: tenant.id },
  );

describe('a failed group deal paid online', () => {
  it('refunds the online payment through its provider, once; stored value stays', async () => {
    const dealId = await newDeal();
    // One joiner pays online, one from the wallet.
    const { online, paymentId } = await paidOnline(dealId);
    const wallet = await memberWithWallet(env, tenant, owner, 100_000);
    await env.inTenant(tenant.id, (ctx) => joinDeal(ctx, { dealId, customerId: wallet }));
    // Both prices held in escrow, nothing left in the online payer's wallet.
    expect(await walletFen(env, tenant.id, online.customerId)).toBe(0);

    clock.advance(3 * 24 * HOUR);
    await settle();
    await deliverEvents(dealId);

    const refunds = await refundsOf(paymentId);
    expect(refunds).toEqual([
      { number: dealRefundNumber(paymentId), amount_fen: expect.anything(), status: 'succeeded' },
    ]);
    expect(Number(refunds[0]!.amount_fen)).toBe(PRICE);
    const detail = await env.app.inject({
      method: 'GET',
      url: `/api/v1/staff/payments/${paymentId}`,
      headers: (await signInStaff(env.app, tenant.slug, tenant.staff.owner.login)).headers,
    });
    expect(detail.json()).toMatchObject({ status: 'refunded', refundedFen: PRICE });
    // The provider paid it back (its books), and the wallet it was released into is empty.
    const [book] = await queryRows<{ amount_fen: string | number }>(
      env.database.adminDb,
      sql`select amount_fen from dev_provider_transactions
          where tenant_id = ${tenant.id}::uuid and number = ${dealRefundNumber(paymentId)}`,
    );
    expect(Number(book?.amount_fen)).toBe(PRICE);
    expect(await walletFen(env, tenant.id, online.customerId)).toBe(0);
    // The wallet joiner's price is back in the wallet, not refunded anywhere.
    expect(await walletFen(env, tenant.id, wallet)).toBe(100_000);

    // The event again (at least once): nothing more.
    await env.inTenant(tenant.id, (ctx) =>
      refundReleasedDeal(ctx, { dealId, customerId: online.customerId }),
    );
    expect(await refundsOf(paymentId)).toHaveLength(1);
    expect(await walletFen(env, tenant.id, online.customerId)).toBe(0);
    await checkEscrow(env.database.adminDb, tenant.id);
  });

  it('a price already cashed out of the wallet is not refunded twice: left for staff', async () => {
    owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
    const dealId = await newDeal();
    const { online, paymentId } = await paidOnline(dealId);
    clock.advance(3 * 24 * HOUR);
    await settle();
    // Before the refund runs, the released price is paid out at the counter.
    await env.inTenant(tenant.id, (ctx) =>
      refundWallet(
        ctx,
        { customerId: online.customerId, reason: '到店退现', method: 'cash' },
        'cash-out',
      ),
    );
    await deliverEvents(dealId);
    expect(await refundsOf(paymentId)).toEqual([]);
    const [e] = await queryRows<{ detail: { error: string } }>(
      env.database.adminDb,
      sql`select detail from payment_events where payment_id = ${paymentId}::uuid
            and type = 'auto_refund_refused'`,
    );
    expect(e?.detail.error).toBe('STORED_VALUE_INSUFFICIENT');
    await checkEscrow(env.database.adminDb, tenant.id);
  });
});
