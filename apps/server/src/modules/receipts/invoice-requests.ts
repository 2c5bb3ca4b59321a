// The owner's tax-invoice request on a paid order: entered and edited in the app until the shop
// marks it issued at the desk. One per order; every change goes to the audit log.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { getMyServiceOrder, getServiceOrder } from '../service/index.ts';
import {
  checkInvoiceEditable,
  checkInvoiceRequest,
  normaliseInvoiceRequest,
} from './invoice-rules.ts';
import type { InvoiceRequestDto, InvoiceRequestInput } from './receipts.schemas.ts';
import { invoiceRequests } from './receipts.tables.ts';

type Row = typeof invoiceRequests.$inferSelect;

const dto = (r: Row): InvoiceRequestDto => ({
  id: r.id,
  orderId: r.orderId,
  type: r.type,
  kind: r.kind,
  title: r.title,
  taxNumber: r.taxNumber,
  email: r.email,
  address: r.address,
  phone: r.phone,
  bankName: r.bankName,
  bankAccount: r.bankAccount,
  status: r.status,
  invoiceNumber: r.invoiceNumber,
  issuedAt: r.issuedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

async function rowFor(ctx: Ctx, orderId: string, lock = false): Promise<Row | null> {
  const q = ctx.tx.select().from(invoiceRequests).where(eq(invoiceRequests.orderId, orderId));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The order's invoice request, if one was made. */
export async function invoiceRequestFor(
  ctx: Ctx,
  orderId: string,
): Promise<InvoiceRequestDto | null> {
  const row = await rowFor(ctx, orderId);
  return row ? dto(row) : null;
}

/**
 * The car owner enters (or changes) the invoice details of one of their orders: 404 for an order
 * that is not theirs, 409 before payment or once issued, 422 on the field a rule refuses.
 */
export async function putMyInvoiceRequest(
  ctx: Ctx,
  customerId: string,
  orderId: string,
  input: InvoiceRequestInput,
): Promise<InvoiceRequestDto> {
  const order = await getMyServiceOrder(ctx, customerId, orderId);
  const fields = normaliseInvoiceRequest(input);
  const existing = await rowFor(ctx, orderId, true);
  checkInvoiceEditable(order.status, existing?.status ?? null);
  checkInvoiceRequest(fields);
  const now = ctx.clock.now();
  const [row] = existing
    ? await ctx.tx
        .update(invoiceRequests)
        .set({ ...fields, updatedAt: now })
        .where(eq(invoiceRequests.id, existing.id))
        .returning()
    : await ctx.tx
        .insert(invoiceRequests)
        .values({
          tenantId: ctx.tenantId,
          id: newId(),
          orderId,
          ...fields,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
  // The audit keeps what kind of invoice was asked for, not the person's details.
  await recordAudit(ctx, {
    action: existing ? 'invoice_request.updated' : 'invoice_request.created',
    entityType: 'service_order',
    entityId: orderId,
    changes: { type: fields.type, kind: fields.kind },
  });
  return dto(row!);
}

/** The desk marks the invoice issued (optionally with its number); the owner then sees 已开票. */
export async function markInvoiceIssued(
  ctx: Ctx,
  orderId: string,
  input: { invoiceNumber?: string | null | undefined },
): Promise<InvoiceRequestDto> {
  await getServiceOrder(ctx, orderId);
  const existing = await rowFor(ctx, orderId, true);
  if (!existing) throw new AppError('INVOICE_REQUEST_MISSING', { field: 'orderId' });
  if (existing.status === 'issued') throw new AppError('INVOICE_ALREADY_ISSUED');
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .update(invoiceRequests)
    .set({
      status: 'issued',
      invoiceNumber: input.invoiceNumber || null,
      issuedAt: now,
      issuedBy: ctx.actor.id,
      updatedAt: now,
    })
    .where(eq(invoiceRequests.id, existing.id))
    .returning();
  await recordAudit(ctx, {
    action: 'invoice_request.issued',
    entityType: 'service_order',
    entityId: orderId,
    changes: { invoiceNumber: input.invoiceNumber || null },
  });
  return dto(row!);
}
