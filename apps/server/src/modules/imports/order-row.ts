// A service order as one CSV row, shared by the import and the export: the work as one text
// (its items joined), one end time for whatever closed the order, and the category a line of
// work most likely belongs to.
import type { SERVICE_CATEGORIES } from '../service/index.ts';
import type { OrderStatus } from './csv.ts';

export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
type Category = ServiceCategory;
const CATEGORY_WORDS: [RegExp, Category][] = [
  [/机油|保养|机滤|oil/i, 'oil_change'],
  [/轮胎|换胎|补胎|四轮定位|动平衡|tyre|tire/i, 'tyres'],
  [/刹车|制动|brake/i, 'brakes'],
  [/电瓶|蓄电池|battery/i, 'battery'],
  [/年检|年审|检测|inspection/i, 'inspection'],
  [/洗车|美容|打蜡|wash/i, 'wash'],
];
export const guessCategory = (text: string): Category =>
  CATEGORY_WORDS.find(([re]) => re.test(text))?.[1] ?? 'other';

const CATEGORY_VALUES = new Set<string>(['oil_change', 'tyres', 'brakes', 'battery', 'inspection', 'wash', 'other']); // prettier-ignore

/**
 * A DMS's category (维修类别) as ours: our own value as it is, else the words it holds
 * (保养 / 常规保养 → oil_change, 轮胎 → tyres, 刹车 → brakes, 电瓶 / 蓄电池 → battery,
 * 年检 / 检测 → inspection, 洗车 / 美容 → wash), else other — never an error.
 */
export function categoryOf(text: string): Category {
  const key = text.trim().toLowerCase();
  return CATEGORY_VALUES.has(key) ? (key as Category) : guessCategory(key);
}

/** How exports write an order's items, and how an import compares them. */
export const ITEMS_SEPARATOR = '; ';

/** The end of an order as one time: when it was closed, paid, completed or cancelled. */
export const orderEnd = (o: {
  closedAt: Date | null;
  paidAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}) => o.closedAt ?? o.paidAt ?? o.completedAt ?? o.cancelledAt;

/** The status times a row's status and end time stand for. */
export function statusTimes(status: OrderStatus, end: Date | null) {
  const none = { completedAt: null, paidAt: null, closedAt: null, cancelledAt: null };
  switch (status) {
    case 'open':
      return none;
    case 'completed':
      return { ...none, completedAt: end };
    case 'paid':
      return { ...none, completedAt: end, paidAt: end };
    case 'closed':
      return { ...none, completedAt: end, paidAt: end, closedAt: end };
    case 'cancelled':
      return { ...none, cancelledAt: end };
  }
}
