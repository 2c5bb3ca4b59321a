// Issuing coupons: a template to many customers at once (ids and/or phones; idempotent by batch
// key; the per-customer limit skips, the budget refuses the whole batch), and one coupon to one
// customer for other modules (campaigns, referrals, partners).
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { emitEvent } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { normalizePhone } from '../../kernel/phone.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import type { CouponDto, IssueInput } from './coupons.schemas.ts';
import { coupons, type CouponSource, type CouponTemplateRow } from './coupons.tables.ts';
import { insertCoupons, type IssueTarget } from './insert-coupons.ts';
import { couponDto, selectCoupons } from './reading.ts';
import { validationError } from './request-errors.ts';
import { templateRow } from './templates.ts';

/** Customers of this tenant among `ids` (merged duplicates resolve to their survivor). */
async function resolveCustomers(ctx: Ctx, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await ctx.tx
    .select({ id: customers.id, mergedIntoId: customers.mergedIntoId })
    .from(customers)
    .where(inArray(customers.id, ids));
  return new Map(rows.map((r) => [r.id, r.mergedIntoId ?? r.id]));
}

async function customersByPhone(ctx: Ctx, phones: string[]) {
  const e164ByInput = new Map<string, string>();
  for (const p of phones) {
    const n = normalizePhone(p);
    if (n.ok) e164ByInput.set(p, n.e164);
  }
  const wanted = [...new Set(e164ByInput.values())];
  const rows = wanted.length
    ? await ctx.tx
        .select({ id: customers.id, phone: customers.phone, mergedIntoId: customers.mergedIntoId })
        .from(customers)
        .where(inArray(customers.phone, wanted))
    : [];
  const byPhone = new Map(rows.map((r) => [r.phone, r.mergedIntoId ?? r.id]));
  const found: string[] = [];
  const unknown: string[] = [];
  for (const p of phones) {
    const id = byPhone.get(e164ByInput.get(p) ?? '');
    if (id) found.push(id);
    else unknown.push(p);
  }
  return { found, unknown };
}

/** How many originals (not replacements) of the template each customer holds. */
async function heldCounts(ctx: Ctx, templateId: string, customerIds: string[]) {
  if (!customerIds.length) return new Map<string, number>();
  const rows = await ctx.tx
    .select({ customerId: coupons.customerId, n: sql<number>`count(*)::int` })
    .from(coupons)
    .where(
      and(
        eq(coupons.templateId, templateId),
        inArray(coupons.customerId, customerIds),
        isNull(coupons.reissuedFromId),
      ),
    )
    .groupBy(coupons.customerId);
  return new Map(rows.map((r) => [r.customerId, Number(r.n)]));
}

/**
 * Splits the wanted customers: those who already got this batch (not counted against their limit
 * again), those at the per-customer limit (skipped), and the targets to issue to.
 */
async function splitBatch(
  ctx: Ctx,
  template: CouponTemplateRow,
  wanted: string[],
  keyOf: (customerId: string) => string,
) {
  const already = wanted.length
    ? await ctx.tx
        .select({ customerId: coupons.customerId })
        .from(coupons)
        .where(
          and(eq(coupons.templateId, template.id), inArray(coupons.issueKey, wanted.map(keyOf))),
        )
    : [];
  const alreadySet = new Set(already.map((r) => r.customerId));
  const held = await heldCounts(ctx, template.id, wanted);
  const overLimit: string[] = [];
  const targets: IssueTarget[] = [];
  for (const customerId of wanted) {
    if (alreadySet.has(customerId)) continue;
    if (
      template.perCustomerLimit !== null &&
      (held.get(customerId) ?? 0) >= template.perCustomerLimit
    )
      overLimit.push(customerId);
    else targets.push({ customerId, issueKey: keyOf(customerId) });
  }
  return { alreadySet, held, overLimit, targets };
}

/**
 * Issues a template to many customers at once (ids and/or phones). With a `batchKey`, issuing
 * the same batch again gives nobody a second coupon. Customers at the per-customer limit are
 * skipped and listed; a budget too small for the batch issues nothing (409).
 */
export async function issueCoupons(
  ctx: Ctx,
  templateId: string,
  input: IssueInput & { source?: CouponSource; sourceRef?: string | null },
) {
  if (!input.customerIds?.length && !input.phones?.length)
    throw validationError('customerIds', '请至少指定一位客户', 'name at least one customer');
  const template = await templateRow(ctx, templateId, true);
  if (template.status !== 'active') throw new AppError('COUPON_TEMPLATE_ARCHIVED');
  const byId = await resolveCustomers(ctx, input.customerIds ?? []);
  const unknownCustomerIds = (input.customerIds ?? []).filter((id) => !byId.has(id));
  const phones = input.phones?.length
    ? await customersByPhone(ctx, input.phones)
    : { found: [], unknown: [] };
  const wanted = [...new Set([...byId.values(), ...phones.found])];
  const batchKey = input.batchKey ?? newId();
  const keyOf = (customerId: string) => `${batchKey}:${customerId}`;

  const { alreadySet, held, overLimit, targets } = await splitBatch(ctx, template, wanted, keyOf);
  // Issuing to one customer who is at the limit is an error, not an empty batch.
  if (wanted.length === 1 && overLimit.length === 1)
    throw new AppError('COUPON_CUSTOMER_LIMIT', {
      field: 'customerIds',
      details: { perCustomerLimit: template.perCustomerLimit, held: held.get(overLimit[0]!) ?? 0 },
    });
  const ids = await insertCoupons(ctx, template, targets, {
    source: input.source ?? (wanted.length > 1 ? 'bulk' : 'manual'),
    sourceRef: input.sourceRef ?? input.batchKey ?? null,
  });
  if (ids.length) {
    await recordAudit(ctx, {
      action: 'coupon.issued',
      entityType: 'coupon_template',
      entityId: templateId,
      changes: { count: ids.length, batchKey, source: input.source ?? null },
    });
    await emitEvent(ctx, {
      type: 'coupon.issued',
      aggregateId: templateId,
      payload: { templateId, count: ids.length, couponIds: ids.slice(0, 1000) },
    });
  }
  const created = ids.length
    ? await selectCoupons(ctx, inArray(coupons.id, ids.slice(0, 200))).orderBy(coupons.id)
    : [];
  return {
    issued: ids.length,
    alreadyIssued: alreadySet.size,
    overLimit,
    unknownPhones: phones.unknown,
    unknownCustomerIds,
    coupons: created.map((r) => couponDto(r, ctx)),
  };
}

/**
 * One coupon for one customer, for other modules (campaigns, referrals, tier perks): `key` makes
 * it idempotent (the same key returns the coupon issued first). Throws as the HTTP route does.
 */
export async function issueCoupon(
  ctx: Ctx,
  input: {
    templateId: string;
    customerId: string;
    key: string;
    source: Exclude<CouponSource, 'reissue'>;
    sourceRef?: string | null;
  },
): Promise<CouponDto> {
  const result = await issueCoupons(ctx, input.templateId, {
    customerIds: [input.customerId],
    batchKey: input.key,
    source: input.source,
    sourceRef: input.sourceRef ?? input.key,
  });
  if (result.unknownCustomerIds.length) throw new AppError('NOT_FOUND', { field: 'customerId' });
  if (result.overLimit.length) throw new AppError('COUPON_CUSTOMER_LIMIT');
  const [r] = await selectCoupons(
    ctx,
    and(
      eq(coupons.templateId, input.templateId),
      eq(coupons.issueKey, `${input.key}:${input.customerId}`),
    ),
  );
  if (!r) throw new AppError('NOT_FOUND', { field: 'customerId' });
  return couponDto(r, ctx);
}
