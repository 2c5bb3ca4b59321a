// The price list as order lines: what an item (a package: its components) comes to on an order
// at a store, and adding those lines to an open order through the service module, which owns
// order lines.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { addItem, getServiceOrder, type ServiceOrderDto } from '../service/index.ts';
import { itemRowOf, loadPriceBook, priceAt } from './catalog-read.ts';
import { expandToLines, type CatalogLine, type ExpandableItem } from './catalog-rules.ts';

export type { CatalogLine };

/**
 * The order lines `quantity` of a price-list item stand for at a store (null: list prices): one
 * line for labour or a part; a package's component lines at the store's prices, scaled to add
 * up to the package's own price (the store's, else the list's) when it has one.
 */
export async function lookupCatalogLines(
  ctx: Ctx,
  input: { itemId: string; storeId: string | null; quantity?: number },
): Promise<CatalogLine[]> {
  const row = await itemRowOf(ctx, input.itemId);
  const book = await loadPriceBook(ctx, [row]);
  const storePrice = input.storeId
    ? book.storePricesOf.get(row.id)?.find((p) => p.storeId === input.storeId)?.priceFen
    : undefined;
  const expandable = (r: typeof row, unitPriceFen: number | null): ExpandableItem => ({
    kind: r.kind,
    name: r.name,
    category: r.category,
    partNumber: r.partNumber,
    standardMinutes: r.standardMinutes,
    unitPriceFen,
  });
  const item = expandable(
    row,
    row.kind === 'package' ? (storePrice ?? row.priceFen) : priceAt(book, row, input.storeId),
  );
  const components = (book.componentsOf.get(row.id) ?? []).map((c) => ({
    item: expandable(c.item, priceAt(book, c.item, input.storeId)),
    quantity: c.quantity,
  }));
  return expandToLines(item, input.quantity ?? 1, components);
}

/**
 * Adds an active item's lines to an open order at the order's store prices; answers the order.
 * The labour minutes of a line are not kept on the order (service's lines have no column for
 * them yet).
 */
export async function addCatalogItemToOrder(
  ctx: Ctx,
  orderId: string,
  input: { itemId: string; quantity: number },
): Promise<ServiceOrderDto> {
  const order = await getServiceOrder(ctx, orderId);
  const row = await itemRowOf(ctx, input.itemId);
  if (row.status !== 'active') throw new AppError('CATALOG_ITEM_ARCHIVED', { field: 'itemId' });
  const lines = await lookupCatalogLines(ctx, { ...input, storeId: order.storeId });
  let result = order;
  // A labour line carries its standard time, as the labour hours recorded (changeable after).
  for (const { labourMinutes, ...line } of lines) {
    const minutes =
      line.kind === 'labour' && labourMinutes !== null ? Math.round(labourMinutes) : null;
    result = await addItem(ctx, orderId, { ...line, labourMinutes: minutes });
  }
  return result;
}
