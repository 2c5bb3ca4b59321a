// Reading payments: the console's list (newest first) and one payment with its refunds and
// timeline; the owner's own payments.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { iso, isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { customers } from '../customers/index.ts';
import type { PaymentDto, PaymentListQuery } from './payments.schemas.ts';
import { paymentEvents, paymentRefunds, payments } from './payments.tables.ts';

type Row = typeof payments.$inferSelect;

const dto = (p: Row, customerName: string | null): PaymentDto => ({
  id: p.id,
  number: p.number,
  customerId: p.customerId,
  customerName,
  kind: p.kind,
  subjectId: p.subjectId,
  description: p.description,
  amountFen: p.amountFen,
  refundedFen: p.refundedFen,
  currency: p.currency,
  provider: p.provider,
  channel: p.channel,
  status: p.status,
  providerTxnId: p.providerTxnId,
  heldReason: p.heldReason,
  action: p.status === 'pending' ? p.action : {},
  paidAt: isoOrNull(p.paidAt),
  expiresAt: iso(p.expiresAt),
  createdAt: iso(p.createdAt),
});

export async function listPayments(
  ctx: Ctx,
  q: z.infer<typeof PaymentListQuery>,
): Promise<{ items: PaymentDto[]; nextCursor: string | null }> {
  const paging = newestFirst('payments', 'created_at', q.cursor);
  const rows = await ctx.tx
    .select({ p: payments, name: customers.name, sortKey: paging.sortKey })
    .from(payments)
    .leftJoin(customers, eq(customers.id, payments.customerId))
    .where(
      and(
        q.status ? eq(payments.status, q.status) : undefined,
        q.provider ? eq(payments.provider, q.provider) : undefined,
        q.kind ? eq(payments.kind, q.kind) : undefined,
        q.customerId ? eq(payments.customerId, q.customerId) : undefined,
        paging.after,
      ),
    )
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(q.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, q.limit, (r) => [r.sortKey, r.p.id]);
  return { items: pageRows.map((r) => dto(r.p, r.name)), nextCursor };
}

export async function getPayment(ctx: Ctx, paymentId: string, customerId?: string) {
  const [row] = await ctx.tx
    .select({ p: payments, name: customers.name })
    .from(payments)
    .leftJoin(customers, eq(customers.id, payments.customerId))
    .where(
      and(eq(payments.id, paymentId), customerId ? eq(payments.customerId, customerId) : undefined),
    );
  if (!row) throw new AppError('NOT_FOUND', { field: 'paymentId' });
  const refunds = await ctx.tx
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.paymentId, paymentId))
    .orderBy(asc(paymentRefunds.createdAt));
  const events = await ctx.tx
    .select()
    .from(paymentEvents)
    .where(eq(paymentEvents.paymentId, paymentId))
    .orderBy(asc(paymentEvents.at), asc(paymentEvents.id));
  return {
    ...dto(row.p, row.name),
    refunds: refunds.map((r) => ({
      id: r.id,
      number: r.number,
      amountFen: r.amountFen,
      reason: r.reason,
      status: r.status,
      providerRefundId: r.providerRefundId,
      createdAt: iso(r.createdAt),
      settledAt: isoOrNull(r.settledAt),
    })),
    timeline: events.map((e) => ({ type: e.type, at: iso(e.at), detail: e.detail })),
  };
}
