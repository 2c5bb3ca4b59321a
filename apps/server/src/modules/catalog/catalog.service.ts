// Keeping the price list: adding and changing items (search keys made on save), a package's
// components, archiving and restoring, and a store's own prices. Every change is audited.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { mapConstraintError } from '../../kernel/pg-errors.ts';
import { recordAudit } from '../audit/index.ts';
import { stores } from '../tenancy/index.ts';
import { getCatalogItem, itemRowOf } from './catalog-read.ts';
import {
  assertComponents,
  assertFieldsForKind,
  nameSearchKeys,
  type ComponentRef,
} from './catalog-rules.ts';
import type {
  CatalogItemDto,
  CreateCatalogItemInput,
  UpdateCatalogItemInput,
} from './catalog.schemas.ts';
import {
  catalogItems,
  catalogPackageComponents,
  catalogStockMovements,
  catalogStorePrices,
} from './catalog.tables.ts';

const CONSTRAINTS = {
  catalog_items_part_number_key: { code: 'CATALOG_PART_NUMBER_TAKEN', field: 'partNumber' },
} as const;

async function assertPartNumberFree(ctx: Ctx, partNumber: string, exceptId: string | null) {
  const [clash] = await ctx.tx
    .select({ id: catalogItems.id, name: catalogItems.name, status: catalogItems.status })
    .from(catalogItems)
    .where(
      and(
        eq(catalogItems.partNumber, partNumber),
        exceptId ? ne(catalogItems.id, exceptId) : undefined,
      ),
    );
  if (clash)
    throw new AppError('CATALOG_PART_NUMBER_TAKEN', {
      field: 'partNumber',
      details: { itemId: clash.id, name: clash.name, archived: clash.status === 'archived' },
    });
}

/** Replaces a package's components after checking them against the price list. */
async function writeComponents(ctx: Ctx, packageId: string, components: readonly ComponentRef[]) {
  const ids = [...new Set(components.map((c) => c.itemId))];
  const found = ids.length
    ? await ctx.tx
        .select({ id: catalogItems.id, kind: catalogItems.kind, status: catalogItems.status })
        .from(catalogItems)
        .where(inArray(catalogItems.id, ids))
    : [];
  assertComponents(packageId, components, new Map(found.map((f) => [f.id, f.kind])));
  const archived = components.findIndex(
    (c) => found.find((f) => f.id === c.itemId)?.status === 'archived',
  );
  if (archived >= 0)
    throw new AppError('CATALOG_ITEM_ARCHIVED', { field: `components.${archived}.itemId` });
  await ctx.tx
    .delete(catalogPackageComponents)
    .where(eq(catalogPackageComponents.packageId, packageId));
  await ctx.tx.insert(catalogPackageComponents).values(
    components.map((c, position) => ({
      tenantId: ctx.tenantId,
      packageId,
      position,
      componentId: c.itemId,
      quantity: c.quantity,
    })),
  );
}

/** A count entered by hand is kept with the sales, so the shelf's history reads in one place. */
async function recordCount(ctx: Ctx, itemId: string, before: number | null, after: number | null) {
  if (after === null || after === before) return;
  await ctx.tx.insert(catalogStockMovements).values({
    tenantId: ctx.tenantId,
    id: newId(),
    itemId,
    reason: 'count',
    orderId: null,
    delta: after - (before ?? 0),
    stockAfter: after,
    createdAt: ctx.clock.now(),
  });
}

export async function createCatalogItem(
  ctx: Ctx,
  input: CreateCatalogItemInput,
): Promise<CatalogItemDto> {
  assertFieldsForKind(input.kind, input);
  if (input.kind === 'package' && !input.components)
    throw new AppError('CATALOG_PACKAGE_EMPTY', { field: 'components' });
  if (input.partNumber) await assertPartNumberFree(ctx, input.partNumber, null);
  const id = newId();
  const now = ctx.clock.now();
  const keys = nameSearchKeys(input.name);
  try {
    await ctx.tx.insert(catalogItems).values({
      tenantId: ctx.tenantId,
      id,
      kind: input.kind,
      name: input.name,
      category: input.category,
      nameInitials: keys.initials,
      namePinyin: keys.pinyin,
      standardMinutes: input.standardMinutes ?? null,
      partNumber: input.partNumber ?? null,
      priceFen: input.priceFen ?? null,
      stockQty: input.stockQty ?? null,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    mapConstraintError(err, CONSTRAINTS);
  }
  if (input.components) await writeComponents(ctx, id, input.components);
  await recordCount(ctx, id, null, input.stockQty ?? null);
  await recordAudit(ctx, {
    action: 'catalog.itemCreated',
    entityType: 'catalog_item',
    entityId: id,
    changes: { ...input },
  });
  return getCatalogItem(ctx, id);
}

export async function updateCatalogItem(
  ctx: Ctx,
  itemId: string,
  patch: UpdateCatalogItemInput,
): Promise<CatalogItemDto> {
  const row = await itemRowOf(ctx, itemId);
  assertFieldsForKind(row.kind, patch);
  if (patch.partNumber) await assertPartNumberFree(ctx, patch.partNumber, itemId);
  const { components, ...fields } = patch;
  const changes: Partial<typeof catalogItems.$inferInsert> = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  );
  if (patch.name) {
    const keys = nameSearchKeys(patch.name);
    changes.nameInitials = keys.initials;
    changes.namePinyin = keys.pinyin;
  }
  try {
    await ctx.tx
      .update(catalogItems)
      .set({ ...changes, updatedAt: ctx.clock.now() })
      .where(eq(catalogItems.id, itemId));
  } catch (err) {
    mapConstraintError(err, CONSTRAINTS);
  }
  if (components) await writeComponents(ctx, itemId, components);
  if (patch.stockQty !== undefined) await recordCount(ctx, itemId, row.stockQty, patch.stockQty);
  await recordAudit(ctx, {
    action: 'catalog.itemUpdated',
    entityType: 'catalog_item',
    entityId: itemId,
    changes: { ...patch },
  });
  return getCatalogItem(ctx, itemId);
}

export function setPackageComponents(
  ctx: Ctx,
  itemId: string,
  components: ComponentRef[],
): Promise<CatalogItemDto> {
  return updateCatalogItem(ctx, itemId, { components });
}

/** Active packages that hold the item (an item they hold cannot be archived under them). */
async function activePackagesHolding(ctx: Ctx, itemId: string) {
  return ctx.tx
    .select({ id: catalogItems.id, name: catalogItems.name })
    .from(catalogPackageComponents)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogPackageComponents.packageId))
    .where(
      and(eq(catalogPackageComponents.componentId, itemId), eq(catalogItems.status, 'active')),
    );
}

export async function setCatalogItemStatus(
  ctx: Ctx,
  itemId: string,
  status: 'active' | 'archived',
): Promise<CatalogItemDto> {
  const row = await itemRowOf(ctx, itemId);
  if (status === 'archived') {
    const holders = await activePackagesHolding(ctx, itemId);
    if (holders.length)
      throw new AppError('CATALOG_ITEM_IN_PACKAGE', {
        field: 'itemId',
        details: { packages: holders.map((h) => h.name) },
      });
  }
  if (row.status !== status) {
    await ctx.tx
      .update(catalogItems)
      .set({ status, updatedAt: ctx.clock.now() })
      .where(eq(catalogItems.id, itemId));
    await recordAudit(ctx, {
      action: status === 'archived' ? 'catalog.itemArchived' : 'catalog.itemRestored',
      entityType: 'catalog_item',
      entityId: itemId,
    });
  }
  return getCatalogItem(ctx, itemId);
}

async function assertStoreExists(ctx: Ctx, storeId: string) {
  const [s] = await ctx.tx.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  if (!s) throw new AppError('NOT_FOUND', { field: 'storeId' });
}

export async function setStorePrice(
  ctx: Ctx,
  itemId: string,
  storeId: string,
  priceFen: number,
): Promise<CatalogItemDto> {
  await itemRowOf(ctx, itemId);
  await assertStoreExists(ctx, storeId);
  const now = ctx.clock.now();
  await ctx.tx
    .insert(catalogStorePrices)
    .values({ tenantId: ctx.tenantId, storeId, itemId, priceFen, updatedAt: now })
    .onConflictDoUpdate({
      target: [catalogStorePrices.tenantId, catalogStorePrices.storeId, catalogStorePrices.itemId],
      set: { priceFen, updatedAt: now },
    });
  await recordAudit(ctx, {
    action: 'catalog.storePriceSet',
    entityType: 'catalog_item',
    entityId: itemId,
    changes: { storeId, priceFen },
  });
  return getCatalogItem(ctx, itemId, storeId);
}

export async function clearStorePrice(
  ctx: Ctx,
  itemId: string,
  storeId: string,
): Promise<CatalogItemDto> {
  await itemRowOf(ctx, itemId);
  await assertStoreExists(ctx, storeId);
  const gone = await ctx.tx
    .delete(catalogStorePrices)
    .where(and(eq(catalogStorePrices.itemId, itemId), eq(catalogStorePrices.storeId, storeId)))
    .returning({ itemId: catalogStorePrices.itemId });
  if (gone.length)
    await recordAudit(ctx, {
      action: 'catalog.storePriceCleared',
      entityType: 'catalog_item',
      entityId: itemId,
      changes: { storeId },
    });
  return getCatalogItem(ctx, itemId, storeId);
}
