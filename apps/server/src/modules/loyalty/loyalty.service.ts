// Loyalty use-cases: the member summary, ledger history, manual adjustments, redemptions,
// rewards for other modules (grantReward / reverseReward), and the hooks into payments, refunds
// and customer merges.
import { and, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import {
  customerBalances,
  ensureAccount,
  ensureAccounts,
  lockAccounts,
  systemAccount,
  transfer,
} from './ledger.ts';
import { addDays, pointsForPayment } from './ledger-math.ts';
import { customerTiers, ledgerAccounts, ledgerEntries, ledgerTransfers } from './loyalty.tables.ts';
import { earnPoints, expiringSoon, lockPoints, reversePoints, takePoints } from './points.ts';
import { packagesOfCustomer } from './packages.ts';
import {
  assertRedemptionLimits,
  pointsPartValue,
  returnOrderPoints,
  spendPointsOnOrder,
} from './redemption.ts';
import { loadSettings } from './settings.ts';
import { lockWallet, returnOrderSpend, spendForOrder } from './stored-value.ts';
import { checkUpgrade, earnMultiplier, tierSummary } from './tiers.ts';
import type { LoyaltySummary } from './loyalty.schemas.ts';
import { assertCustomerOrder } from '../service/index.ts';

export async function assertCustomer(ctx: Ctx, customerId: string, field = 'customerId') {
  const [c] = await ctx.tx
    .select({ id: customers.id, mergedIntoId: customers.mergedIntoId })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!c || c.mergedIntoId) throw new AppError('NOT_FOUND', { field });
}

/** What a member has: points, stored value, packages, tier (the app's member card reads this). */
export async function getLoyaltySummary(ctx: Ctx, customerId: string): Promise<LoyaltySummary> {
  await assertCustomer(ctx, customerId);
  const balances = await customerBalances(ctx, customerId);
  const bal = (kind: string) => balances.get(kind)?.balance ?? 0;
  const packages = await packagesOfCustomer(ctx, customerId);
  const principalFen = bal('stored_value_principal');
  const bonusFen = bal('stored_value_bonus');
  return {
    points: {
      // Debt (points spent, then reversed) shows as a lower, possibly negative, balance.
      available: bal('points_available') + bal('points_debt'),
      pending: bal('points_pending'),
      expiringSoon: await expiringSoon(ctx, customerId),
    },
    storedValue: { balanceFen: principalFen + bonusFen, principalFen, bonusFen },
    packages: packages
      .filter((p) => p.status === 'active')
      .map((p) => ({
        id: p.id,
        name: p.name,
        remaining: p.remaining,
        total: p.total,
        expiresAt: p.expiresAt,
      })),
    tier: await tierSummary(ctx, customerId),
  };
}

export { ownerHistory } from './owner-history.ts';

export const LEDGER_VIEWS = ['points', 'stored_value', 'packages', 'all'] as const;
export type LedgerView = (typeof LEDGER_VIEWS)[number];

const VIEW_KINDS: Record<Exclude<LedgerView, 'all' | 'packages'>, string[]> = {
  points: ['points_available', 'points_pending', 'points_debt'],
  stored_value: ['stored_value_principal', 'stored_value_bonus'],
};

/** A customer's ledger lines, newest first, each with its account's running balance. */
export async function ledgerHistory(
  ctx: Ctx,
  customerId: string,
  input: { view: LedgerView; limit: number; cursor?: string | undefined },
) {
  // Newest first by `seq`: the order the balances really changed in (see the table).
  const after = decodeCursor(input.cursor, ['int']);
  await assertCustomer(ctx, customerId);
  const kindFilter =
    input.view === 'all'
      ? undefined
      : input.view === 'packages'
        ? sql`${ledgerAccounts.kind} like 'package:%'`
        : inArray(ledgerAccounts.kind, VIEW_KINDS[input.view]);
  const rows = await ctx.tx
    .select({
      id: ledgerEntries.id,
      transferId: ledgerEntries.transferId,
      account: ledgerAccounts.kind,
      amount: ledgerEntries.amount,
      balanceAfter: ledgerEntries.balanceAfter,
      kind: ledgerTransfers.kind,
      referenceType: ledgerTransfers.referenceType,
      referenceId: ledgerTransfers.referenceId,
      reversesTransferId: ledgerTransfers.reversesTransferId,
      memo: ledgerTransfers.memo,
      actorType: ledgerTransfers.actorType,
      createdAt: ledgerEntries.createdAt,
      seq: ledgerEntries.seq,
    })
    .from(ledgerEntries)
    .innerJoin(
      ledgerAccounts,
      and(
        eq(ledgerAccounts.tenantId, ledgerEntries.tenantId),
        eq(ledgerAccounts.id, ledgerEntries.accountId),
      ),
    )
    .innerJoin(
      ledgerTransfers,
      and(
        eq(ledgerTransfers.tenantId, ledgerEntries.tenantId),
        eq(ledgerTransfers.id, ledgerEntries.transferId),
      ),
    )
    .where(
      and(
        eq(ledgerAccounts.ownerCustomerId, customerId),
        kindFilter,
        after ? sql`${ledgerEntries.seq} < ${after[0]}` : undefined,
      ),
    )
    .orderBy(desc(ledgerEntries.seq))
    .limit(input.limit + 1);
  const pageRows = rows.slice(0, input.limit);
  const last = rows.length > input.limit ? pageRows[pageRows.length - 1] : undefined;
  return {
    nextCursor: last ? encodeCursor([Number(last.seq)]) : null,
    items: pageRows.map(({ seq: _seq, ...r }) => ({
      ...r,
      amount: Number(r.amount),
      balanceAfter: Number(r.balanceAfter),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export const ADJUSTABLE = ['points', 'stored_value_principal', 'stored_value_bonus'] as const;

/** Manual correction by an owner or manager, with a reason, in the audit log. */
export async function adjust(
  ctx: Ctx,
  customerId: string,
  input: { account: (typeof ADJUSTABLE)[number]; amount: number; reason: string },
  opKey: string,
) {
  await assertCustomer(ctx, customerId);
  if (!Number.isSafeInteger(input.amount) || input.amount === 0)
    throw new AppError('VALIDATION_FAILED', { field: 'amount' });
  const key = `${opKey}:adjust`;
  const reference = { type: 'adjustment', id: opKey };
  if (input.account === 'points') {
    if (input.amount > 0)
      await earnPoints(ctx, {
        customerId,
        amount: input.amount,
        source: 'adjust',
        reference,
        key,
        memo: input.reason,
      });
    else
      await takePoints(ctx, {
        customerId,
        amount: -input.amount,
        to: 'points_issued',
        kind: 'adjust',
        key,
        reference,
        memo: input.reason,
      });
  } else {
    const wallet = await lockWallet(ctx, customerId);
    const [counter] = await ensureAccounts(ctx, [
      systemAccount('stored_value_adjustment', customerId),
    ]);
    const mine = input.account === 'stored_value_principal' ? wallet.principal : wallet.bonus;
    try {
      await transfer(ctx, {
        key,
        debit: input.amount > 0 ? counter! : mine,
        credit: input.amount > 0 ? mine : counter!,
        amount: Math.abs(input.amount),
        kind: 'adjust',
        referenceType: reference.type,
        referenceId: reference.id,
        memo: input.reason,
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'LEDGER_INSUFFICIENT_BALANCE')
        throw new AppError('STORED_VALUE_INSUFFICIENT', { field: 'amount', cause: err });
      throw err;
    }
  }
  await recordAudit(ctx, {
    action: 'loyalty.adjusted',
    entityType: 'customer',
    entityId: customerId,
    changes: { account: input.account, amount: input.amount, reason: input.reason },
  });
  return getLoyaltySummary(ctx, customerId);
}

/** Points exchanged for something (a gift, a service): taken from available, oldest lots first. */
export async function redeemPoints(
  ctx: Ctx,
  customerId: string,
  input: { points: number; note: string; orderId?: string | undefined },
  opKey: string,
) {
  await assertCustomer(ctx, customerId);
  if (input.orderId) await assertCustomerOrder(ctx, customerId, input.orderId);
  await takePoints(ctx, {
    customerId,
    amount: input.points,
    to: 'points_redeemed',
    kind: 'redeem',
    key: `${opKey}:redeem`,
    reference: input.orderId
      ? { type: 'service_order', id: input.orderId }
      : { type: 'redemption', id: opKey },
    memo: input.note,
  });
  await recordAudit(ctx, {
    action: 'loyalty.pointsRedeemed',
    entityType: 'customer',
    entityId: customerId,
    changes: { ...input },
  });
  await checkUpgrade(ctx, customerId);
  return getLoyaltySummary(ctx, customerId);
}

/** Points for an action (review, referral, event attendance) per the tenant's rules. */
export async function awardAction(
  ctx: Ctx,
  customerId: string,
  input: { action: 'review' | 'referral' | 'event'; referenceId: string },
) {
  await assertCustomer(ctx, customerId);
  const settings = await loadSettings(ctx);
  const amount = settings.points.actions[input.action];
  if (amount > 0)
    await earnPoints(ctx, {
      customerId,
      amount,
      source: input.action,
      reference: { type: input.action, id: input.referenceId },
      key: `action:${input.action}:${input.referenceId}`,
      settings: settings.points,
    });
  await checkUpgrade(ctx, customerId);
  return getLoyaltySummary(ctx, customerId);
}

/**
 * A reward from another module (referrals, events). Points are available at once or pending
 * until `pendingUntil`; stored value is credited as bonus. Idempotent by `idempotencyKey`.
 */
export async function grantReward(
  ctx: Ctx,
  input: {
    customerId: string;
    kind: 'points' | 'stored_value';
    amount: number;
    reason: string;
    reference: { type: string; id: string };
    idempotencyKey: string;
    pendingUntil?: Date | null;
  },
): Promise<{ transferId: string; replayed: boolean }> {
  await assertCustomer(ctx, input.customerId);
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new AppError('VALIDATION_FAILED', { field: 'amount' });
  if (input.kind === 'points') {
    const r = await earnPoints(ctx, {
      customerId: input.customerId,
      amount: input.amount,
      source: 'reward',
      reference: input.reference,
      key: input.idempotencyKey,
      availableAt: input.pendingUntil ?? null,
      memo: input.reason,
    });
    if (!r.replayed) await checkUpgrade(ctx, input.customerId);
    return { transferId: r.transferId, replayed: r.replayed };
  }
  const wallet = await lockWallet(ctx, input.customerId);
  const t = await transfer(ctx, {
    key: input.idempotencyKey,
    debit: wallet.bonusFunding,
    credit: wallet.bonus,
    amount: input.amount,
    kind: 'stored_value_reward',
    referenceType: input.reference.type,
    referenceId: input.reference.id,
    memo: input.reason,
  });
  return { transferId: t.transferId, replayed: t.replayed };
}

/**
 * Takes back what a reference was granted: points as on a refund (debt or shortfall for points
 * already spent); stored value as far as the bonus still holds it (the rest is the shortfall).
 */
export async function reverseReward(ctx: Ctx, input: { reference: { type: string; id: string } }) {
  const points = await reversePoints(ctx, input.reference);
  const grants = await ctx.tx
    .select()
    .from(ledgerTransfers)
    .where(
      and(
        eq(ledgerTransfers.kind, 'stored_value_reward'),
        eq(ledgerTransfers.referenceType, input.reference.type),
        eq(ledgerTransfers.referenceId, input.reference.id),
        sql`not exists (select 1 from ledger_transfers r where r.tenant_id = "ledger_transfers"."tenant_id"
              and r.reverses_transfer_id = "ledger_transfers"."id")`,
      ),
    );
  let storedValueReversed = 0;
  let storedValueShortfall = 0;
  for (const g of grants) {
    const balance = (await lockAccounts(ctx, [g.creditAccountId])).get(g.creditAccountId) ?? 0;
    const take = Math.min(balance, Number(g.amount));
    if (take > 0) {
      await transfer(ctx, {
        key: `reverse:${g.id}`,
        debit: g.creditAccountId,
        credit: g.debitAccountId,
        amount: take,
        kind: 'reward_reversal',
        referenceType: input.reference.type,
        referenceId: input.reference.id,
        reverses: g.id,
      });
    }
    storedValueReversed += take;
    storedValueShortfall += Number(g.amount) - take;
  }
  return {
    points,
    storedValue: { reversed: storedValueReversed, shortfall: storedValueShortfall },
  };
}

// ---------------------------------------------------------------------------------------------
// Steps of the checkout workflow (payment, refund) and the merge hook: each runs inside the
// caller's transaction.

/**
 * Payment: stored value first taken from the wallet (not enough → the payment fails), then
 * pending points on what was actually paid, at the tier's multiplier; then an upgrade check.
 * Points are booked in the payment's transaction rather than from the `serviceOrder.paid` event:
 * they can then never exist for a payment that rolled back, nor be booked twice.
 */
export async function settleOrderPayment(
  ctx: Ctx,
  p: {
    orderId: string;
    number: string;
    customerId: string;
    paidFen: number;
    storedValueFen: number;
    /** The points part of the payment, if any (its value already checked against the rate). */
    pointsPart: { points: number; amountFen: number } | null;
    categoryTotalsFen: Record<string, number>;
  },
) {
  const settings = await loadSettings(ctx);
  const multiplier = await earnMultiplier(ctx, p.customerId, settings.tiers);
  // Points pay part of the order but earn none, and count for no tier.
  const earningFen = p.paidFen - (p.pointsPart?.amountFen ?? 0);
  const points = pointsForPayment(settings.points, {
    paidFen: earningFen,
    categoryTotalsFen: p.categoryTotalsFen,
    tierMultiplier: multiplier,
  });
  // Points before stored value: every transaction touches the tenant's system accounts in the
  // same order (points, then stored value), so two of them cannot deadlock on those rows.
  if (p.pointsPart) {
    assertRedemptionLimits(settings.points.redemption, p.pointsPart, p.paidFen, 'parts');
    await spendPointsOnOrder(ctx, {
      customerId: p.customerId,
      orderId: p.orderId,
      orderNumber: p.number,
      points: p.pointsPart.points,
    });
  }
  if (points > 0) {
    await earnPoints(ctx, {
      customerId: p.customerId,
      amount: points,
      source: 'order',
      reference: { type: 'service_order', id: p.orderId },
      key: `earn:${p.orderId}`,
      availableAt: addDays(ctx.clock.now(), settings.points.returnWindowDays),
      settings: settings.points,
    });
  }
  if (p.storedValueFen > 0)
    await spendForOrder(ctx, {
      customerId: p.customerId,
      orderId: p.orderId,
      amountFen: p.storedValueFen,
    });
  await checkUpgrade(ctx, p.customerId, earningFen);
}

/** What a points part of a payment is worth at the tenant's rate (checked, or a 422). */
export async function valuePointsPart(
  ctx: Ctx,
  part: { points?: number | undefined; amountFen?: number | undefined },
  field: string,
) {
  return pointsPartValue((await loadSettings(ctx)).points.redemption, part, field);
}

/**
 * On refund: the points the order paid with come back first, then the points it earned are taken
 * back (pending first), then the wallet payment is returned.
 */
export async function settleOrderRefund(ctx: Ctx, r: { orderId: string; customerId: string }) {
  await returnOrderPoints(ctx, r);
  const reversal = await reversePoints(ctx, { type: 'service_order', id: r.orderId });
  await returnOrderSpend(ctx, { customerId: r.customerId, orderId: r.orderId });
  if (reversal.shortfall > 0)
    await emitEvent(ctx, {
      type: 'loyalty.pointsShortfall',
      aggregateId: r.customerId,
      payload: { customerId: r.customerId, orderId: r.orderId, ...reversal },
    });
}

/**
 * On merge: the duplicate's balances move to the survivor by transfers (history is never
 * rewritten); the duplicate's tier row goes (the survivor's stays; tiers are recomputed).
 */
export async function mergeLoyalty(ctx: Ctx, m: { survivorId: string; duplicateId: string }) {
  const accounts = await ctx.tx
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ownerCustomerId, m.duplicateId), ne(ledgerAccounts.balance, 0)))
    .orderBy(ledgerAccounts.id);
  if (accounts.length) await lockPoints(ctx, m.survivorId);
  for (const a of accounts) {
    const target = await ensureAccount(ctx, m.survivorId, a.kind);
    const balance = Number(a.balance);
    await transfer(ctx, {
      key: `merge:${m.duplicateId}:${a.id}`,
      debit: balance > 0 ? a.id : target,
      credit: balance > 0 ? target : a.id,
      amount: Math.abs(balance),
      kind: 'merge',
      referenceType: 'customer',
      referenceId: m.duplicateId,
    });
  }
  const [survivorTier] = await ctx.tx
    .select()
    .from(customerTiers)
    .where(and(eq(customerTiers.customerId, m.survivorId), isNotNull(customerTiers.tierCode)));
  if (survivorTier)
    await ctx.tx.delete(customerTiers).where(eq(customerTiers.customerId, m.duplicateId));
}
