// Refunds, full and partial, from the console: idempotent by refund number, within the provider's
// limits, the ledger reversed in the same transaction that asks the provider (a provider's
// refusal rolls both back), the result settled by the answer, a notification or a query.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { refundOrder } from '../checkout/index.ts';
import { dealParticipations } from '../deals/index.ts';
import { refundWallet, topUp } from '../loyalty/index.ts';
import { nextQueryAt, refundRefusal, statusAfterRefunds } from './payment-rules.ts';
import { providerCredentials } from './payment-settings.ts';
import { paymentRefunds, payments } from './payments.tables.ts';
import type { RefundFacts, RefundRequest } from './port.ts';
import { PROVIDERS } from './provider-registry.ts';
import { withRetries, providerFailure } from './paying.ts';
import { lockPayment, logPaymentEvent, ORDER_METHOD, type PaymentRow } from './settlement.ts';

type RefundRow = typeof paymentRefunds.$inferSelect;

export interface RefundInput {
  amountFen: number;
  reason: string;
  /** The refund's number (the console makes one per refund form): the same number, one refund. */
  refundNumber: string;
}

const refundRequest = (
  p: PaymentRow,
  r: RefundRow,
  notifyBase: string,
  tenantId: string,
): RefundRequest => ({
  paymentNumber: p.number,
  providerTxnId: p.providerTxnId,
  refundNumber: r.number,
  amountFen: r.amountFen,
  totalFen: p.amountFen,
  currency: p.currency,
  reason: r.reason,
  notifyUrl: `${notifyBase}/api/v1/webhooks/payments/${p.provider}?tenant=${tenantId}`,
});

/** Whether the joiner's hold was released or the joiner left (the price back in the wallet). */
async function dealHoldReleased(ctx: Ctx, p: PaymentRow) {
  const [released] = await ctx.tx
    .select({ id: dealParticipations.id })
    .from(dealParticipations)
    .where(
      and(
        eq(dealParticipations.dealId, p.subjectId),
        eq(dealParticipations.customerId, p.customerId),
        inArray(dealParticipations.status, ['released', 'left']),
      ),
    )
    .limit(1);
  return Boolean(released);
}

/**
 * The ledger side of a refund, by what was bought: a top-up's stored value paid back per the
 * tenant's refund rule (principal out, bonus forfeited as the rule says); a deal's price whose
 * hold was released taken back out of the wallet it returned to; a whole order refunded through
 * checkout's refund workflow. A payment held for review credited nothing to reverse.
 */
async function reverseLedger(ctx: Ctx, p: PaymentRow, r: RefundRow) {
  if (p.status === 'held' || !p.creditedRef) return 'nothing credited';
  if (p.kind === 'top_up' || (p.kind === 'deal' && (await dealHoldReleased(ctx, p)))) {
    await refundWallet(
      ctx,
      {
        customerId: p.customerId,
        principalFen: Math.min(r.amountFen, p.terms.payFen ?? p.amountFen),
        reason: r.reason,
        method: ORDER_METHOD[p.provider],
      },
      `payment-refund:${r.id}`,
    );
    return 'stored value returned';
  }
  if (p.kind === 'order' && r.amountFen + p.refundedFen === p.amountFen && p.refundedFen === 0) {
    await refundOrder(ctx, p.subjectId, { reason: r.reason });
    return 'order refunded';
  }
  return 'money only';
}

export async function requestRefund(
  ctx: Ctx,
  paymentId: string,
  input: RefundInput,
  notifyBase: string,
) {
  const [prior] = await ctx.tx
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.number, input.refundNumber));
  if (prior) {
    if (prior.paymentId !== paymentId || prior.amountFen !== input.amountFen)
      throw new AppError('PAYMENT_REFUND_NUMBER_REUSED', { field: 'refundNumber' });
    return prior;
  }
  const p = await lockPayment(ctx, { id: paymentId });
  if (!p) throw new AppError('NOT_FOUND', { field: 'paymentId' });
  const [stats] = await queryRows<{ n: number | string; last: string | null }>(
    ctx.tx,
    sql`select count(*) as n, max(r.created_at)::text as last from payment_refunds r
        where r.payment_id = ${p.id}::uuid and r.status <> 'failed'`,
  );
  const now = ctx.clock.now();
  const refusal = refundRefusal(
    p,
    { count: Number(stats?.n ?? 0), lastAt: stats?.last ? new Date(stats.last) : null },
    input.amountFen,
    now,
  );
  if (refusal)
    throw new AppError(refusal, {
      field: refusal === 'PAYMENT_REFUND_EXCEEDS_PAID' ? 'amountFen' : 'paymentId',
      details: { refundableFen: p.amountFen - p.refundedFen },
    });
  const [r] = await ctx.tx
    .insert(paymentRefunds)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      paymentId: p.id,
      number: input.refundNumber,
      amountFen: input.amountFen,
      reason: input.reason,
      status: 'pending',
      requestedBy: ctx.actor.id,
      createdAt: now,
    })
    .returning();
  const ledger = await reverseLedger(ctx, p, r!);
  // The refunded amount is taken at once (the CHECK keeps it within what was paid), so two
  // refunds racing cannot both pass.
  await ctx.tx
    .update(payments)
    .set({ refundedFen: sql`${payments.refundedFen} + ${input.amountFen}`, updatedAt: now })
    .where(eq(payments.id, p.id));
  await ctx.tx.update(paymentRefunds).set({ reversedAt: now }).where(eq(paymentRefunds.id, r!.id));
  await logPaymentEvent(ctx, p.id, 'refund_requested', {
    refundNumber: r!.number,
    amountFen: r!.amountFen,
    ledger,
  });
  await recordAudit(ctx, {
    action: 'payments.refundRequested',
    entityType: 'payment',
    entityId: p.id,
    changes: { refundNumber: r!.number, amountFen: r!.amountFen, reason: r!.reason, ledger },
  });
  await askProvider(ctx, p, r!, notifyBase);
  const [after] = await ctx.tx.select().from(paymentRefunds).where(eq(paymentRefunds.id, r!.id));
  return after!;
}

/** Asks the provider to refund; its refusal rolls the whole refund back, no answer is queried. */
async function askProvider(ctx: Ctx, p: PaymentRow, r: RefundRow, notifyBase: string) {
  const now = ctx.clock.now();
  const creds = await providerCredentials(ctx, p.provider, { enabledOnly: false });
  const answer = await withRetries(() =>
    PROVIDERS[p.provider].refund(refundRequest(p, r, notifyBase, ctx.tenantId), creds),
  );
  if (!answer.ok && !answer.retryable) throw providerFailure(answer);
  const locked = (await lockPayment(ctx, { id: p.id }))!;
  if (answer.ok) await applyRefundFacts(ctx, locked, answer.value, 'answer');
  else {
    // No answer: the provider keys the refund by its number, so the query job asks again.
    await ctx.tx
      .update(paymentRefunds)
      .set({ nextQueryAt: nextQueryAt(now, 0) })
      .where(eq(paymentRefunds.id, r.id));
    await logPaymentEvent(ctx, p.id, 'refund_query_later', {
      refundNumber: r.number,
      error: answer.error.slice(0, 300),
    });
  }
}

/** Applies the provider's word on a refund (answer, notification or query); true when it changed. */
export async function applyRefundFacts(
  ctx: Ctx,
  p: PaymentRow,
  facts: RefundFacts,
  source: 'answer' | 'notification' | 'query',
): Promise<boolean> {
  const [r] = await ctx.tx
    .select()
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.number, facts.refundNumber), eq(paymentRefunds.paymentId, p.id)))
    .for('update');
  if (!r || r.status !== 'pending' || facts.state === 'pending') return false;
  const now = ctx.clock.now();
  await ctx.tx
    .update(paymentRefunds)
    .set({
      status: facts.state,
      providerRefundId: facts.providerRefundId,
      settledAt: now,
      nextQueryAt: null,
    })
    .where(eq(paymentRefunds.id, r.id));
  if (facts.state === 'failed') await undoRefund(ctx, p, r);
  const [succeeded] = await queryRows<{ total: number | string }>(
    ctx.tx,
    sql`select coalesce(sum(r.amount_fen), 0) as total from payment_refunds r
        where r.payment_id = ${p.id}::uuid and r.status = 'succeeded'`,
  );
  const after = statusAfterRefunds(p.amountFen, Number(succeeded?.total ?? 0));
  // A held payment stays held (for review) until it is refunded in full.
  if (p.status !== 'held' || after === 'refunded')
    await ctx.tx
      .update(payments)
      .set({ status: after, updatedAt: now })
      .where(eq(payments.id, p.id));
  await logPaymentEvent(ctx, p.id, `refund_${facts.state}`, {
    refundNumber: r.number,
    amountFen: r.amountFen,
    source,
  });
  return true;
}

/** A refund the provider did not make: the amount is refundable again and a top-up re-credited. */
async function undoRefund(ctx: Ctx, p: PaymentRow, r: RefundRow) {
  await ctx.tx
    .update(payments)
    .set({ refundedFen: sql`${payments.refundedFen} - ${r.amountFen}` })
    .where(eq(payments.id, p.id));
  if (p.kind === 'top_up' && r.reversedAt && p.creditedRef)
    await topUp(
      ctx,
      {
        customerId: p.customerId,
        payFen: r.amountFen,
        method: ORDER_METHOD[p.provider],
        note: `退款失败 ${r.number}`,
      },
      `payment-refund-failed:${r.id}`,
    );
}

/** Asks the provider about a refund still pending (the query job). */
export async function settleRefundByQuery(ctx: Ctx, refundId: string, notifyBase: string) {
  const [r] = await ctx.tx
    .select()
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.id, refundId), ne(paymentRefunds.status, 'succeeded')));
  if (!r || r.status !== 'pending') return false;
  const p = (await lockPayment(ctx, { id: r.paymentId }))!;
  const creds = await providerCredentials(ctx, p.provider, { enabledOnly: false });
  const answer = await PROVIDERS[p.provider].queryRefund(
    refundRequest(p, r, notifyBase, ctx.tenantId),
    creds,
  );
  if (answer.ok && answer.value.state !== 'pending')
    return applyRefundFacts(ctx, p, answer.value, 'query');
  await ctx.tx
    .update(paymentRefunds)
    .set({ nextQueryAt: nextQueryAt(ctx.clock.now(), 3) })
    .where(eq(paymentRefunds.id, r.id));
  return false;
}
