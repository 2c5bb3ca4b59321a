// Service packages (计次卡): products on sale (5 washes valid 365 days), a package sold to a
// customer is a ledger account holding its remaining uses (credited from package_sold), one use
// per visit moves 1 to package_used, and what is left at expiry moves to package_expired.
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import { assertCustomerOrder } from '../service/index.ts';
import { stores } from '../tenancy/index.ts';
import { ensureAccounts, lockAccounts, systemAccount, transfer, transferByKey } from './ledger.ts';
import { addDays } from './ledger-math.ts';
import { customerPackages, ledgerAccounts, packageProducts } from './loyalty.tables.ts';

const productDto = (p: typeof packageProducts.$inferSelect) => ({
  id: p.id,
  name: p.name,
  uses: p.uses,
  validityDays: p.validityDays,
  priceFen: Number(p.priceFen),
  active: p.active,
  createdAt: p.createdAt.toISOString(),
});

export async function listProducts(ctx: Ctx) {
  const rows = await ctx.tx
    .select()
    .from(packageProducts)
    .orderBy(desc(packageProducts.active), asc(packageProducts.name));
  return { items: rows.map(productDto) };
}

export async function createProduct(
  ctx: Ctx,
  input: { name: string; uses: number; validityDays: number; priceFen: number },
) {
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(packageProducts)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      ...input,
      active: true,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'loyalty.packageProductCreated',
    entityType: 'package_product',
    entityId: row!.id,
    changes: input,
  });
  return productDto(row!);
}

export async function updateProduct(
  ctx: Ctx,
  productId: string,
  input: {
    name?: string | undefined;
    uses?: number | undefined;
    validityDays?: number | undefined;
    priceFen?: number | undefined;
    active?: boolean | undefined;
  },
) {
  const [row] = await ctx.tx
    .update(packageProducts)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(eq(packageProducts.id, productId))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', { field: 'productId' });
  await recordAudit(ctx, {
    action: 'loyalty.packageProductUpdated',
    entityType: 'package_product',
    entityId: productId,
    changes: input,
  });
  return productDto(row);
}

export interface CustomerPackageDto {
  id: string;
  customerId: string;
  productId: string;
  name: string;
  total: number;
  remaining: number;
  status: 'active' | 'used_up' | 'expired';
  priceFen: number;
  soldAt: string;
  expiresAt: string;
}

async function packageDto(ctx: Ctx, where: ReturnType<typeof eq>): Promise<CustomerPackageDto[]> {
  const rows = await ctx.tx
    .select({ p: customerPackages, remaining: ledgerAccounts.balance })
    .from(customerPackages)
    .leftJoin(
      ledgerAccounts,
      and(
        eq(ledgerAccounts.tenantId, customerPackages.tenantId),
        eq(ledgerAccounts.ownerCustomerId, customerPackages.customerId),
        eq(ledgerAccounts.kind, sql`'package:' || ${customerPackages.id}::text`),
      ),
    )
    .where(where)
    .orderBy(desc(customerPackages.soldAt), desc(customerPackages.id));
  return rows.map(({ p, remaining }) => ({
    id: p.id,
    customerId: p.customerId,
    productId: p.productId,
    name: p.name,
    total: p.totalUses,
    remaining: Number(remaining ?? 0),
    status: p.status,
    priceFen: Number(p.priceFen),
    soldAt: p.soldAt.toISOString(),
    expiresAt: p.expiresAt.toISOString(),
  }));
}

export const packagesOfCustomer = (ctx: Ctx, customerId: string) =>
  packageDto(ctx, eq(customerPackages.customerId, customerId));

/** Sells a package to a customer: its account is credited with the product's uses. */
export async function sellPackage(
  ctx: Ctx,
  input: { customerId: string; productId: string; storeId?: string | undefined; method: string },
  opKey: string,
): Promise<CustomerPackageDto> {
  const [c] = await ctx.tx
    .select({ id: customers.id, merged: customers.mergedIntoId })
    .from(customers)
    .where(eq(customers.id, input.customerId));
  if (!c || c.merged) throw new AppError('NOT_FOUND', { field: 'customerId' });
  const [product] = await ctx.tx
    .select()
    .from(packageProducts)
    .where(eq(packageProducts.id, input.productId));
  if (!product || !product.active) throw new AppError('NOT_FOUND', { field: 'productId' });
  if (input.storeId) {
    const [s] = await ctx.tx
      .select({ id: stores.id })
      .from(stores)
      .where(eq(stores.id, input.storeId));
    if (!s) throw new AppError('NOT_FOUND', { field: 'storeId' });
  }
  return issuePackage(ctx, input.customerId, product, input.storeId ?? null, input.method, opKey);
}

/**
 * Puts a package of `product` on the customer's card: the package row and its account credited
 * with the product's uses, audited. `opKey` makes a retry answer the package already issued.
 */
async function issuePackage(
  ctx: Ctx,
  customerId: string,
  product: typeof packageProducts.$inferSelect,
  storeId: string | null,
  method: string,
  opKey: string,
): Promise<CustomerPackageDto> {
  // A retry of a sale already made answers that package.
  const prior = await transferByKey(ctx, `${opKey}:sell`);
  if (prior) {
    const [existing] = await ctx.tx
      .select({ id: customerPackages.id })
      .from(customerPackages)
      .where(eq(sql`${customerPackages.id}::text`, prior.referenceId ?? ''));
    if (existing) return (await packageDto(ctx, eq(customerPackages.id, existing.id)))[0]!;
  }
  const now = ctx.clock.now();
  const id = newId();
  await ctx.tx.insert(customerPackages).values({
    tenantId: ctx.tenantId,
    id,
    customerId: customerId,
    productId: product.id,
    name: product.name,
    totalUses: product.uses,
    priceFen: product.priceFen,
    storeId: storeId,
    status: 'active',
    soldAt: now,
    expiresAt: addDays(now, product.validityDays),
  });
  const [account, sold] = await ensureAccounts(ctx, [
    { owner: customerId, kind: `package:${id}` },
    systemAccount('package_sold', customerId),
  ]);
  await transfer(ctx, {
    key: `${opKey}:sell`,
    debit: sold!,
    credit: account!,
    amount: product.uses,
    kind: 'package_sell',
    referenceType: 'customer_package',
    referenceId: id,
    memo: `${product.name} · ¥${(Number(product.priceFen) / 100).toFixed(2)} · ${method}`,
  });
  await recordAudit(ctx, {
    action: 'loyalty.packageSold',
    entityType: 'customer',
    entityId: customerId,
    changes: {
      packageId: id,
      productId: product.id,
      uses: product.uses,
      priceFen: Number(product.priceFen),
      method: method,
    },
  });
  return (await packageDto(ctx, eq(customerPackages.id, id)))[0]!;
}

/**
 * A package coupon (套餐券) redeemed: the package it names goes on the customer's card, as if
 * sold for ¥0. Its product is one on sale with the same name, uses and validity, else a product
 * made for coupons (not on sale). Keyed by the coupon: redeeming cannot issue it twice.
 */
export async function grantPackageForCoupon(
  ctx: Ctx,
  input: {
    customerId: string;
    couponId: string;
    name: string;
    uses: number;
    validDays: number | null;
  },
): Promise<CustomerPackageDto> {
  const validityDays = input.validDays ?? 365;
  let [product] = await ctx.tx
    .select()
    .from(packageProducts)
    .where(
      and(
        eq(packageProducts.name, input.name),
        eq(packageProducts.uses, input.uses),
        eq(packageProducts.validityDays, validityDays),
      ),
    )
    .orderBy(desc(packageProducts.active))
    .limit(1);
  if (!product) {
    const now = ctx.clock.now();
    [product] = await ctx.tx
      .insert(packageProducts)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        name: input.name,
        uses: input.uses,
        validityDays,
        priceFen: 0,
        active: false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
  }
  return issuePackage(ctx, input.customerId, product!, null, 'coupon', `coupon:${input.couponId}`);
}

/**
 * A package of a product put on a customer's card for something paid elsewhere (a group deal's
 * captured hold): the product may be off sale. Keyed: a retry answers the package issued.
 */
export async function grantPackageProduct(
  ctx: Ctx,
  input: { customerId: string; productId: string; key: string; method: string },
): Promise<CustomerPackageDto> {
  const [product] = await ctx.tx
    .select()
    .from(packageProducts)
    .where(eq(packageProducts.id, input.productId));
  if (!product) throw new AppError('NOT_FOUND', { field: 'productId' });
  return issuePackage(ctx, input.customerId, product, null, input.method, input.key);
}

/** One use of a package (one visit), optionally against a service order. */
export async function usePackage(
  ctx: Ctx,
  input: { packageId: string; orderId?: string | undefined; note?: string | undefined },
  opKey: string,
): Promise<CustomerPackageDto> {
  const [pkg] = await ctx.tx
    .select()
    .from(customerPackages)
    .where(eq(customerPackages.id, input.packageId))
    .for('update');
  if (!pkg) throw new AppError('NOT_FOUND', { field: 'packageId' });
  if (input.orderId) await assertCustomerOrder(ctx, pkg.customerId, input.orderId);
  if (await transferByKey(ctx, `${opKey}:use`))
    return (await packageDto(ctx, eq(customerPackages.id, pkg.id)))[0]!;
  const now = ctx.clock.now();
  if (pkg.status !== 'active' || pkg.expiresAt <= now)
    throw new AppError('PACKAGE_NOT_USABLE', {
      field: 'packageId',
      details: { status: pkg.status, expiresAt: pkg.expiresAt.toISOString() },
    });
  const [account, used] = await ensureAccounts(ctx, [
    { owner: pkg.customerId, kind: `package:${pkg.id}` },
    systemAccount('package_used', pkg.customerId),
  ]);
  const balance = (await lockAccounts(ctx, [account!])).get(account!) ?? 0;
  if (balance <= 0)
    throw new AppError('PACKAGE_NOT_USABLE', {
      field: 'packageId',
      details: { status: 'used_up' },
    });
  const t = await transfer(ctx, {
    key: `${opKey}:use`,
    debit: account!,
    credit: used!,
    amount: 1,
    kind: 'package_use',
    referenceType: input.orderId ? 'service_order' : 'customer_package',
    referenceId: input.orderId ?? pkg.id,
    memo: input.note ?? null,
  });
  if (t.debitBalance === 0)
    await ctx.tx
      .update(customerPackages)
      .set({ status: 'used_up' })
      .where(eq(customerPackages.id, pkg.id));
  await recordAudit(ctx, {
    action: 'loyalty.packageUsed',
    entityType: 'customer_package',
    entityId: pkg.id,
    changes: { orderId: input.orderId ?? null, remaining: t.debitBalance },
  });
  return (await packageDto(ctx, eq(customerPackages.id, pkg.id)))[0]!;
}

/** Expires one package past its date: its remaining uses move to package_expired. */
export async function expirePackage(ctx: Ctx, packageId: string): Promise<number> {
  const [pkg] = await ctx.tx
    .select()
    .from(customerPackages)
    .where(
      and(
        eq(customerPackages.id, packageId),
        eq(customerPackages.status, 'active'),
        lte(customerPackages.expiresAt, ctx.clock.now()),
      ),
    )
    .for('update');
  if (!pkg) return 0;
  const [account, expired] = await ensureAccounts(ctx, [
    { owner: pkg.customerId, kind: `package:${pkg.id}` },
    systemAccount('package_expired', pkg.customerId),
  ]);
  const left = (await lockAccounts(ctx, [account!])).get(account!) ?? 0;
  if (left > 0)
    await transfer(ctx, {
      key: `package_expire:${pkg.id}`,
      debit: account!,
      credit: expired!,
      amount: left,
      kind: 'package_expire',
      referenceType: 'customer_package',
      referenceId: pkg.id,
    });
  await ctx.tx
    .update(customerPackages)
    .set({ status: 'expired' })
    .where(eq(customerPackages.id, pkg.id));
  return left;
}
