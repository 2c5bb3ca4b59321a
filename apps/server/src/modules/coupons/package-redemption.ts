// Package coupons (套餐券) redeemed at the counter, without an order: the package is noted on the
// coupon and handed to the module that keeps packages (it registers a hook; coupons does not
// import it).
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { claimCoupon } from './claim.ts';
import { evaluateCoupon } from './coupon-rules.ts';
import { coupons } from './coupons.tables.ts';
import { getCoupon, selectCoupons } from './reading.ts';
import { validationError } from './request-errors.ts';

/**
 * In-transaction hooks when a package coupon is redeemed (loyalty puts the package on the card);
 * registered by the module that owns packages, so coupons does not import it.
 */
export type PackageCouponHook = (
  ctx: Ctx,
  redeemed: {
    customerId: string;
    couponId: string;
    name: string;
    uses: number;
    validDays: number | null;
  },
) => Promise<unknown>;
const packageCouponHooks: PackageCouponHook[] = [];
export const onPackageCouponRedeemed = (hook: PackageCouponHook) => packageCouponHooks.push(hook);

/** Redeems a package coupon once; its template's validity holds, its order rules do not apply. */
export async function redeemPackageCoupon(ctx: Ctx, couponId: string) {
  const [r] = await selectCoupons(ctx, eq(coupons.id, couponId));
  if (!r) throw new AppError('NOT_FOUND', { field: 'couponId' });
  if (r.t.kind !== 'package')
    throw validationError(
      'couponId',
      '只有套餐券可直接核销，其他券请在工单上使用',
      'only package coupons are redeemed without an order; apply the others to an order',
    );
  const now = ctx.clock.now();
  const e = evaluateCoupon(
    r.c,
    {
      ...r.t,
      kind: 'amount_off',
      amountOffFen: 1,
      storeIds: [],
      categories: [],
      minSpendFen: 0,
      partnerId: null,
    },
    { storeId: '', customerId: r.c.customerId, totalFen: 1, categoryTotals: {} },
    now,
  );
  if (!e.ok) throw new AppError(e.reason, { field: 'couponId', details: e.details });
  const note = `${r.t.packageName} ×${r.t.packageUses}${r.t.packageValidDays ? ` / ${r.t.packageValidDays}d` : ''}`;
  const redeemed = {
    customerId: r.c.customerId,
    couponId,
    name: r.t.packageName ?? r.t.name,
    uses: r.t.packageUses ?? 1,
    validDays: r.t.packageValidDays ?? null,
  };
  await claimCoupon(ctx, r.c, {
    at: now,
    note,
    whileClaimed: async () => {
      for (const hook of packageCouponHooks) await hook(ctx, redeemed);
    },
    record: {
      audit: { package: note },
      event: {
        package: { name: r.t.packageName, uses: r.t.packageUses, validDays: r.t.packageValidDays },
      },
    },
  });
  return getCoupon(ctx, couponId);
}
