// The price list (价目表): the page, and the search that adds a price-list item to an order.
// Other parts of the console use only what this file exports.

export { default as PriceListPage } from './PriceListPage.tsx';
export { AddFromCatalog } from './AddFromCatalog.tsx';
