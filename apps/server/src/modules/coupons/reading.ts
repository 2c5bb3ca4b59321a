// Reading coupons: one by id or code, the business's list, the car owner's own, and how many a
// customer can still use — each with its template's terms and its state at this moment.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { customers } from '../customers/index.ts';
import { getTenant, listStoresFor } from '../tenancy/index.ts';
import { describeTerms, normalizeCode } from './coupon-rules.ts';
import type { CouponDto } from './coupons.schemas.ts';
import {
  couponTemplates,
  coupons,
  type CouponRow,
  type CouponTemplateRow,
} from './coupons.tables.ts';

const couponColumns = {
  c: coupons,
  t: couponTemplates,
  customerName: customers.name,
  customerPhone: customers.phone,
};

/** A coupon's template and its customer, in its own tenant: the joins of every read. */
export const templateOfCoupon = and(
  eq(couponTemplates.tenantId, coupons.tenantId),
  eq(couponTemplates.id, coupons.templateId),
);
const customerOfCoupon = and(
  eq(customers.tenantId, coupons.tenantId),
  eq(customers.id, coupons.customerId),
);

function stateOf(c: CouponRow, now: Date): CouponDto['state'] {
  if (c.status === 'redeemed') return 'redeemed';
  if (c.status === 'voided') return 'voided';
  if (now < c.validFrom) return 'not_yet_valid';
  if (c.validUntil && now >= c.validUntil) return 'expired';
  return 'valid';
}

export function couponDto(
  r: { c: CouponRow; t: CouponTemplateRow; customerName: string | null },
  ctx: Ctx,
): CouponDto {
  const { c, t } = r;
  return {
    id: c.id,
    code: c.code,
    templateId: c.templateId,
    templateName: t.name,
    kind: t.kind,
    terms: describeTerms(t, ctx.locale),
    customerId: c.customerId,
    customerName: r.customerName,
    status: c.status,
    state: stateOf(c, ctx.clock.now()),
    source: c.source,
    validFrom: c.validFrom.toISOString(),
    validUntil: isoOrNull(c.validUntil),
    issuedAt: c.issuedAt.toISOString(),
    redeemedAt: isoOrNull(c.redeemedAt),
    redeemedOrderId: c.redeemedOrderId,
    discountFen: c.discountFen,
    redemptionNote: c.redemptionNote,
    voidedAt: isoOrNull(c.voidedAt),
    voidReason: c.voidReason,
    reissuedFromId: c.reissuedFromId,
  };
}

/** Coupons with their template and customer (name and phone), as every read shows them. */
export function selectCoupons(ctx: Ctx, where: SQL | undefined) {
  return ctx.tx
    .select(couponColumns)
    .from(coupons)
    .innerJoin(couponTemplates, templateOfCoupon)
    .innerJoin(customers, customerOfCoupon)
    .where(where);
}

export async function getCoupon(ctx: Ctx, id: string): Promise<CouponDto> {
  const [r] = await selectCoupons(ctx, eq(coupons.id, id));
  if (!r) throw new AppError('NOT_FOUND', { field: 'couponId' });
  return couponDto(r, ctx);
}

export async function couponByCode(ctx: Ctx, code: string) {
  const [r] = await selectCoupons(ctx, eq(coupons.code, normalizeCode(code)));
  if (!r) throw new AppError('NOT_FOUND', { field: 'code' });
  return r;
}

export async function listCoupons(
  ctx: Ctx,
  input: {
    customerId?: string | undefined;
    templateId?: string | undefined;
    status?: CouponRow['status'] | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const keyset = newestFirst('coupons', 'issued_at', input.cursor);
  const rows = await ctx.tx
    .select({ ...couponColumns, sortKey: keyset.sortKey })
    .from(coupons)
    .innerJoin(couponTemplates, templateOfCoupon)
    .innerJoin(customers, customerOfCoupon)
    .where(
      and(
        input.customerId ? eq(coupons.customerId, input.customerId) : undefined,
        input.templateId ? eq(coupons.templateId, input.templateId) : undefined,
        input.status ? eq(coupons.status, input.status) : undefined,
        keyset.after,
      ),
    )
    .orderBy(desc(coupons.issuedAt), desc(coupons.id))
    .limit(input.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, input.limit, (r) => [r.sortKey, r.c.id]);
  return { items: pageRows.map((r) => couponDto(r, ctx)), nextCursor };
}

/** The car owner's coupons: valid (incl. not yet valid), used, or expired/voided. */
export async function listMyCoupons(
  ctx: Ctx,
  customerId: string,
  state: 'valid' | 'used' | 'expired' | undefined,
) {
  const now = ctx.clock.now().toISOString();
  const live = sql`(${coupons.validUntil} is null or ${coupons.validUntil} > ${now}::timestamptz)`;
  const filter =
    state === 'valid'
      ? and(eq(coupons.status, 'issued'), live)
      : state === 'used'
        ? eq(coupons.status, 'redeemed')
        : state === 'expired'
          ? sql`(${coupons.status} = 'voided' or (${coupons.status} = 'issued' and not ${live}))`
          : undefined;
  const rows = await selectCoupons(ctx, and(eq(coupons.customerId, customerId), filter))
    .orderBy(desc(coupons.issuedAt), desc(coupons.id))
    .limit(200);
  // The detail sheet's terms: where and on what it applies, read once for the list.
  const storeNames = new Map((await listStoresFor(ctx, null)).map((st) => [st.id, st.name]));
  const { timezone } = await getTenant(ctx);
  return {
    items: rows.map((r) => {
      const {
        customerId: _c,
        customerName: _n,
        voidReason: _v,
        reissuedFromId: _r,
        source: _s,
        ...rest
      } = couponDto(r, ctx);
      return {
        ...rest,
        description: r.t.description,
        minSpendFen: r.t.minSpendFen,
        categories: r.t.categories,
        stores: r.t.storeIds.map((id) => storeNames.get(id) ?? '').filter(Boolean),
        qrPayload: r.c.code,
        timeZone: timezone,
      };
    }),
  };
}

/** How many coupons the customer can use now or later (for the member card). */
export async function validCouponCount(ctx: Ctx, customerId: string): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const [r] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(coupons)
    .where(
      and(
        eq(coupons.customerId, customerId),
        eq(coupons.status, 'issued'),
        sql`(${coupons.validUntil} is null or ${coupons.validUntil} > ${now}::timestamptz)`,
      ),
    );
  return Number(r?.n ?? 0);
}
