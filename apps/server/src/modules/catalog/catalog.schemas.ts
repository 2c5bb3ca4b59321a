import { z } from 'zod';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import { CATALOG_KINDS, CATALOG_STATUSES } from './catalog.tables.ts';

/** ¥10,000,000: more is a typo (the same bound as an order line's unit price). */
const MAX_PRICE_FEN = 1_000_000_000;

const PriceFen = z.number().int().min(0).max(MAX_PRICE_FEN).describe('Integer fen (分)');
const PartNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/,
    'Letters, digits, and - . / _ or spaces (e.g. 06L115562B, 04152-YZZA1)',
  )
  .transform((s) => s.toUpperCase())
  .describe('Manufacturer part number (parts only), unique in the price list; kept in upper case');

export const ComponentBody = z.object({
  itemId: z.string().uuid(),
  quantity: z.number().int().min(1).max(999).default(1),
});
const Components = z
  .array(ComponentBody)
  .max(50)
  .describe('Packages only: the labour and parts it holds, each once, with a quantity');

const itemFields = {
  name: z.string().trim().min(1).max(80),
  category: z.enum(SERVICE_CATEGORIES),
  standardMinutes: z
    .number()
    .int()
    .min(1)
    .max(100 * 60)
    .nullish()
    .describe('Labour only: the standard time in minutes (0.5 h = 30)'),
  partNumber: PartNumber.nullish(),
  priceFen: PriceFen.nullish().describe(
    'The list price; on a package, null means the sum of its components',
  ),
  stockQty: z
    .number()
    .int()
    .min(-99_999)
    .max(999_999)
    .nullish()
    .describe('Parts only: the count on the shelf; null = not tracked'),
  components: Components.optional(),
};

export const CreateCatalogItemBody = z.object({ kind: z.enum(CATALOG_KINDS), ...itemFields }).meta({
  example: {
    kind: 'part',
    name: '机油滤芯',
    category: 'oil_change',
    partNumber: '06L115562B',
    priceFen: 6800,
    stockQty: 24,
  },
});
export type CreateCatalogItemInput = z.infer<typeof CreateCatalogItemBody>;

export const UpdateCatalogItemBody = z
  .object(itemFields)
  .partial()
  .meta({ example: { priceFen: 7200, stockQty: 30 } });
export type UpdateCatalogItemInput = z.infer<typeof UpdateCatalogItemBody>;

export const ComponentsBody = z.object({ components: Components }).meta({
  example: {
    components: [
      { itemId: '01900000-0000-7000-8000-000000000011', quantity: 1 },
      { itemId: '01900000-0000-7000-8000-000000000012', quantity: 4 },
    ],
  },
});

export const StorePriceBody = z
  .object({ priceFen: PriceFen })
  .meta({ example: { priceFen: 6500 } });

export const CatalogListQuery = z.object({
  q: z
    .string()
    .max(80)
    .optional()
    .describe(
      'Name (any part), pinyin initials (prefix: "jylx" finds 机油滤芯), full pinyin, or part number',
    ),
  kind: z.enum(CATALOG_KINDS).optional(),
  status: z.enum([...CATALOG_STATUSES, 'all']).default('active'),
  storeId: z.string().uuid().optional().describe('Give prices in force at this store'),
  limit: LimitQuery,
  cursor: CursorQuery,
});
export type CatalogListInput = z.infer<typeof CatalogListQuery>;

export const StoreQuery = z.object({ storeId: z.string().uuid().optional() });

export const FromCatalogBody = z
  .object({
    itemId: z.string().uuid(),
    quantity: z.number().int().min(1).max(999).default(1),
  })
  .meta({ example: { itemId: '01900000-0000-7000-8000-000000000010', quantity: 1 } });

// ---- responses ----

export const CatalogComponentSchema = z.object({
  itemId: z.string(),
  kind: z.enum(CATALOG_KINDS),
  name: z.string(),
  partNumber: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int().describe('The component’s price in force (at the store asked)'),
  status: z.enum(CATALOG_STATUSES),
});

export const CatalogItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CATALOG_KINDS),
    name: z.string(),
    category: z.enum(SERVICE_CATEGORIES),
    nameInitials: z.string(),
    namePinyin: z.string(),
    standardMinutes: z.number().int().nullable(),
    partNumber: z.string().nullable(),
    priceFen: z
      .number()
      .int()
      .nullable()
      .describe('The list price as set; null on a package priced as its components’ sum'),
    listPriceFen: z.number().int().describe('The list price in force (a package’s sum included)'),
    storePriceFen: z
      .number()
      .int()
      .nullable()
      .describe('The asked store’s own price, if it has one'),
    effectivePriceFen: z.number().int().describe('What the asked store charges (else list price)'),
    stockQty: z.number().int().nullable().describe('Negative: more sold than was counted'),
    status: z.enum(CATALOG_STATUSES),
    components: z.array(CatalogComponentSchema),
    storePrices: z.array(
      z.object({ storeId: z.string(), storeName: z.string(), priceFen: z.number().int() }),
    ),
    updatedAt: z.string(),
  })
  .meta({ id: 'CatalogItem' });
export type CatalogItemDto = z.infer<typeof CatalogItemSchema>;

export const CatalogLineSchema = z.object({
  kind: z.enum(['labour', 'part']),
  category: z.enum(SERVICE_CATEGORIES),
  description: z.string(),
  partNumber: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int(),
  labourMinutes: z.number().nullable(),
});
