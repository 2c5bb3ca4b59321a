// Exactly once into the ledger. A verified fact from the provider (a notification or a query)
// is applied under the payment's row lock: the first "paid" credits what was bought — through the
// owners' functions (loyalty's top-up and package grant, checkout's order payment, deals' join) with
// ledger keys `payment:<paymentId>…` — and every later one (a duplicate, a late or out-of-order
// notification, a query racing it) finds the payment settled and changes nothing. An amount other
// than the one created, or a purchase that can no longer be made (the order paid at the counter
// meanwhile, the deal full), is held for review: nothing is credited.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { payOrder } from '../checkout/index.ts';
import { joinDeal } from '../deals/index.ts';
import { grantPackageProduct, topUp } from '../loyalty/index.ts';
import { decideOnTrade } from './payment-rules.ts';
import { paymentEvents, payments, type PaymentProviderName } from './payments.tables.ts';
import type { TradeFacts } from './port.ts';

export type PaymentRow = typeof payments.$inferSelect;

/** The order-payment method an online payment is recorded as on the service order. */
export const ORDER_METHOD: Record<PaymentProviderName, 'wechat_pay' | 'alipay' | 'card' | 'other'> =
  {
    wechat: 'wechat_pay',
    alipay: 'alipay',
    stripe: 'card',
    dev: 'other',
  };

export async function logPaymentEvent(
  ctx: Ctx,
  paymentId: string,
  type: string,
  detail: Record<string, unknown> = {},
) {
  await ctx.tx.insert(paymentEvents).values({
    tenantId: ctx.tenantId,
    id: newId(),
    paymentId,
    type,
    detail,
    at: ctx.clock.now(),
  });
}

export async function lockPayment(ctx: Ctx, where: { id: string } | { number: string }) {
  const [row] = await ctx.tx
    .select()
    .from(payments)
    .where('id' in where ? eq(payments.id, where.id) : eq(payments.number, where.number))
    .for('update');
  return row ?? null;
}

/** Credits what the payment bought; answers the reference of what was credited. */
async function credit(ctx: Ctx, p: PaymentRow): Promise<string> {
  const key = `payment:${p.id}`;
  const method = ORDER_METHOD[p.provider];
  switch (p.kind) {
    case 'top_up': {
      await topUp(
        ctx,
        {
          customerId: p.customerId,
          payFen: p.terms.payFen ?? p.amountFen,
          bonusFen: p.terms.bonusFen ?? 0,
          method,
          note: p.description,
        },
        key,
      );
      return key;
    }
    case 'package': {
      const pkg = await grantPackageProduct(ctx, {
        customerId: p.customerId,
        productId: p.subjectId,
        key,
        method,
      });
      return `customer_package:${pkg.id}`;
    }
    case 'order': {
      await payOrder(ctx, p.subjectId, { parts: [{ method, amountFen: p.amountFen }] });
      return `service_order:${p.subjectId}`;
    }
    case 'deal': {
      // The price goes into the owner's wallet, and joining holds it there in escrow.
      await topUp(
        ctx,
        { customerId: p.customerId, payFen: p.amountFen, method, note: p.description },
        key,
      );
      await joinDeal(ctx, { dealId: p.subjectId, customerId: p.customerId });
      return `deal:${p.subjectId}`;
    }
  }
}

export interface ApplyResult {
  status: PaymentRow['status'];
  credited: boolean;
}

/**
 * Applies one verified fact to a payment locked by the caller. `source` says where the fact came
 * from (notification or query) for the timeline.
 */
export async function applyTrade(
  ctx: Ctx,
  p: PaymentRow,
  fact: TradeFacts,
  source: 'notification' | 'query',
): Promise<ApplyResult> {
  const decision = decideOnTrade(p, fact);
  const now = ctx.clock.now();
  const detail = {
    source,
    state: fact.state,
    providerTxnId: fact.providerTxnId,
    amountFen: fact.amountFen,
  };
  if (decision.action === 'none') {
    if (decision.why === 'already_settled') await logPaymentEvent(ctx, p.id, 'duplicate', detail);
    return { status: p.status, credited: false };
  }
  if (decision.action === 'close') {
    await ctx.tx
      .update(payments)
      .set({ status: 'closed', nextQueryAt: null, updatedAt: now })
      .where(eq(payments.id, p.id));
    await logPaymentEvent(ctx, p.id, 'closed', detail);
    return { status: 'closed', credited: false };
  }
  const paidFields = {
    providerTxnId: fact.providerTxnId,
    paidAt: fact.paidAt ?? now,
    nextQueryAt: null,
    updatedAt: now,
  };
  if (decision.action === 'hold') return hold(ctx, p, paidFields, decision.reason, detail);
  let creditedRef: string;
  try {
    // A savepoint: a purchase refused by its owner rolls back alone, and the payment is held.
    creditedRef = await ctx.tx.transaction((sp) => credit({ ...ctx, tx: sp }, p));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return hold(ctx, p, paidFields, err.code, { ...detail, error: err.code, field: err.field });
  }
  await ctx.tx
    .update(payments)
    .set({ ...paidFields, status: 'paid', creditedRef })
    .where(eq(payments.id, p.id));
  await logPaymentEvent(ctx, p.id, 'paid', { ...detail, creditedRef });
  await recordAudit(ctx, {
    action: 'payments.paid',
    entityType: 'payment',
    entityId: p.id,
    changes: { kind: p.kind, amountFen: p.amountFen, provider: p.provider, source, creditedRef },
  });
  return { status: 'paid', credited: true };
}

async function hold(
  ctx: Ctx,
  p: PaymentRow,
  paidFields: Partial<PaymentRow>,
  reason: string,
  detail: Record<string, unknown>,
): Promise<ApplyResult> {
  await ctx.tx
    .update(payments)
    .set({ ...paidFields, status: 'held', heldReason: reason })
    .where(eq(payments.id, p.id));
  await logPaymentEvent(ctx, p.id, 'held', { ...detail, reason });
  await recordAudit(ctx, {
    action: 'payments.held',
    entityType: 'payment',
    entityId: p.id,
    changes: { reason, expectedFen: p.amountFen, reportedFen: detail.amountFen ?? null },
  });
  return { status: 'held', credited: false };
}
