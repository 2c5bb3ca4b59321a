// Household facts (an address, a payer) recorded for a customer: the fraud rules compare them
// between referrer and referee, written the same way however they were typed.
import type { Ctx } from '../../kernel/context.ts';
import { recordAudit } from '../audit/index.ts';
import { assertCustomer } from './lookups.ts';
import { referralHouseholds } from './referrals.tables.ts';

/** Same address written differently ("北京市朝阳区 望京西园3区" / "北京朝阳区望京西园三区"). */
export function addressKey(address: string | null | undefined): string | null {
  if (!address?.trim()) return null;
  const digits: Record<string, string> = {
    零: '0',
    一: '1',
    二: '2',
    三: '3',
    四: '4',
    五: '5',
    六: '6',
    七: '7',
    八: '8',
    九: '9',
  };
  const key = address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[零一二三四五六七八九]/g, (d) => digits[d]!)
    .replace(/[省市区县]/g, '')
    .replace(/[\s,，.。#\-－—()（）号室栋楼单元]/g, '');
  return key || null;
}
const payerKey = (p: string | null | undefined) =>
  p?.trim() ? p.normalize('NFKC').toLowerCase().replace(/\s+/g, '') : null;

export async function setHousehold(
  ctx: Ctx,
  customerId: string,
  input: { address: string | null; payerRef: string | null },
) {
  const row = {
    addressKey: addressKey(input.address),
    payerKey: payerKey(input.payerRef),
    updatedAt: ctx.clock.now(),
  };
  await ctx.tx
    .insert(referralHouseholds)
    .values({ tenantId: ctx.tenantId, holderId: customerId, ...row })
    .onConflictDoUpdate({
      target: [referralHouseholds.tenantId, referralHouseholds.holderId],
      set: row,
    });
  return { address: row.addressKey, payerRef: row.payerKey };
}

export async function putHousehold(
  ctx: Ctx,
  customerId: string,
  input: { address: string | null; payerRef: string | null },
) {
  await assertCustomer(ctx, customerId);
  const saved = await setHousehold(ctx, customerId, input);
  await recordAudit(ctx, {
    action: 'referral.householdRecorded',
    entityType: 'customer',
    entityId: customerId,
    changes: { address: !!saved.address, payerRef: !!saved.payerRef },
  });
  return saved;
}
