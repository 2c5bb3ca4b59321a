// Reading the price list: the searchable, paged list and one item, each with its components, its
// stores' own prices and the price in force at the store asked. Packages without a price of
// their own are summed from their components at that store.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { stores } from '../tenancy/index.ts';
import { catalogSearchTerms, packagePriceFen } from './catalog-rules.ts';
import type { CatalogItemDto, CatalogListInput } from './catalog.schemas.ts';
import { catalogItems, catalogPackageComponents, catalogStorePrices } from './catalog.tables.ts';

export type ItemRow = typeof catalogItems.$inferSelect;
interface ComponentRow {
  packageId: string;
  quantity: number;
  item: ItemRow;
}
interface StorePriceRow {
  itemId: string;
  storeId: string;
  storeName: string;
  priceFen: number;
}

/** What prices depend on: the packages' components and every store's own prices. */
export interface PriceBook {
  componentsOf: Map<string, ComponentRow[]>;
  storePricesOf: Map<string, StorePriceRow[]>;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

export async function loadPriceBook(ctx: Ctx, items: readonly ItemRow[]): Promise<PriceBook> {
  const packageIds = items.filter((i) => i.kind === 'package').map((i) => i.id);
  const components = packageIds.length
    ? await ctx.tx
        .select({
          packageId: catalogPackageComponents.packageId,
          quantity: catalogPackageComponents.quantity,
          item: catalogItems,
        })
        .from(catalogPackageComponents)
        .innerJoin(catalogItems, eq(catalogItems.id, catalogPackageComponents.componentId))
        .where(inArray(catalogPackageComponents.packageId, packageIds))
        .orderBy(catalogPackageComponents.packageId, catalogPackageComponents.position)
    : [];
  const ids = [...new Set([...items.map((i) => i.id), ...components.map((c) => c.item.id)])];
  const prices = ids.length
    ? await ctx.tx
        .select({
          itemId: catalogStorePrices.itemId,
          storeId: catalogStorePrices.storeId,
          storeName: stores.name,
          priceFen: catalogStorePrices.priceFen,
        })
        .from(catalogStorePrices)
        .innerJoin(stores, eq(stores.id, catalogStorePrices.storeId))
        .where(inArray(catalogStorePrices.itemId, ids))
        .orderBy(asc(stores.code))
    : [];
  return {
    componentsOf: groupBy(components, (c) => c.packageId),
    storePricesOf: groupBy(prices, (p) => p.itemId),
  };
}

/** The price of an item in force at a store (no store: the list price). */
export function priceAt(book: PriceBook, item: ItemRow, storeId: string | null): number {
  const own = storeId
    ? book.storePricesOf.get(item.id)?.find((p) => p.storeId === storeId)
    : undefined;
  if (own) return own.priceFen;
  if (item.kind !== 'package') return item.priceFen ?? 0;
  return packagePriceFen(
    item.priceFen,
    (book.componentsOf.get(item.id) ?? []).map((c) => ({
      quantity: c.quantity,
      unitPriceFen: priceAt(book, c.item, storeId),
    })),
  );
}

export function itemDto(book: PriceBook, item: ItemRow, storeId: string | null): CatalogItemDto {
  const storePrices = book.storePricesOf.get(item.id) ?? [];
  return {
    id: item.id,
    kind: item.kind,
    name: item.name,
    category: item.category,
    nameInitials: item.nameInitials,
    namePinyin: item.namePinyin,
    standardMinutes: item.standardMinutes,
    partNumber: item.partNumber,
    priceFen: item.priceFen,
    listPriceFen: priceAt(book, item, null),
    storePriceFen: storePrices.find((p) => p.storeId === storeId)?.priceFen ?? null,
    effectivePriceFen: priceAt(book, item, storeId),
    stockQty: item.stockQty,
    status: item.status,
    components: (book.componentsOf.get(item.id) ?? []).map((c) => ({
      itemId: c.item.id,
      kind: c.item.kind,
      name: c.item.name,
      partNumber: c.item.partNumber,
      quantity: c.quantity,
      unitPriceFen: priceAt(book, c.item, storeId),
      status: c.item.status,
    })),
    storePrices: storePrices.map(({ storeId: s, storeName, priceFen }) => ({
      storeId: s,
      storeName,
      priceFen,
    })),
    updatedAt: item.updatedAt.toISOString(),
  };
}

export async function itemRowOf(ctx: Ctx, itemId: string, field = 'itemId'): Promise<ItemRow> {
  const [row] = await ctx.tx.select().from(catalogItems).where(eq(catalogItems.id, itemId));
  if (!row) throw new AppError('NOT_FOUND', { field });
  return row;
}

async function assertStore(ctx: Ctx, storeId: string | undefined): Promise<string | null> {
  if (!storeId) return null;
  const [s] = await ctx.tx.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  if (!s) throw new AppError('NOT_FOUND', { field: 'storeId' });
  return s.id;
}

export async function getCatalogItem(
  ctx: Ctx,
  itemId: string,
  storeId?: string,
): Promise<CatalogItemDto> {
  const store = await assertStore(ctx, storeId);
  const row = await itemRowOf(ctx, itemId);
  return itemDto(await loadPriceBook(ctx, [row]), row, store);
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One search box: the name (any part), the pinyin initials (from the start), the full pinyin or
 * the part number (any part, punctuation ignored). A tenant's price list is hundreds of rows, so
 * a scan of the tenant's rows under its policy is enough (no index of its own for `LIKE`).
 */
function searchCondition(q: string | undefined): SQL | undefined {
  const terms = q ? catalogSearchTerms(q) : null;
  if (!terms) return undefined;
  const text = `%${escapeLike(terms.text)}%`;
  const alternatives: SQL[] = [
    sql`${catalogItems.name} ilike ${text}`,
    sql`${catalogItems.partNumber} ilike ${text}`,
  ];
  if (terms.key) {
    alternatives.push(
      sql`${catalogItems.nameInitials} like ${`${terms.key}%`}`,
      sql`${catalogItems.namePinyin} like ${`%${terms.key}%`}`,
      sql`lower(regexp_replace(${catalogItems.partNumber}, '[^A-Za-z0-9]', '', 'g')) like ${`%${terms.key}%`}`,
    );
  }
  return sql`(${sql.join(alternatives, sql` or `)})`;
}

/** The price list by name, searchable, one page at a time. */
export async function listCatalogItems(ctx: Ctx, input: CatalogListInput) {
  const store = await assertStore(ctx, input.storeId);
  // The cursor names the last item read; the page goes on after its (name, id). (An item renamed
  // meanwhile moves the page boundary with it, which a price list can live with.)
  const after = decodeCursor(input.cursor, ['uuid'] as const);
  const rows = await ctx.tx
    .select()
    .from(catalogItems)
    .where(
      and(
        input.kind ? eq(catalogItems.kind, input.kind) : undefined,
        input.status === 'all' ? undefined : eq(catalogItems.status, input.status),
        searchCondition(input.q),
        after
          ? sql`(${catalogItems.name}, ${catalogItems.id}) > (select "c"."name", "c"."id" from "catalog_items" "c" where "c"."id" = ${after[0]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(catalogItems.name), asc(catalogItems.id))
    .limit(input.limit + 1);
  const pageRows = rows.slice(0, input.limit);
  const last = rows.length > input.limit ? pageRows[pageRows.length - 1] : undefined;
  const nextCursor = last ? encodeCursor([last.id]) : null;
  const book = await loadPriceBook(ctx, pageRows);
  return { items: pageRows.map((r) => itemDto(book, r, store)), nextCursor };
}
