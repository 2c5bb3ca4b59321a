// CSV files built in the browser from a table's rows: UTF-8 with a BOM (so Excel reads Chinese
// text), CRLF lines, quoted cells where needed, instants in the business's time zone.
import { formatDateTime, formatDay } from './format.ts';

export type CsvCell = string | number | null | undefined;

/**
 * How a column's value is written: a function of the row, or a kind applied to the value at
 * the column's dataIndex ('fen' → "123.45", 'dateTime' / 'day' → in the business's zone).
 */
export type CsvValue<T> = ((row: T) => CsvCell) | 'fen' | 'dateTime' | 'day' | 'text';

export interface CsvColumn<T> {
  title: string;
  dataIndex?: string;
  value?: CsvValue<T>;
}

/** One cell, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: CsvCell): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** 12345 fen → "123.45" (no symbol, no grouping: a number a spreadsheet can add up). */
export const fenCell = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '' : (fen / 100).toFixed(2);

function cellOf<T>(column: CsvColumn<T>, row: T, timeZone: string | undefined): CsvCell {
  const { value = 'text', dataIndex } = column;
  if (typeof value === 'function') return value(row);
  const raw = dataIndex ? (row as Record<string, unknown>)[dataIndex] : undefined;
  if (raw === null || raw === undefined) return '';
  // No business known (a partner's portal): the browser's zone, said so explicitly.
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  switch (value) {
    case 'fen':
      return fenCell(raw as number);
    case 'dateTime':
      return formatDateTime(raw as string, zone);
    case 'day':
      return formatDay(raw as string, zone);
    default:
      return typeof raw === 'number' ? raw : String(raw);
  }
}

/** The whole file's text (with the BOM): a header line of titles, then one line per row. */
export function toCsv<T>(
  columns: readonly CsvColumn<T>[],
  rows: readonly T[],
  timeZone?: string,
): string {
  const lines = [columns.map((c) => csvCell(c.title)).join(',')];
  for (const row of rows)
    lines.push(columns.map((c) => csvCell(cellOf(c, row, timeZone))).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** Hands `text` to the browser as a download named `filename`. */
export function downloadCsv(filename: string, text: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  URL.revokeObjectURL(a.href);
}
