// The rules of the price list that need no database: the search keys of a name (pinyin initials
// and full pinyin), which fields each kind of item takes, what a package may hold, what it costs,
// and how an item expands into order lines that add up to its price.
import { pinyin } from 'pinyin-pro';
import { AppError } from '../../kernel/errors.ts';
import type { SERVICE_CATEGORIES } from '../service/index.ts';
import type { CATALOG_KINDS } from './catalog.tables.ts';

export type CatalogKind = (typeof CATALOG_KINDS)[number];
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

const keyOf = (syllables: string[]): string =>
  syllables
    .join('')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z0-9]/g, '');

/**
 * What a name is found by besides itself: its pinyin initials ("机油滤芯" → "jylx") and its full
 * pinyin without tones or spaces ("jiyoulvxin", ü typed as v). Latin letters and digits are kept.
 */
export function nameSearchKeys(name: string): { initials: string; pinyin: string } {
  const options = { toneType: 'none', type: 'array', nonZh: 'consecutive' } as const;
  return {
    initials: keyOf(pinyin(name, { ...options, pattern: 'first' })),
    pinyin: keyOf(pinyin(name, options)),
  };
}

/** A search box entry as matched: the text as typed, and its letters and digits for the keys. */
export function catalogSearchTerms(q: string): { text: string; key: string } | null {
  const text = q.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  return {
    text,
    key: text
      .toLowerCase()
      .replace(/ü/g, 'v')
      .replace(/[^a-z0-9]/g, ''),
  };
}

export interface ItemFields {
  standardMinutes?: number | null | undefined;
  partNumber?: string | null | undefined;
  priceFen?: number | null | undefined;
  stockQty?: number | null | undefined;
  components?: readonly unknown[] | undefined;
}

/** Only a labour item has a standard time, only a part a number and stock, only a package parts. */
export function assertFieldsForKind(kind: CatalogKind, f: ItemFields): void {
  const foreign: [keyof ItemFields, boolean][] = [
    ['standardMinutes', kind !== 'labour' && f.standardMinutes != null],
    ['partNumber', kind !== 'part' && f.partNumber != null],
    ['stockQty', kind !== 'part' && f.stockQty != null],
    ['components', kind !== 'package' && f.components !== undefined],
  ];
  for (const [field, wrong] of foreign)
    if (wrong) throw new AppError('CATALOG_FIELD_NOT_FOR_KIND', { field, details: { kind } });
  if (kind !== 'package' && f.priceFen === null)
    throw new AppError('VALIDATION_FAILED', { field: 'priceFen' });
}

export interface ComponentRef {
  itemId: string;
  quantity: number;
}

/**
 * A package holds at least one item, never itself nor another package (one level keeps the
 * expansion and its price obvious at the desk), and each item once (quantities say how many).
 */
export function assertComponents(
  packageId: string | null,
  components: readonly ComponentRef[],
  kindOf: ReadonlyMap<string, CatalogKind>,
): void {
  if (!components.length) throw new AppError('CATALOG_PACKAGE_EMPTY', { field: 'components' });
  const seen = new Set<string>();
  for (const [i, c] of components.entries()) {
    const field = `components.${i}.itemId`;
    if (c.itemId === packageId || kindOf.get(c.itemId) === 'package')
      throw new AppError('CATALOG_PACKAGE_NESTED', { field, details: { itemId: c.itemId } });
    if (!kindOf.has(c.itemId))
      throw new AppError('CATALOG_COMPONENT_UNKNOWN', { field, details: { itemId: c.itemId } });
    if (seen.has(c.itemId))
      throw new AppError('CATALOG_COMPONENT_REPEATED', { field, details: { itemId: c.itemId } });
    seen.add(c.itemId);
  }
}

/** What a package costs: its own price when set, else the sum of its components. */
export function packagePriceFen(
  explicitFen: number | null,
  components: readonly { quantity: number; unitPriceFen: number }[],
): number {
  if (explicitFen !== null) return explicitFen;
  return components.reduce((sum, c) => sum + c.quantity * c.unitPriceFen, 0);
}

/** An order line as the price list gives it (service's line shape plus the labour time). */
export interface CatalogLine {
  kind: 'labour' | 'part';
  category: ServiceCategory;
  description: string;
  partNumber: string | null;
  quantity: number;
  unitPriceFen: number;
  /** Labour: standard minutes × quantity; null for parts. */
  labourMinutes: number | null;
}

/**
 * Lines re-priced so that they add up to exactly `targetFen`: each unit price is scaled down (or
 * up) in proportion and rounded down; the fen left over go onto one unit of a line — a line of
 * quantity 1 if there is one, else one unit split off the first line — so no line's price is
 * more than a unit's rounding off its share.
 */
export function scaleLinesTo(lines: readonly CatalogLine[], targetFen: number): CatalogLine[] {
  if (!lines.length) return [];
  const sumFen = lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
  if (sumFen === targetFen) return lines.map((l) => ({ ...l }));
  const scaled = lines.map((l) => ({
    ...l,
    unitPriceFen: sumFen === 0 ? 0 : Math.floor((l.unitPriceFen * targetFen) / sumFen),
  }));
  const leftFen = targetFen - scaled.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
  if (leftFen === 0) return scaled;
  const single = scaled.findIndex((l) => l.quantity === 1);
  if (single >= 0) {
    scaled[single]!.unitPriceFen += leftFen;
    return scaled;
  }
  const first = scaled[0]!;
  const perUnitMinutes = first.labourMinutes === null ? null : first.labourMinutes / first.quantity;
  const split: CatalogLine = {
    ...first,
    quantity: 1,
    unitPriceFen: first.unitPriceFen + leftFen,
    labourMinutes: perUnitMinutes,
  };
  first.quantity -= 1;
  if (perUnitMinutes !== null) first.labourMinutes = perUnitMinutes * first.quantity;
  return [first, split, ...scaled.slice(1)];
}

export interface ExpandableItem {
  kind: CatalogKind;
  name: string;
  category: ServiceCategory;
  partNumber: string | null;
  standardMinutes: number | null;
  /** The price in force (the store's, else the list price); null on a package summed up. */
  unitPriceFen: number | null;
}

function lineOf(item: ExpandableItem & { kind: 'labour' | 'part' }, quantity: number, prefix = '') {
  return {
    kind: item.kind,
    category: item.category,
    description: `${prefix}${item.name}`.slice(0, 200),
    partNumber: item.kind === 'part' ? item.partNumber : null,
    quantity,
    unitPriceFen: item.unitPriceFen ?? 0,
    labourMinutes:
      item.kind === 'labour' && item.standardMinutes !== null
        ? item.standardMinutes * quantity
        : null,
  } satisfies CatalogLine;
}

const isLine = (i: ExpandableItem): i is ExpandableItem & { kind: 'labour' | 'part' } =>
  i.kind !== 'package';

/**
 * The order lines `quantity` of an item stand for. Labour and parts are one line; a package is
 * its components' lines ("小保养 · 机油滤芯"), at their prices, scaled to the package's own price
 * when it has one.
 */
export function expandToLines(
  item: ExpandableItem,
  quantity: number,
  components: readonly { item: ExpandableItem; quantity: number }[],
): CatalogLine[] {
  if (isLine(item)) return [lineOf(item, quantity)];
  // One package is priced first, then multiplied: lines stay whole for any quantity.
  const one = components.map(({ item: c, quantity: q }) => {
    if (!isLine(c)) throw new AppError('CATALOG_PACKAGE_NESTED', { field: 'itemId' });
    return lineOf(c, q, `${item.name} · `);
  });
  const priced = item.unitPriceFen === null ? one : scaleLinesTo(one, item.unitPriceFen);
  return priced.map((l) => ({
    ...l,
    quantity: l.quantity * quantity,
    labourMinutes: l.labourMinutes === null ? null : l.labourMinutes * quantity,
  }));
}
