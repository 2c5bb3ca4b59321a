// The providers' notifications and our queries: the only two ways a payment becomes paid (the
// owner's return page never does). A notification is verified to the letter of its provider
// before anything in it is believed; the whole of its effect commits before we answer, so a
// crash before the answer makes the provider send it again, and the second time finds the
// payment settled.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { eq } from 'drizzle-orm';
import { nextQueryAt } from './payment-rules.ts';
import { providerCredentials } from './payment-settings.ts';
import { payments, type PaymentProviderName } from './payments.tables.ts';
import { NotificationRejected, type RawNotification } from './port.ts';
import { PROVIDERS } from './provider-registry.ts';
import { applyRefundFacts } from './refunds.ts';
import { applyTrade, lockPayment, logPaymentEvent, type ApplyResult } from './settlement.ts';

export type NotificationOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Verifies and applies one notification. Throws NotificationRejected when it does not verify or
 * names no payment of this tenant at this provider.
 */
export async function handleNotification(
  ctx: Ctx,
  providerName: PaymentProviderName,
  raw: RawNotification,
): Promise<NotificationOutcome> {
  let creds;
  try {
    // A provider turned off since still has its payments' notifications believed.
    creds = await providerCredentials(ctx, providerName, { enabledOnly: false });
  } catch (err) {
    if (err instanceof AppError) throw new NotificationRejected(`not configured: ${err.code}`);
    throw err;
  }
  const provider = PROVIDERS[providerName];
  const verified = await provider.verifyNotification(raw, creds, ctx.clock.now());
  if (verified.type === 'ignored') return 'ignored';
  const number = verified.type === 'trade' ? verified.trade.number : verified.paymentNumber;
  const p = await lockPayment(ctx, { number });
  if (!p || p.provider !== providerName) throw new NotificationRejected('unknown payment');
  if (verified.type === 'refund') {
    const applied = await applyRefundFacts(ctx, p, verified.refund, 'notification');
    return applied ? 'applied' : 'duplicate';
  }
  await logPaymentEvent(ctx, p.id, 'notified', {
    eventId: verified.eventId,
    state: verified.trade.state,
  });
  const r = await applyTrade(ctx, p, verified.trade, 'notification');
  return r.credited || r.status !== p.status ? 'applied' : 'duplicate';
}

/**
 * Asks the provider about a payment and applies the answer (a notification that never came, the
 * result page's "check now", the development provider's click). A failed query is kept on the
 * timeline and asked again later.
 */
export async function settleByQuery(ctx: Ctx, paymentId: string): Promise<ApplyResult | null> {
  const p = await lockPayment(ctx, { id: paymentId });
  if (!p) throw new AppError('NOT_FOUND', { field: 'paymentId' });
  if (p.status !== 'pending' && p.status !== 'closed') return { status: p.status, credited: false };
  const creds = await providerCredentials(ctx, p.provider, { enabledOnly: false });
  const r = await PROVIDERS[p.provider].query(p.number, p.providerTxnId, creds);
  const now = ctx.clock.now();
  if (!r.ok) {
    await logPaymentEvent(ctx, p.id, 'query_failed', {
      retryable: r.retryable,
      error: r.error.slice(0, 300),
    });
    await ctx.tx
      .update(payments)
      .set({
        queryAttempts: p.queryAttempts + 1,
        nextQueryAt: p.status === 'pending' ? nextQueryAt(now, p.queryAttempts + 1) : null,
        updatedAt: now,
      })
      .where(eq(payments.id, p.id));
    return null;
  }
  if (r.value.number && r.value.number !== p.number) return null;
  const applied = await applyTrade(ctx, p, { ...r.value, number: p.number }, 'query');
  if (applied.status === 'pending') {
    await ctx.tx
      .update(payments)
      .set({
        queryAttempts: p.queryAttempts + 1,
        nextQueryAt: nextQueryAt(now, p.queryAttempts + 1),
        updatedAt: now,
      })
      .where(eq(payments.id, p.id));
  }
  return applied;
}
