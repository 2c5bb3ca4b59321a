import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { mapConstraintError } from '../../kernel/pg-errors.ts';
import { recordAudit } from '../audit/index.ts';
import { stores, tenants } from './tenancy.tables.ts';

export async function resolveTenantBySlug(tx: Db, slug: string) {
  const rows = await queryRows<{ tenant_id: string; slug: string; name: string; timezone: string }>(
    tx,
    sql`select * from liuke_tenant_by_slug(${slug})`,
  );
  return rows[0] ?? null;
}

export async function resolveTenantIdBySlug(tx: Db, slug: string): Promise<string> {
  const t = await resolveTenantBySlug(tx, slug);
  if (!t) throw new AppError('NOT_FOUND', { field: 'tenant', details: { tenant: slug } });
  return t.tenant_id;
}

export async function getTenant(ctx: Ctx) {
  const [t] = await ctx.tx.select().from(tenants).where(eq(tenants.tenantId, ctx.tenantId));
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

const storeDto = (s: typeof stores.$inferSelect) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  address: s.address,
  phone: s.phone,
});

/** Stores of the tenant; `only` limits them to a staff member's assigned stores. */
export async function listStoresFor(ctx: Ctx, only: string[] | null) {
  if (only && only.length === 0) return [];
  const rows = await ctx.tx
    .select()
    .from(stores)
    .where(only ? inArray(stores.id, only) : undefined)
    .orderBy(asc(stores.code));
  return rows.map(storeDto);
}

export async function createStore(
  ctx: Ctx,
  input: {
    code: string;
    name: string;
    address?: string | null | undefined;
    phone?: string | null | undefined;
  },
) {
  const [clash] = await ctx.tx
    .select({ id: stores.id })
    .from(stores)
    .where(eq(stores.code, input.code));
  if (clash)
    throw new AppError('VALIDATION_FAILED', {
      field: 'code',
      message: { 'zh-CN': '门店编码已存在', en: 'A store with this code exists' },
    });
  const id = newId();
  const [row] = await ctx.tx
    .insert(stores)
    .values({
      tenantId: ctx.tenantId,
      id,
      code: input.code,
      name: input.name,
      address: input.address ?? null,
      phone: input.phone ?? null,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'store.created',
    entityType: 'store',
    entityId: id,
    changes: { code: input.code, name: input.name },
  });
  return storeDto(row!);
}

export async function updateStore(
  ctx: Ctx,
  id: string,
  patch: Partial<{ name: string; address: string | null; phone: string | null }>,
) {
  const [row] = await ctx.tx
    .update(stores)
    .set({ ...patch, updatedAt: ctx.clock.now() })
    .where(and(eq(stores.id, id)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'store.updated',
    entityType: 'store',
    entityId: id,
    changes: patch,
  });
  return storeDto(row);
}

/**
 * Creates a tenant inside the caller's transaction (opened without a tenant), which from then
 * on acts in the new tenant's scope: a tenant, its first store and owner commit or fail as one.
 */
export async function createTenantHere(
  tx: Db,
  input: { slug: string; name: string; timezone?: string | undefined },
): Promise<{ tenantId: string }> {
  if (await resolveTenantBySlug(tx, input.slug))
    throw new AppError('TENANT_SLUG_TAKEN', { field: 'slug' });
  const tenantId = newId();
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
  try {
    await tx.insert(tenants).values({
      tenantId,
      slug: input.slug,
      name: input.name,
      timezone: input.timezone ?? 'Asia/Shanghai',
    });
  } catch (err) {
    // Two sign-ups racing for one code: the unique key decides.
    mapConstraintError(err, { tenants_slug_key: { code: 'TENANT_SLUG_TAKEN', field: 'slug' } });
  }
  return { tenantId };
}

/**
 * Creates a tenant. Runs as the application role inside the new tenant's scope, like every
 * other write; the row-level policy admits the row because its id is the scope.
 */
export async function createTenant(
  db: Db,
  input: { slug: string; name: string; timezone?: string; tenantId?: string },
  then?: (tx: Db, tenantId: string) => Promise<void>,
): Promise<{ tenantId: string }> {
  const tenantId = input.tenantId ?? newId();
  const existing = await withTenant(db, tenantId, (tx) => resolveTenantBySlug(tx, input.slug));
  if (existing) throw new AppError('TENANT_SLUG_TAKEN', { field: 'slug' });
  await withTenant(db, tenantId, async (tx) => {
    await tx.insert(tenants).values({
      tenantId,
      slug: input.slug,
      name: input.name,
      timezone: input.timezone ?? 'Asia/Shanghai',
    });
    if (then) await then(tx, tenantId);
  });
  return { tenantId };
}

/** What a printed receipt heads with: the business, the store, and the time zone it runs on. */
export async function storeHeader(ctx: Ctx, storeId: string) {
  const [row] = await ctx.tx
    .select({
      tenantName: tenants.name,
      tenantTimeZone: tenants.timezone,
      storeName: stores.name,
      address: stores.address,
      phone: stores.phone,
      storeTimeZone: stores.timezone,
    })
    .from(stores)
    .innerJoin(tenants, eq(tenants.tenantId, stores.tenantId))
    .where(eq(stores.id, storeId));
  if (!row) throw new AppError('NOT_FOUND', { field: 'storeId' });
  return {
    tenantName: row.tenantName,
    storeName: row.storeName,
    address: row.address,
    phone: row.phone,
    timeZone: row.storeTimeZone ?? row.tenantTimeZone,
  };
}
