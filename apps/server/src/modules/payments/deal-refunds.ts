// A group deal that did not happen for a joiner who paid its price online: the money goes back
// the way it came. Deals releases the joiner's hold (the price back in the wallet) and says so
// with `dealParticipation.released`; here the online payment of that deal is refunded through its
// provider, the wallet's principal taken back out in the same transaction (refunds.ts). Once per
// payment: the refund number is made from the payment's id, so a second delivery of the event
// finds the first refund (or the payment refunded).
import { and, eq, inArray } from 'drizzle-orm';
import type { EventHandler } from '../../jobs/outbox.ts';
import { inEventTenant } from '../../jobs/system-ctx.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { createLogger } from '../../kernel/logger.ts';
import { payments } from './payments.tables.ts';
import { requestRefund } from './refunds.ts';
import { logPaymentEvent } from './settlement.ts';

const log = createLogger('warn').child({ module: 'payments' });

/** The refund number of a deal payment's automatic refund: one per payment. */
export const dealRefundNumber = (paymentId: string) => `RD${paymentId.replaceAll('-', '')}`;

let notifyBase = '';
/** Where providers send refund notifications (the worker's public URL). */
export function setRefundNotifyBase(publicUrl: string | undefined) {
  notifyBase = (publicUrl ?? '').replace(/\/+$/u, '');
}

/** The joiner's online payments of the deal still paid, each refunded in what is left of it. */
export async function refundReleasedDeal(
  ctx: Ctx,
  input: { dealId: string; customerId: string },
): Promise<string[]> {
  const paid = await ctx.tx
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.kind, 'deal'),
        eq(payments.subjectId, input.dealId),
        eq(payments.customerId, input.customerId),
        inArray(payments.status, ['paid', 'partially_refunded']),
      ),
    );
  const refunded: string[] = [];
  for (const p of paid) {
    const amountFen = p.amountFen - p.refundedFen;
    if (amountFen <= 0) continue;
    const r = await requestRefund(
      ctx,
      p.id,
      { amountFen, reason: '拼团未成团，自动退款', refundNumber: dealRefundNumber(p.id) },
      notifyBase,
    );
    refunded.push(r.id);
  }
  return refunded;
}

const RETRY_LATER = new Set(['PAYMENT_PROVIDER_UNAVAILABLE']);

export const PAYMENT_EVENT_HANDLERS: { type: string; handle: EventHandler }[] = [
  {
    type: 'dealParticipation.released',
    handle: async (event, deps) => {
      const { dealId, customerId } = event.payload;
      if (typeof dealId !== 'string' || typeof customerId !== 'string') return;
      try {
        await inEventTenant(event, deps, log, (ctx) =>
          refundReleasedDeal(ctx, { dealId, customerId }),
        );
      } catch (err) {
        // A provider out of reach: the event comes again. A refusal (the provider's, or the
        // price already spent from the wallet) is left on the payment's timeline for staff.
        if (!(err instanceof AppError) || RETRY_LATER.has(err.code)) throw err;
        log.warn({ err, dealId, customerId }, 'automatic deal refund refused');
        await inEventTenant(event, deps, log, async (ctx) => {
          const [p] = await ctx.tx
            .select({ id: payments.id })
            .from(payments)
            .where(
              and(
                eq(payments.kind, 'deal'),
                eq(payments.subjectId, dealId),
                eq(payments.customerId, customerId),
              ),
            );
          if (p) await logPaymentEvent(ctx, p.id, 'auto_refund_refused', { error: err.code });
        });
      }
    },
  },
];
