import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../../db/columns.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import { stores } from '../tenancy/index.ts';

export const CATALOG_KINDS = ['labour', 'part', 'package'] as const;
export const CATALOG_STATUSES = ['active', 'archived'] as const;
export const STOCK_REASONS = ['sale', 'count'] as const;

/**
 * 价目表: a labour item (工时, with its standard time), a part (配件, with its number and, when the
 * shop tracks it, the count on the shelf) or a package (套餐) of other items. A package without a
 * price of its own costs the sum of its components.
 */
export const catalogItems = pgTable(
  'catalog_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: CATALOG_KINDS }).notNull(),
    name: text('name').notNull(),
    category: text('category', { enum: SERVICE_CATEGORIES }).notNull(),
    /** Pinyin initials ("机油滤芯" → "jylx") and the full pinyin ("jiyoulvxin"), made on save. */
    nameInitials: text('name_initials').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    /** Labour: the standard time in minutes (0.5 h = 30). */
    standardMinutes: integer('standard_minutes'),
    /** Parts: the part number, unique in the tenant. */
    partNumber: text('part_number'),
    /** Null only on a package priced as the sum of its components. */
    priceFen: bigint('price_fen', { mode: 'number' }),
    /** Parts: the count on the shelf; null = not tracked. May go below zero (sold off the shelf). */
    stockQty: integer('stock_qty'),
    status: text('status', { enum: CATALOG_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('catalog_items_part_number_key').on(t.tenantId, t.partNumber),
    index('catalog_items_tenant_name_idx').on(t.tenantId, t.name, t.id),
    check('catalog_items_price', sql`${t.priceFen} is not null or ${t.kind} = 'package'`),
    check('catalog_items_price_positive', sql`${t.priceFen} is null or ${t.priceFen} >= 0`),
  ],
);

/** What a package holds: other (non-package) items with a quantity, in order. */
export const catalogPackageComponents = pgTable(
  'catalog_package_components',
  {
    tenantId: tenantId(),
    packageId: uuid('package_id').notNull(),
    position: integer('position').notNull(),
    componentId: uuid('component_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.packageId, t.position] }),
    foreignKey({
      columns: [t.tenantId, t.packageId],
      foreignColumns: [catalogItems.tenantId, catalogItems.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.componentId],
      foreignColumns: [catalogItems.tenantId, catalogItems.id],
    }),
    index('catalog_package_components_component_idx').on(t.tenantId, t.componentId),
    check('catalog_package_components_quantity', sql`${t.quantity} > 0`),
  ],
);

/** A store's own price for an item (门店价), instead of the tenant's list price. */
export const catalogStorePrices = pgTable(
  'catalog_store_prices',
  {
    tenantId: tenantId(),
    storeId: uuid('store_id').notNull(),
    itemId: uuid('item_id').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.storeId, t.itemId] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({
      columns: [t.tenantId, t.itemId],
      foreignColumns: [catalogItems.tenantId, catalogItems.id],
    }).onDelete('cascade'),
    index('catalog_store_prices_item_idx').on(t.tenantId, t.itemId),
    check('catalog_store_prices_price', sql`${t.priceFen} >= 0`),
  ],
);

/**
 * Every change of a tracked part's count: a sale (one row per paid order and part, which makes a
 * redelivered `serviceOrder.paid` change nothing) or a count entered by hand.
 */
export const catalogStockMovements = pgTable(
  'catalog_stock_movements',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    itemId: uuid('item_id').notNull(),
    reason: text('reason', { enum: STOCK_REASONS }).notNull(),
    orderId: uuid('order_id'),
    /** The change (a sale is negative). */
    delta: integer('delta').notNull(),
    stockAfter: integer('stock_after').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('catalog_stock_movements_order_key').on(t.tenantId, t.orderId, t.itemId),
    foreignKey({
      columns: [t.tenantId, t.itemId],
      foreignColumns: [catalogItems.tenantId, catalogItems.id],
    }).onDelete('cascade'),
    index('catalog_stock_movements_item_idx').on(t.tenantId, t.itemId, t.createdAt),
  ],
);
