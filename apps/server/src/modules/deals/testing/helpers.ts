// Helpers for deals tests: a package product and a coupon template to sell, members with money in
// their wallets, a deal created and published through the staff API, escrow and ledger checks.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows, type Db } from '../../../db/database.ts';
import type { Session, TestEnv, TestTenant } from '../../../testing/harness.ts';
import { topUp } from '../../loyalty/index.ts';
import { checkInvariants, createMember } from '../../loyalty/testing/helpers.ts';

export { checkInvariants, createMember };

export async function packageProduct(env: TestEnv, staff: Session, name = '小保养 3 次套餐') {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/loyalty/package-products',
    headers: staff.headers,
    payload: { name, uses: 3, validityDays: 365, priceFen: 99_000 },
  });
  if (res.statusCode !== 201) throw new Error(`product: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

export async function couponTemplate(env: TestEnv, staff: Session, perCustomerLimit?: number) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/coupon-templates',
    headers: staff.headers,
    payload: {
      name: '全车镀晶券',
      kind: 'free_item',
      freeItemName: '全车镀晶',
      freeItemCategory: 'wash',
      maxDiscountFen: 200_000,
      validDays: 180,
      ...(perCustomerLimit ? { perCustomerLimit } : {}),
    },
  });
  if (res.statusCode !== 201) throw new Error(`template: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

let walletSeq = 0;

/** A member with `fen` of principal in the wallet. */
export async function memberWithWallet(
  env: TestEnv,
  tenant: TestTenant,
  staff: Session,
  fen: number,
  phone?: string,
) {
  const m = await createMember(env, staff, phone ? { phone } : {});
  if (fen > 0)
    await env.inTenant(tenant.id, (ctx) =>
      topUp(ctx, { customerId: m.customerId, payFen: fen, method: 'cash' }, `w-${++walletSeq}`),
    );
  return m.customerId;
}

export async function openDeal(
  env: TestEnv,
  staff: Session,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/deals',
    headers: staff.headers,
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`deal: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  const pub = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/deals/${id}/publish`,
    headers: staff.headers,
  });
  if (pub.statusCode !== 200) throw new Error(`publish: ${pub.statusCode} ${pub.body}`);
  return id;
}

/** A customer's wallet (principal + bonus) in fen. */
export async function walletFen(adminDb: Db, customerId: string): Promise<number> {
  const [r] = await queryRows<{ fen: number | string | null }>(
    adminDb,
    sql`select sum(balance) as fen from ledger_accounts where owner_customer_id = ${customerId}::uuid
      and kind in ('stored_value_principal', 'stored_value_bonus')`,
  );
  return Number(r?.fen ?? 0);
}

/**
 * The escrow invariants of a tenant: the ledger's own, escrow never negative, and the escrow's
 * balance equal to the holds still open (participations holding).
 */
export async function checkEscrow(adminDb: Db, tenantId: string): Promise<void> {
  await checkInvariants(adminDb, tenantId);
  const [r] = await queryRows<{ escrow: number | string; holding: number | string; neg: number }>(
    adminDb,
    sql`select
      coalesce((select sum(a.balance) from ledger_accounts a where a.tenant_id = ${tenantId}::uuid
        and a.kind like 'stored_value_escrow%'), 0) as escrow,
      coalesce((select sum(p.hold_fen) from deal_participations p where p.tenant_id = ${tenantId}::uuid
        and p.status = 'holding'), 0) as holding,
      (select count(*)::int from ledger_accounts a where a.tenant_id = ${tenantId}::uuid
        and a.kind like 'stored_value_escrow%' and a.balance < 0) as neg`,
  );
  expect(Number(r!.escrow), 'escrow balance = sum of open holds').toBe(Number(r!.holding));
  expect(r!.neg, 'no escrow account below zero').toBe(0);
}
