// Catalog: the price list (价目表) — labour, parts and packages with pinyin search, stores' own
// prices, the shelf count of tracked parts — and its items as order lines.
export {
  catalogItems,
  catalogPackageComponents,
  catalogStorePrices,
  catalogStockMovements,
  CATALOG_KINDS,
} from './catalog.tables.ts';
export { CatalogItemSchema, type CatalogItemDto } from './catalog.schemas.ts';
export { getCatalogItem, listCatalogItems } from './catalog-read.ts';
export { lookupCatalogLines, addCatalogItemToOrder, type CatalogLine } from './lines.ts';
export { CATALOG_EVENT_HANDLERS } from './stock.ts';
export { seedDemoCatalog } from './demo.ts';
