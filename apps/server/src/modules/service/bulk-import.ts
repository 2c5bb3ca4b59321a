// A CSV import's service history, written set-based (one statement per chunk): the import
// decides which orders are new and what changed; a file gives an order's work as one text,
// which becomes the order's one labour line here.
import { inArray } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { bulkUpdate } from '../../db/bulk.ts';
import { serviceOrderItems, serviceOrders, type SERVICE_CATEGORIES } from './service.tables.ts';

type OrderInsert = typeof serviceOrders.$inferInsert;

/** A new order as an import makes it (the tenant and the times of the write are added here). */
export type ImportedOrder = Omit<OrderInsert, 'tenantId' | 'createdAt' | 'updatedAt'>;

/** The columns an import may change on an existing order. */
const IMPORTED_ORDER_COLUMNS = [
  'number',
  'storeId',
  'customerId',
  'vehicleId',
  'status',
  'openedAt',
  'completedAt',
  'paidAt',
  'closedAt',
  'cancelledAt',
  'mileageKm',
  'totalFen',
  'paidFen',
  'externalId',
] as const satisfies (keyof OrderInsert)[];

/** An order's work as one line of text, priced at the order's total. */
export interface ImportedWork {
  orderId: string;
  description: string;
  category: (typeof SERVICE_CATEGORIES)[number];
  priceFen: number;
}

/**
 * Inserts the batch's new orders and updates the changed ones, stamped `at`, then replaces the
 * items of `replaceItemsOf` and writes each `work` as its order's one labour line.
 */
export async function saveImportedOrders(
  ctx: Ctx,
  batch: {
    created: ImportedOrder[];
    changed: Pick<OrderInsert, 'id' | (typeof IMPORTED_ORDER_COLUMNS)[number]>[];
    replaceItemsOf: string[];
    work: ImportedWork[];
  },
  at: Date,
): Promise<void> {
  await bulkInsert(
    ctx.tx,
    serviceOrders,
    batch.created.map((o) => ({ tenantId: ctx.tenantId, ...o, createdAt: at, updatedAt: at })),
  );
  await bulkUpdate(
    ctx.tx,
    serviceOrders,
    batch.changed.map((o) => ({ tenantId: ctx.tenantId, ...o, updatedAt: at })),
    [...IMPORTED_ORDER_COLUMNS, 'updatedAt'],
  );
  if (batch.replaceItemsOf.length)
    await ctx.tx
      .delete(serviceOrderItems)
      .where(inArray(serviceOrderItems.orderId, batch.replaceItemsOf));
  await bulkInsert(
    ctx.tx,
    serviceOrderItems,
    batch.work.map((w) => ({
      tenantId: ctx.tenantId,
      id: newId(),
      orderId: w.orderId,
      position: 1,
      kind: 'labour' as const,
      category: w.category,
      description: w.description,
      partNumber: null,
      quantity: 1,
      unitPriceFen: w.priceFen,
    })),
  );
}
