// Built-in service intervals (glossary defaults; the first of time or distance wins). A tenant
// overrides them per code, for every make or one make (`due_intervals`). An interval is "done"
// by a finished order with an item of its service category or whose description names it
// (a substring test: LIKE is many times cheaper than a regular expression over every item).

export interface BuiltInInterval {
  code: string;
  /** Service category of an order item that counts as doing it (null: by description only). */
  category: string | null;
  /** Words in the item description that count too (zh-CN and lower-case en). */
  keywords: readonly string[];
  intervalKm: number | null;
  intervalMonths: number | null;
  leadDays: number;
  /** Electric cars have no engine oil or air filter. */
  skipElectric: boolean;
  label: { 'zh-CN': string; en: string };
}

export const BUILT_IN_INTERVALS: readonly BuiltInInterval[] = [
  {
    code: 'oil_change',
    category: 'oil_change',
    keywords: ['机油', 'engine oil'],
    intervalKm: 10_000,
    intervalMonths: 12,
    leadDays: 30,
    skipElectric: true,
    label: { 'zh-CN': '更换机油', en: 'Oil change' },
  },
  {
    code: 'tyre_rotation',
    category: null,
    keywords: ['轮胎', 'tyre', 'tire'],
    intervalKm: 10_000,
    intervalMonths: null,
    leadDays: 30,
    skipElectric: false,
    label: { 'zh-CN': '轮胎换位', en: 'Tyre rotation' },
  },
  {
    code: 'air_filter',
    category: null,
    keywords: ['空气滤', '空滤', 'air filter'],
    intervalKm: 20_000,
    intervalMonths: null,
    leadDays: 30,
    skipElectric: true,
    label: { 'zh-CN': '更换空气滤芯', en: 'Air filter' },
  },
  {
    code: 'cabin_filter',
    category: null,
    keywords: ['空调滤', '空调格', 'cabin filter'],
    intervalKm: 20_000,
    intervalMonths: 12,
    leadDays: 30,
    skipElectric: false,
    label: { 'zh-CN': '更换空调滤芯', en: 'Cabin filter' },
  },
  {
    code: 'brake_fluid',
    category: null,
    keywords: ['刹车油', '制动液', 'brake fluid'],
    intervalKm: 40_000,
    intervalMonths: 24,
    leadDays: 30,
    skipElectric: false,
    label: { 'zh-CN': '更换刹车油', en: 'Brake fluid' },
  },
  {
    code: 'coolant',
    category: null,
    keywords: ['冷却液', '防冻液', 'coolant', 'antifreeze'],
    intervalKm: 40_000,
    intervalMonths: 24,
    leadDays: 30,
    skipElectric: false,
    label: { 'zh-CN': '更换冷却液', en: 'Coolant' },
  },
  {
    code: 'battery_check',
    category: 'battery',
    keywords: ['电瓶', '蓄电池', 'battery'],
    intervalKm: null,
    intervalMonths: 36,
    leadDays: 30,
    skipElectric: false,
    label: { 'zh-CN': '蓄电池检测', en: 'Battery check' },
  },
];

export const INTERVAL_CODES = BUILT_IN_INTERVALS.map((i) => i.code) as [string, ...string[]];

export const builtInInterval = (code: string) => BUILT_IN_INTERVALS.find((i) => i.code === code);
