// The shelf count of tracked parts: a paid order takes its parts off the shelf, matched by part
// number. A count may go below zero — the shop sold what was on the shelf even if the count was
// wrong — and then shows red in the console until someone counts again. Each order takes a part
// once (a movement per order and part), so a redelivered event changes nothing.
import { inEventTenant } from '../../jobs/system-ctx.ts';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { EventHandler } from '../../jobs/outbox.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { createLogger } from '../../kernel/logger.ts';
import { getServiceOrder } from '../service/index.ts';
import { catalogItems, catalogStockMovements } from './catalog.tables.ts';

const log = createLogger('warn').child({ module: 'catalog' });

/** Quantity sold per part number (upper case, as the price list keeps it). */
export function soldByPartNumber(
  lines: readonly { kind: string; partNumber: string | null; quantity: number }[],
): Map<string, number> {
  const sold = new Map<string, number>();
  for (const l of lines) {
    const pn = l.kind === 'part' ? l.partNumber?.trim().toUpperCase() : undefined;
    if (pn) sold.set(pn, (sold.get(pn) ?? 0) + l.quantity);
  }
  return sold;
}

/** Takes a paid order's tracked parts off the shelf; answers the parts that went below zero. */
export async function takePaidOrderStock(ctx: Ctx, orderId: string) {
  const order = await getServiceOrder(ctx, orderId);
  const sold = soldByPartNumber(order.items);
  if (!sold.size) return { moved: 0, negative: [] as string[] };
  const tracked = await ctx.tx
    .select({ id: catalogItems.id, partNumber: catalogItems.partNumber })
    .from(catalogItems)
    .where(
      and(
        eq(catalogItems.kind, 'part'),
        isNotNull(catalogItems.stockQty),
        inArray(catalogItems.partNumber, [...sold.keys()]),
      ),
    );
  const negative: string[] = [];
  let moved = 0;
  for (const part of tracked) {
    const quantity = sold.get(part.partNumber!) ?? 0;
    // The movement first: its key (order, part) lets one delivery of the event through.
    const [movement] = await ctx.tx
      .insert(catalogStockMovements)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        itemId: part.id,
        reason: 'sale',
        orderId,
        delta: -quantity,
        stockAfter: 0,
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: catalogStockMovements.id });
    if (!movement) continue;
    const [updated] = await ctx.tx
      .update(catalogItems)
      .set({ stockQty: sql`${catalogItems.stockQty} - ${quantity}` })
      .where(eq(catalogItems.id, part.id))
      .returning({ stockQty: catalogItems.stockQty });
    const stockAfter = updated?.stockQty ?? 0;
    await ctx.tx
      .update(catalogStockMovements)
      .set({ stockAfter })
      .where(eq(catalogStockMovements.id, movement.id));
    moved++;
    if (stockAfter < 0) negative.push(part.partNumber!);
  }
  if (negative.length)
    ctx.log.warn({ orderId, partNumbers: negative }, 'tracked parts sold below a zero count');
  return { moved, negative };
}

/** The price list's reactions to other modules' events (wired by the composition root). */
export const CATALOG_EVENT_HANDLERS: { type: string; handle: EventHandler }[] = [
  {
    type: 'serviceOrder.paid',
    handle: async (event, deps) => {
      const p = event.payload.orderId;
      const orderId = typeof p === 'string' && p ? p : event.aggregateId;
      if (orderId) await inEventTenant(event, deps, log, (ctx) => takePaidOrderStock(ctx, orderId));
    },
  },
];
