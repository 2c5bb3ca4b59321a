// The rules of a service order (工单) that need no database: which status moves are allowed,
// what may still be edited, how amounts add up, and how order numbers are made.
import { AppError } from '../../kernel/errors.ts';
import type { SERVICE_ORDER_STATUSES } from './service.tables.ts';

export type ServiceOrderStatus = (typeof SERVICE_ORDER_STATUSES)[number];

/** open → completed → paid → closed; open or completed → cancelled; paid or closed → refunded. */
export const ALLOWED_MOVES: Readonly<Record<ServiceOrderStatus, readonly ServiceOrderStatus[]>> = {
  open: ['completed', 'cancelled'],
  completed: ['paid', 'cancelled'],
  paid: ['closed', 'refunded'],
  closed: ['refunded'],
  cancelled: [],
  refunded: [],
};

export function canMove(from: ServiceOrderStatus, to: ServiceOrderStatus): boolean {
  return ALLOWED_MOVES[from].includes(to);
}

/** Throws 409 SERVICE_ORDER_STATUS_CONFLICT (details: from, to) for a move that is not allowed. */
export function assertMove(from: ServiceOrderStatus, to: ServiceOrderStatus): void {
  if (!canMove(from, to))
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', { field: 'status', details: { from, to } });
}

/** Items (labour, parts) can be added, changed or removed only while the order is open. */
export function assertEditable(status: ServiceOrderStatus): void {
  if (status !== 'open')
    throw new AppError('SERVICE_ORDER_NOT_OPEN', { field: 'status', details: { status } });
}

/** Recommendations may be noted on any order that was not cancelled. */
export function assertCanRecommend(status: ServiceOrderStatus): void {
  if (status === 'cancelled')
    throw new AppError('SERVICE_ORDER_STATUS_CONFLICT', {
      field: 'status',
      details: { from: status, to: status },
    });
}

export interface PricedLine {
  quantity: number;
  unitPriceFen: number;
}

/** quantity × unit price, in integer fen. */
export function lineAmountFen(line: PricedLine): number {
  return line.quantity * line.unitPriceFen;
}

/** The order total and its split into labour and parts, in integer fen. */
export function orderTotals(lines: readonly (PricedLine & { kind: 'labour' | 'part' })[]): {
  totalFen: number;
  labourFen: number;
  partsFen: number;
} {
  let labourFen = 0;
  let partsFen = 0;
  for (const line of lines) {
    const amount = lineAmountFen(line);
    if (line.kind === 'part') partsFen += amount;
    else labourFen += amount;
  }
  const totalFen = labourFen + partsFen;
  // The request limits keep every order far below this; a breach is a bug, not bad input.
  if (!Number.isSafeInteger(totalFen)) throw new Error('order total is out of range');
  return { totalFen, labourFen, partsFen };
}

/** What is left to pay after discounts (coupons); never below zero. */
export function amountDueFen(totalFen: number, discountFen: number): number {
  return Math.max(0, totalFen - discountFen);
}

/** Payment takes exactly the amount due (partial payments are not supported yet). */
export function assertPaymentAmount(totalFen: number, paidFen: number): void {
  if (paidFen !== totalFen)
    throw new AppError('PAYMENT_AMOUNT_MISMATCH', {
      field: 'paidFen',
      details: { totalFen, paidFen },
    });
}

/** An order cannot be completed with nothing on it: cancel it instead. */
export function assertHasItems(itemCount: number): void {
  if (itemCount === 0) throw new AppError('SERVICE_ORDER_EMPTY', { field: 'items' });
}

/** The calendar day of an instant in a timezone, as YYYYMMDD (for order numbers). */
export function localDayKey(at: Date, timeZone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}`;
}

/** "GZ01-20261122-" — the store's code and the local day. */
export function orderNumberPrefix(storeCode: string, dayKey: string): string {
  return `${storeCode}-${dayKey}-`;
}

/** "GZ01-20261122-0001": at least four digits, more after the 9,999th order of a day. */
export function formatOrderNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(4, '0')}`;
}

/**
 * The next sequence after a window of candidates [from, from + size) of which `taken` exist:
 * one past the highest taken, or null when the window's last one is taken too (look further).
 */
export function nextSequence(
  from: number,
  size: number,
  taken: ReadonlySet<number>,
): number | null {
  if (taken.has(from + size - 1)) return null;
  let highest = from - 1;
  for (const n of taken) if (n >= from && n < from + size && n > highest) highest = n;
  return highest + 1;
}

const zonedParts = new Map<string, Intl.DateTimeFormat>();

/** How far the wall clock of `timeZone` is ahead of UTC at `at`, in milliseconds. */
function offsetMs(at: Date, timeZone: string): number {
  let format = zonedParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zonedParts.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a calendar day (YYYY-MM-DD) begins in `timeZone`; null for a day that does not
 * exist (2026-02-30). `plusDays` moves to a later day first (1: the end of `date`).
 */
export function zonedDayStart(date: string, timeZone: string, plusDays = 0): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return null;
  const midnightUtc = Date.UTC(y, mo - 1, d + plusDays);
  try {
    let t = midnightUtc - offsetMs(new Date(midnightUtc), timeZone);
    t = midnightUtc - offsetMs(new Date(t), timeZone);
    return new Date(t);
  } catch {
    return null;
  }
}
