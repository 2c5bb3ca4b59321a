// The pure half of imports: each row of a file → typed values or per-cell errors with the same
// rules as the API, and rows written back out (exports, error reports). Decoding and parsing are
// in csv-decode.ts, the fields and the column mapping in fields.ts (re-exported here). No
// database here: the service resolves references (stores, customers, cars) and decides insert /
// update / unchanged.
import { ERROR_CODES, type ErrorCode } from '../../kernel/errors.ts';
import { normalizePhone } from '../../kernel/phone.ts';
import { validatePlate } from '../../kernel/plate.ts';
import { validateVin } from '../../kernel/vin.ts';
import { categoryOf, type ServiceCategory } from './order-row.ts';
import { fieldLabel, type ColumnIndex, type ImportKind, type Mapping } from './fields.ts';
import type { ParsedCsv } from './csv-decode.ts';

export { decodeCsv, parseCsv, type Encoding, type ParsedCsv } from './csv-decode.ts';
export {
  KINDS,
  FIELDS,
  REQUIRED,
  headerKey,
  fieldLabel,
  defaultMapping,
  resolveMapping,
  type ImportKind,
  type Mapping,
  type ColumnIndex,
} from './fields.ts';

type Messages = { 'zh-CN': string; en: string };

// ---------------------------------------------------------------------------------------------
// Values

/** A value read from a cell: undefined when the column is not in the file, null when empty. */
export type Cell<T> = T | null | undefined;

export interface RowError {
  row: number;
  /** The CSV header of the cell (or the field name when the file has no such column). */
  column: string;
  field: string;
  code: ErrorCode;
  message: Messages;
  details?: Record<string, unknown>;
}

class CellError extends Error {
  readonly code: ErrorCode;
  readonly messages: Messages | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, messages?: Messages, details?: Record<string, unknown>) {
    super(code);
    this.code = code;
    this.messages = messages;
    this.details = details;
  }
}

/** Spreadsheet text of a cell: trimmed, with the formula guard of our exports ('=…) removed. */
export function cellText(raw: string | undefined): string {
  const t = (raw ?? '').trim();
  return /^'[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
}

const GENDER_WORDS: Record<string, 'male' | 'female' | 'unknown'> = {
  male: 'male', m: 'male', 男: 'male', 男性: 'male', 先生: 'male',
  female: 'female', f: 'female', 女: 'female', 女性: 'female', 女士: 'female',
  unknown: 'unknown', 未知: 'unknown', 保密: 'unknown', 其他: 'unknown', u: 'unknown',
}; // prettier-ignore

export const CUSTOMER_SOURCE_WORDS: Record<
  string,
  'walk_in' | 'referral' | 'import' | 'campaign' | 'app' | 'other'
> = {
  walk_in: 'walk_in', walkin: 'walk_in', 到店: 'walk_in', 自然到店: 'walk_in', 进店: 'walk_in',
  referral: 'referral', 转介绍: 'referral', 推荐: 'referral', 老带新: 'referral', 介绍: 'referral',
  import: 'import', 导入: 'import',
  campaign: 'campaign', 活动: 'campaign', 营销活动: 'campaign',
  app: 'app', 小程序: 'app', 线上: 'app',
  other: 'other', 其他: 'other',
}; // prettier-ignore

const FUEL_WORDS: Record<string, 'petrol' | 'diesel' | 'hybrid' | 'electric' | 'other'> = {
  petrol: 'petrol', gasoline: 'petrol', gas: 'petrol', 汽油: 'petrol',
  diesel: 'diesel', 柴油: 'diesel',
  hybrid: 'hybrid', 混动: 'hybrid', 混合动力: 'hybrid', 油电混合: 'hybrid', 插电混动: 'hybrid', phev: 'hybrid', hev: 'hybrid', // prettier-ignore
  electric: 'electric', ev: 'electric', bev: 'electric', 纯电: 'electric', 电动: 'electric', 纯电动: 'electric', // prettier-ignore
  other: 'other', 其他: 'other',
}; // prettier-ignore

export type OrderStatus = 'open' | 'completed' | 'paid' | 'closed' | 'cancelled';
const STATUS_WORDS: Record<string, OrderStatus> = {
  open: 'open', 进行中: 'open', 在修: 'open', 维修中: 'open', 未完工: 'open', 开单: 'open',
  completed: 'completed', 已完工: 'completed', 完工: 'completed', 待付款: 'completed',
  paid: 'paid', 已付款: 'paid', 已收款: 'paid',
  closed: 'closed', 已结算: 'closed', 已关闭: 'closed', 已完成: 'closed', 完成: 'closed', 结算: 'closed', 已结账: 'closed', 关闭: 'closed', // prettier-ignore
  cancelled: 'cancelled', canceled: 'cancelled', 已取消: 'cancelled', 取消: 'cancelled', 作废: 'cancelled', 已作废: 'cancelled', // prettier-ignore
}; // prettier-ignore

function word<T>(table: Record<string, T>, text: string, accepted: string): T {
  const v = table[text.toLowerCase().replace(/[\s-]/g, '_')] ?? table[text.toLowerCase()];
  if (v === undefined)
    throw new CellError(
      'IMPORT_VALUE_INVALID',
      {
        'zh-CN': `无法识别“${text}”，可填：${accepted}`,
        en: `“${text}” is not recognised; use one of: ${accepted}`,
      },
      { value: text },
    );
  return v;
}

function maxLength(text: string, max: number): string {
  if (text.length > max)
    throw new CellError(
      'IMPORT_VALUE_TOO_LONG',
      { 'zh-CN': `内容过长（最多 ${max} 个字符）`, en: `Too long (at most ${max} characters)` },
      { max },
    );
  return text;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DATE_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?$/;

/** A calendar date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 → "2024-03-05". */
export function parseDate(text: string): string {
  const m = DATE_RE.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  if (!m || y < 1900 || y > 2200 || !validDate(y, mo, d))
    throw new CellError('IMPORT_DATE_INVALID', undefined, { value: text });
  return `${y}-${pad(mo)}-${pad(d)}`;
}

// Offsets of a timezone, cached per hour: a 100k-row file has few distinct hours' offsets.
const offsetCache = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(utcMs / 3_600_000)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, fmt);
  }
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(utcMs))) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const offset = wall - Math.floor(utcMs / 1000) * 1000;
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The instant of a wall-clock time in a timezone. */
export function zonedToUtc(wallUtcMs: number, timeZone: string): Date {
  const first = zoneOffsetMs(wallUtcMs, timeZone);
  let t = wallUtcMs - first;
  const second = zoneOffsetMs(t, timeZone);
  if (second !== first) t = wallUtcMs - second;
  return new Date(t);
}

/** "YYYY-MM-DD HH:mm:ss" of an instant in a timezone (what exports write). */
export function formatLocal(instant: Date, timeZone: string): string {
  const d = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

const INSTANT_RE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant: ISO 8601 with a zone, or a local date / date-time (2024-03-05 14:30, 2024/3/5)
 * read in `timeZone`.
 */
export function parseInstant(text: string, timeZone: string): Date {
  const m = INSTANT_RE.exec(text);
  const fail = () => new CellError('IMPORT_DATE_INVALID', DATETIME_MESSAGE, { value: text });
  if (!m) throw fail();
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs ?? 0);
  const mi = Number(mis ?? 0);
  const s = Number(ss ?? 0);
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  if (y < 1900 || y > 2200 || !validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) throw fail();
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (!zone) return zonedToUtc(wall, timeZone);
  if (zone.toUpperCase() === 'Z') return new Date(wall);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return new Date(wall - offset);
}

const DATETIME_MESSAGE: Messages = {
  'zh-CN': '时间格式不正确（应为 YYYY-MM-DD HH:mm）',
  en: 'The time is not valid (use YYYY-MM-DD HH:mm)',
};

function parseInteger(text: string, min: number, max: number): number {
  const clean = text.replace(/,/g, '').replace(/(km|公里)$/i, '');
  if (/^-\d+$/.test(clean) && min >= 0)
    throw new CellError('IMPORT_VALUE_NEGATIVE', undefined, { value: text });
  // Spreadsheets write whole numbers as "85000.0" at times.
  if (!/^-?\d+(\.0+)?$/.test(clean))
    throw new CellError('IMPORT_NUMBER_INVALID', undefined, { value: text });
  const n = Number(clean);
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new CellError(
      'IMPORT_NUMBER_INVALID',
      {
        'zh-CN': `数值应在 ${min} 到 ${max} 之间`,
        en: `The number must be between ${min} and ${max}`,
      },
      { value: text, min, max },
    );
  return n;
}

const MAX_FEN = 1_000_000_000_00; // ¥1,000,000,000: far above any service order

/** Yuan as written by people and spreadsheets ("¥1,280.50", "1280.5", "1280") → fen, exactly. */
export function parseYuan(text: string): number {
  const clean = text
    .replace(/^[¥￥]\s*/, '')
    .replace(/,/g, '')
    .replace(/元$/, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2})0*)?$/.exec(clean);
  if (!m) throw new CellError('IMPORT_NUMBER_INVALID', AMOUNT_MESSAGE, { value: text });
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (m[1] === '-' && fen > 0)
    throw new CellError('IMPORT_VALUE_NEGATIVE', undefined, { value: text });
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN)
    throw new CellError('IMPORT_NUMBER_INVALID', AMOUNT_MESSAGE, { value: text });
  return fen;
}

const AMOUNT_MESSAGE: Messages = {
  'zh-CN': '金额格式不正确（如 1280.50）',
  en: 'The amount is not valid (e.g. 1280.50)',
};

/** "2024-03-05" style yuan text of fen, for exports. */
export const fenToYuan = (fen: number) =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${pad(Math.abs(fen) % 100)}`;

function phone(text: string): string {
  const p = normalizePhone(text);
  if (!p.ok) throw new CellError('PHONE_INVALID', undefined, { value: text });
  return p.e164;
}

function plate(text: string): string {
  const p = validatePlate(text);
  if (!p.ok) throw new CellError('VEHICLE_PLATE_INVALID', undefined, { reason: p.reason });
  return p.plate;
}

function vin(text: string): string {
  const v = validateVin(text);
  if (v.ok) return v.vin;
  const messages: Messages | undefined =
    v.code === 'VEHICLE_VIN_CHECK_DIGIT'
      ? {
          'zh-CN': `车架号第 9 位校验码错误，应为 ${v.expected}`,
          en: `The VIN check digit (position 9) is wrong; it should be ${v.expected}`,
        }
      : v.reason === 'length'
        ? { 'zh-CN': '车架号应为 17 位', en: 'A VIN has 17 characters' }
        : v.position
          ? {
              'zh-CN': `车架号第 ${v.position} 位无效`,
              en: `The VIN is not valid at position ${v.position}`,
            }
          : undefined;
  throw new CellError(v.code, messages, {
    reason: v.reason,
    ...(v.position ? { position: v.position } : {}),
    ...(v.expected ? { expected: v.expected } : {}),
  });
}

function tags(text: string): string[] {
  const list = [
    ...new Set(
      text
        .split(/[|;；]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  if (list.length > 30)
    throw new CellError('IMPORT_VALUE_INVALID', {
      'zh-CN': '标签最多 30 个',
      en: 'At most 30 tags',
    });
  for (const t of list) maxLength(t, 30);
  return list;
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface CustomerValues {
  externalId: Cell<string>;
  name: Cell<string>;
  phone: string;
  gender: Cell<'male' | 'female' | 'unknown'>;
  birthday: Cell<string>;
  tags: Cell<string[]>;
  source: Cell<(typeof CUSTOMER_SOURCE_WORDS)[string]>;
  homeStoreCode: Cell<string>;
  notes: Cell<string>;
}

export interface VehicleValues {
  externalId: Cell<string>;
  customerExternalId: Cell<string>;
  customerPhone: Cell<string>;
  plate: Cell<string>;
  vin: Cell<string>;
  make: Cell<string>;
  model: Cell<string>;
  year: Cell<number>;
  fuelType: Cell<(typeof FUEL_WORDS)[string]>;
  registrationDate: Cell<string>;
  insuranceExpiry: Cell<string>;
  nextInspectionDate: Cell<string>;
  mileageKm: Cell<number>;
}

export interface OrderValues {
  externalId: Cell<string>;
  number: Cell<string>;
  vehicleExternalId: Cell<string>;
  plate: Cell<string>;
  vin: Cell<string>;
  /** Who the file says the order is for; checked against the car's owner. */
  customerExternalId: Cell<string>;
  customerPhone: Cell<string>;
  customerName: Cell<string>;
  /** Empty when the import gives one store for all rows (or the row leaves it to that store). */
  storeCode: Cell<string>;
  openedAt: Date;
  closedAt: Cell<Date>;
  mileageKm: Cell<number>;
  status: OrderStatus;
  totalFen: Cell<number>;
  /** The work as one text; the DMS's category word when the file has no work column. */
  items: Cell<string>;
  category: Cell<ServiceCategory>;
}

export type ValuesOf<K extends ImportKind> = K extends 'customers'
  ? CustomerValues
  : K extends 'vehicles'
    ? VehicleValues
    : OrderValues;

export interface ValidRow<V> {
  row: number;
  values: V;
}

export interface ValidationResult<V> {
  /** Rows without errors, in file order. */
  valid: ValidRow<V>[];
  /** Every problem found, in file order; a row may have several. */
  errors: RowError[];
  /** Row numbers with at least one error. */
  errorRows: Set<number>;
}

type Reader = {
  /** undefined: no such column; null: empty cell. */
  text(field: string): string | null | undefined;
  cell<T>(field: string, parse: (text: string) => T, opts?: { required?: boolean }): Cell<T>;
  hasColumn(field: string): boolean;
  fail(
    field: string,
    code: ErrorCode,
    messages?: Messages,
    details?: Record<string, unknown>,
  ): void;
};

const ACCEPTED = {
  gender: '男、女、未知 / male, female, unknown',
  source: '到店、转介绍、导入、活动、App、其他 / walk_in, referral, import, campaign, app, other',
  fuel: '汽油、柴油、混动、纯电、其他 / petrol, diesel, hybrid, electric, other',
  status: '进行中、已完工、已付款、已结算、已取消 / open, completed, paid, closed, cancelled',
};

const required = { required: true };

export interface ReadOptions {
  timeZone: string;
  /** The import gives a store for rows without one: the store cell is not required. */
  defaultStore?: boolean;
}

const readers: { [K in ImportKind]: (r: Reader, opts: ReadOptions) => ValuesOf<K> | null } = {
  customers: (r) => {
    const v = {
      externalId: r.cell('externalId', (t) => maxLength(t, 100)),
      // Required for a new customer only: an existing one keeps their name (the service checks).
      name: r.cell('name', (t) => maxLength(t, 60)),
      phone: r.cell('phone', phone, required),
      gender: r.cell('gender', (t) => word(GENDER_WORDS, t, ACCEPTED.gender)),
      birthday: r.cell('birthday', parseDate),
      tags: r.cell('tags', tags),
      source: r.cell('source', (t) => word(CUSTOMER_SOURCE_WORDS, t, ACCEPTED.source)),
      homeStoreCode: r.cell('homeStoreCode', (t) => maxLength(t, 60)),
      notes: r.cell('notes', (t) => maxLength(t, 2000)),
    };
    if (!v.phone) return null;
    return { ...v, phone: v.phone };
  },
  vehicles: (r) => {
    const v: VehicleValues = {
      externalId: r.cell('externalId', (t) => maxLength(t, 100)),
      customerExternalId: r.cell('customerExternalId', (t) => maxLength(t, 100)),
      customerPhone: r.cell('customerPhone', phone),
      plate: r.cell('plate', plate),
      vin: r.cell('vin', vin),
      make: r.cell('make', (t) => maxLength(t, 60)),
      model: r.cell('model', (t) => maxLength(t, 60)),
      year: r.cell('year', (t) => parseInteger(t, 1950, 2100)),
      fuelType: r.cell('fuelType', (t) => word(FUEL_WORDS, t, ACCEPTED.fuel)),
      registrationDate: r.cell('registrationDate', parseDate),
      insuranceExpiry: r.cell('insuranceExpiry', parseDate),
      nextInspectionDate: r.cell('nextInspectionDate', parseDate),
      mileageKm: r.cell('mileageKm', (t) => parseInteger(t, 0, 2_000_000)),
    };
    if (!r.text('customerExternalId') && !r.text('customerPhone'))
      r.fail(
        r.hasColumn('customerExternalId') ? 'customerExternalId' : 'customerPhone',
        'IMPORT_VALUE_REQUIRED',
        { 'zh-CN': '缺少车主（客户外部编号或手机号）', en: 'The owner is missing (customer external ID or phone)' }, // prettier-ignore
      );
    if (!r.text('externalId') && !r.text('plate') && !r.text('vin'))
      r.fail(
        ['externalId', 'plate', 'vin'].find((x) => r.hasColumn(x)) ?? 'plate',
        'IMPORT_VALUE_REQUIRED',
        { 'zh-CN': '外部编号、车牌号、车架号至少填一项', en: 'Give at least one of external ID, plate and VIN' }, // prettier-ignore
      );
    return v;
  },
  service_orders: (r, { timeZone, defaultStore }) => {
    const totalFen = r.cell('totalFen', (t) => {
      if (/^-/.test(t)) throw new CellError('IMPORT_VALUE_NEGATIVE', undefined, { value: t });
      return parseInteger(t, 0, MAX_FEN);
    });
    const amount = r.cell('amount', parseYuan);
    const categoryText = r.cell('category', (t) => maxLength(t, 60));
    const items = r.cell('items', (t) => maxLength(t, 500));
    const v = {
      externalId: r.cell('externalId', (t) => maxLength(t, 100)),
      number: r.cell('number', (t) => maxLength(t, 60)),
      vehicleExternalId: r.cell('vehicleExternalId', (t) => maxLength(t, 100)),
      plate: r.cell('plate', plate),
      vin: r.cell('vin', vin),
      customerExternalId: r.cell('customerExternalId', (t) => maxLength(t, 100)),
      customerPhone: r.cell('customerPhone', phone),
      customerName: r.cell('customerName', (t) => maxLength(t, 60)),
      storeCode: r.cell('storeCode', (t) => maxLength(t, 60), { required: !defaultStore }),
      openedAt: r.cell('openedAt', (t) => parseInstant(t, timeZone), required),
      closedAt: r.cell('closedAt', (t) => parseInstant(t, timeZone)),
      mileageKm: r.cell('mileageKm', (t) => parseInteger(t, 0, 2_000_000)),
      status: r.cell('status', (t) => word(STATUS_WORDS, t, ACCEPTED.status)) ?? 'closed',
      totalFen: totalFen ?? amount,
      items: items ?? categoryText ?? items,
      category: categoryText ? categoryOf(categoryText) : (categoryText as null | undefined),
    };
    if (!r.text('externalId') && !r.text('number'))
      r.fail(
        r.hasColumn('externalId') ? 'externalId' : 'number',
        'IMPORT_VALUE_REQUIRED',
        { 'zh-CN': '外部编号和工单号至少填一项', en: 'Give the external ID or the order number' }, // prettier-ignore
      );
    if (!r.text('vehicleExternalId') && !r.text('plate') && !r.text('vin'))
      r.fail(
        ['vehicleExternalId', 'plate', 'vin'].find((x) => r.hasColumn(x)) ?? 'plate',
        'IMPORT_VALUE_REQUIRED',
        { 'zh-CN': '车辆外部编号、车牌号、车架号至少填一项', en: 'Give the car’s external ID, plate or VIN' }, // prettier-ignore
      );
    if (v.openedAt && v.closedAt && v.closedAt.getTime() < v.openedAt.getTime())
      r.fail('closedAt', 'IMPORT_DATE_INVALID', {
        'zh-CN': '结束时间早于开单时间',
        en: 'The closing time is before the opening time',
      });
    if ((!v.storeCode && !defaultStore) || !v.openedAt) return null;
    return { ...v, openedAt: v.openedAt };
  },
};

/** Keys that must be unique within one file, per kind. */
const UNIQUE_KEYS: {
  [K in ImportKind]: (v: ValuesOf<K>) => [string, string | null | undefined][];
} = {
  customers: (v) => [
    ['externalId', v.externalId],
    ['phone', v.phone],
  ],
  vehicles: (v) => [
    ['externalId', v.externalId],
    ['vin', v.vin],
    ['plate', v.plate],
  ],
  service_orders: (v) => [
    ['externalId', v.externalId],
    ['number', v.number ?? v.externalId],
  ],
};

/**
 * Reads and checks every row: typed values for the good ones, per-cell errors for the rest,
 * and a duplicate error on each later row that repeats an earlier row's external id, phone,
 * VIN, plate or order number.
 */
export function validateRows<K extends ImportKind>(
  kind: K,
  parsed: ParsedCsv,
  mapping: Mapping,
  opts: ReadOptions,
): ValidationResult<ValuesOf<K>> {
  const columns: ColumnIndex = {};
  for (const [field, header] of Object.entries(mapping))
    columns[field] = parsed.headers.indexOf(header);
  const valid: ValidRow<ValuesOf<K>>[] = [];
  const errors: RowError[] = [];
  const errorRows = new Set<number>();
  const seen = new Map<string, number>();
  const read = readers[kind] as (r: Reader, o: ReadOptions) => ValuesOf<K> | null;
  const uniqueKeys = UNIQUE_KEYS[kind] as (v: ValuesOf<K>) => [string, string | null | undefined][];

  for (const { row, cells } of parsed.rows) {
    const before = errors.length;
    const columnOf = (field: string) => mapping[field] ?? field;
    const fail: Reader['fail'] = (field, code, messages, details) => {
      errors.push({
        row,
        column: columnOf(field),
        field,
        code,
        message: messages ?? ERROR_CODES[code].message,
        ...(details ? { details } : {}),
      });
    };
    const text = (field: string) => {
      const i = columns[field];
      if (i === undefined || i < 0) return undefined;
      const t = cellText(cells[i]);
      return t === '' ? null : t;
    };
    const reader: Reader = {
      text,
      hasColumn: (field) => columns[field] !== undefined,
      fail,
      cell(field, parse, opts) {
        const t = text(field);
        if (t === undefined || t === null) {
          if (opts?.required) fail(field, 'IMPORT_VALUE_REQUIRED');
          return t;
        }
        try {
          return parse(t);
        } catch (err) {
          if (!(err instanceof CellError)) throw err;
          fail(field, err.code, err.messages, err.details);
          return undefined;
        }
      },
    };
    const values = read(reader, opts);
    if (values && errors.length === before) {
      for (const [field, value] of uniqueKeys(values)) {
        if (!value) continue;
        const key = `${field}\u0000${value}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, row);
        else
          fail(
            field,
            'IMPORT_DUPLICATE_ROW',
            {
              'zh-CN': `与第 ${first} 行重复（${fieldLabel(kind, field, 'zh-CN')}相同）`,
              en: `Duplicates row ${first} (same ${fieldLabel(kind, field, 'en')})`,
            },
            { firstRow: first },
          );
      }
    }
    if (errors.length > before || !values) errorRows.add(row);
    else valid.push({ row, values });
  }
  return { valid, errors, errorRows };
}

// ---------------------------------------------------------------------------------------------
// Writing (exports and error reports)

/** A cell for a spreadsheet: text that starts like a formula is guarded with a quote. */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Header row of an export: the recognised spelling of each field in the reader's language. */
export function exportHeaders(kind: ImportKind, fields: string[], locale: 'zh-CN' | 'en') {
  return fields.map((field) => (locale === 'en' ? field : fieldLabel(kind, field, 'zh-CN')));
}

export const GENDER_LABELS = {
  'zh-CN': { male: '男', female: '女', unknown: '未知' },
  en: { male: 'male', female: 'female', unknown: 'unknown' },
} as const;
export const SOURCE_LABELS = {
  'zh-CN': {
    walk_in: '到店',
    referral: '转介绍',
    import: '导入',
    campaign: '活动',
    app: 'App',
    other: '其他',
  },
  en: {
    walk_in: 'walk_in',
    referral: 'referral',
    import: 'import',
    campaign: 'campaign',
    app: 'app',
    other: 'other',
  },
} as const;
export const FUEL_LABELS = {
  'zh-CN': { petrol: '汽油', diesel: '柴油', hybrid: '混动', electric: '纯电', other: '其他' },
  en: {
    petrol: 'petrol',
    diesel: 'diesel',
    hybrid: 'hybrid',
    electric: 'electric',
    other: 'other',
  },
} as const;
export const STATUS_LABELS = {
  'zh-CN': {
    open: '进行中',
    completed: '已完工',
    paid: '已付款',
    closed: '已结算',
    cancelled: '已取消',
  },
  en: {
    open: 'open',
    completed: 'completed',
    paid: 'paid',
    closed: 'closed',
    cancelled: 'cancelled',
  },
} as const;
