import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { page } from '../../kernel/paging.ts';
import { DESK_ROLES, type StaffRole } from '../../kernel/roles.ts';
import { ServiceOrderSchema } from '../service/index.ts';
import { getCatalogItem, listCatalogItems } from './catalog-read.ts';
import {
  CatalogItemSchema,
  CatalogLineSchema,
  CatalogListQuery,
  ComponentsBody,
  CreateCatalogItemBody,
  FromCatalogBody,
  StorePriceBody,
  StoreQuery,
  UpdateCatalogItemBody,
} from './catalog.schemas.ts';
import * as catalog from './catalog.service.ts';
import { addCatalogItemToOrder, lookupCatalogLines } from './lines.ts';

/** Reading the price list is for every member of the team; keeping it, for owner and manager. */
const TEAM: readonly StaffRole[] = ['owner', 'manager', 'advisor', 'technician'];
const KEEPERS: readonly StaffRole[] = ['owner', 'manager'];
const ItemParams = z.object({ itemId: z.string().uuid() });
const StorePriceParams = z.object({ itemId: z.string().uuid(), storeId: z.string().uuid() });
const OrderParams = z.object({ orderId: z.string().uuid() });
const LinesQuery = StoreQuery.extend({
  quantity: z.coerce.number().int().min(1).max(999).default(1),
});
const TAGS = ['price list'];
const WRITE_ERRORS: ErrorCode[] = [
  'CATALOG_PART_NUMBER_TAKEN',
  'CATALOG_FIELD_NOT_FOR_KIND',
  'CATALOG_PACKAGE_EMPTY',
  'CATALOG_PACKAGE_NESTED',
  'CATALOG_COMPONENT_UNKNOWN',
  'CATALOG_COMPONENT_REPEATED',
  'CATALOG_ITEM_ARCHIVED',
  'IDEMPOTENCY_KEY_REUSED',
  'NOT_FOUND',
];

export function catalogRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/catalog/items',
    audience: 'staff',
    roles: TEAM,
    summary: 'The price list (价目表): labour, parts and packages by name, searchable',
    description:
      '`q` finds a name by any part, its pinyin initials from the start ("jylx" → 机油滤芯), its full pinyin, or a part number (punctuation ignored). With `storeId`, `effectivePriceFen` is that store’s price.',
    tags: TAGS,
    querystring: CatalogListQuery,
    response: page(CatalogItemSchema),
    errors: ['CURSOR_INVALID', 'NOT_FOUND'],
    handler: async (ctx, { query }) => listCatalogItems(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/catalog/items',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Add an item to the price list',
    description:
      'Labour takes `standardMinutes`; a part `partNumber` (unique) and `stockQty` (null: not tracked); a package `components` (labour and parts only) and, optionally, a price of its own — without one it costs the sum of its components.',
    tags: TAGS,
    body: CreateCatalogItemBody,
    status: 201,
    response: CatalogItemSchema,
    errors: WRITE_ERRORS,
    handler: async (ctx, { body }) => catalog.createCatalogItem(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/catalog/items/{itemId}',
    audience: 'staff',
    roles: TEAM,
    summary: 'A price-list item with its components and stores’ own prices',
    tags: TAGS,
    params: ItemParams,
    querystring: StoreQuery,
    response: CatalogItemSchema,
    handler: async (ctx, { params, query }) => getCatalogItem(ctx, params.itemId, query.storeId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/catalog/items/{itemId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Change a price-list item (its kind stays)',
    description: 'A new `stockQty` is recorded as a count.',
    tags: TAGS,
    params: ItemParams,
    body: UpdateCatalogItemBody,
    response: CatalogItemSchema,
    errors: WRITE_ERRORS,
    handler: async (ctx, { params, body }) => catalog.updateCatalogItem(ctx, params.itemId, body),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/catalog/items/{itemId}/components',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Set what a package holds (labour and parts, each once, with quantities)',
    tags: TAGS,
    params: ItemParams,
    body: ComponentsBody,
    response: CatalogItemSchema,
    errors: WRITE_ERRORS,
    handler: async (ctx, { params, body }) =>
      catalog.setPackageComponents(ctx, params.itemId, body.components),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/catalog/items/{itemId}/archive',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Archive an item (停用): gone from the search, kept on past orders',
    tags: TAGS,
    params: ItemParams,
    response: CatalogItemSchema,
    errors: ['CATALOG_ITEM_IN_PACKAGE', 'IDEMPOTENCY_KEY_REUSED', 'NOT_FOUND'],
    handler: async (ctx, { params }) =>
      catalog.setCatalogItemStatus(ctx, params.itemId, 'archived'),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/catalog/items/{itemId}/restore',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Bring an archived item back into the price list',
    tags: TAGS,
    params: ItemParams,
    response: CatalogItemSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED', 'NOT_FOUND'],
    handler: async (ctx, { params }) => catalog.setCatalogItemStatus(ctx, params.itemId, 'active'),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/catalog/items/{itemId}/store-prices/{storeId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Give a store its own price for an item (门店价)',
    tags: TAGS,
    params: StorePriceParams,
    body: StorePriceBody,
    response: CatalogItemSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED', 'NOT_FOUND'],
    handler: async (ctx, { params, body }) =>
      catalog.setStorePrice(ctx, params.itemId, params.storeId, body.priceFen),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/catalog/items/{itemId}/store-prices/{storeId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Let a store charge the list price again',
    tags: TAGS,
    params: StorePriceParams,
    response: CatalogItemSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED', 'NOT_FOUND'],
    handler: async (ctx, { params }) => catalog.clearStorePrice(ctx, params.itemId, params.storeId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/catalog/items/{itemId}/lines',
    audience: 'staff',
    roles: TEAM,
    summary: 'The order lines an item comes to at a store (a package: its components)',
    tags: TAGS,
    params: ItemParams,
    querystring: LinesQuery,
    response: z.object({ items: z.array(CatalogLineSchema) }),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, query }) => ({
      items: await lookupCatalogLines(ctx, {
        itemId: params.itemId,
        storeId: query.storeId ?? null,
        quantity: query.quantity,
      }),
    }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/service-orders/{orderId}/items/from-catalog',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Add a price-list item to an open order, at the order’s store prices',
    description:
      'Labour and parts become one line; a package its component lines ("小保养 · 机油滤芯"), adding up to the package price. Answers the whole order.',
    tags: TAGS,
    params: OrderParams,
    body: FromCatalogBody,
    status: 201,
    response: ServiceOrderSchema,
    errors: [
      'SERVICE_ORDER_NOT_OPEN',
      'CATALOG_ITEM_ARCHIVED',
      'IDEMPOTENCY_KEY_REUSED',
      'NOT_FOUND',
    ],
    handler: async (ctx, { params, body }) => addCatalogItemToOrder(ctx, params.orderId, body),
  });
}
