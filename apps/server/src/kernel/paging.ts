import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isCalendarDate } from './calendar.ts';
import { AppError } from './errors.ts';
import { isCleanText } from './text.ts';

export const LimitQuery = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(50)
  .describe('Page size (1–200, default 50)');
export const CursorQuery = z
  .string()
  .max(500)
  .optional()
  .describe('Opaque cursor from the previous page');

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Cursors are opaque to clients: base64url of a JSON array of the sort key. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What each position of a cursor holds; a decoded cursor is checked against it. */
export type CursorPart = 'instant' | 'uuid' | 'date' | 'int' | 'text';
type PartValue<K extends CursorPart> = K extends 'int' ? number : string;
export type CursorValues<K extends readonly CursorPart[]> = {
  -readonly [I in keyof K]: PartValue<K[I]>;
};

const BASE64URL = /^[A-Za-z0-9_-]{1,500}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// An instant as the database prints `timestamptz::text` (ISO DateStyle) or as toISOString().
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}(:?[0-5]\d(:?[0-5]\d)?)?)$/;

function partHolds(kind: CursorPart, value: unknown): boolean {
  switch (kind) {
    case 'int':
      return Number.isSafeInteger(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'date':
      return typeof value === 'string' && isCalendarDate(value);
    case 'instant': {
      const m = typeof value === 'string' ? INSTANT.exec(value) : null;
      return !!m && isCalendarDate(m[1]!);
    }
    case 'text':
      return typeof value === 'string' && value.length <= 200 && isCleanText(value);
  }
}

/**
 * The sort key a cursor carries, checked position by position against `parts`: a garbled or
 * forged cursor is a 400 `CURSOR_INVALID` on field `cursor`, never a value that reaches SQL.
 * (A well-formed cursor a client made up only pages through what the caller may see anyway.)
 */
export function decodeCursor<const K extends readonly CursorPart[]>(
  cursor: string | undefined,
  parts: K,
): CursorValues<K> | null {
  if (!cursor) return null;
  if (BASE64URL.test(cursor)) {
    try {
      const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (
        Array.isArray(values) &&
        values.length === parts.length &&
        parts.every((kind, i) => partHolds(kind, values[i]))
      )
        return values as CursorValues<K>;
    } catch {
      /* fall through */
    }
  }
  throw new AppError('CURSOR_INVALID', { field: 'cursor' });
}

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null | undefined): string | null =>
  d ? d.toISOString() : null;

/**
 * Keyset paging, newest first, on (`table`.`column`, `table`.id). The cursor keeps the
 * database's full (microsecond) precision, which a JS Date would lose: select `sortKey` with the
 * rows, filter with `after`, and build the next cursor with `takePage`.
 */
export function newestFirst(table: string, column: string, cursor: string | undefined) {
  const after = decodeCursor(cursor, ['instant', 'uuid']);
  const instant = sql.raw(`"${table}"."${column}"`);
  const id = sql.raw(`"${table}"."id"`);
  return {
    sortKey: sql<string>`${instant}::text`,
    after: after
      ? sql`(${instant}, ${id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
      : undefined,
  };
}

/** The first `limit` of `limit + 1` rows, and the cursor to the next page (null on the last). */
export function takePage<R>(rows: R[], limit: number, keyOf: (row: R) => [string, string]) {
  const pageRows = rows.slice(0, limit);
  const last = rows.length > limit ? pageRows[pageRows.length - 1] : undefined;
  return { pageRows, nextCursor: last ? encodeCursor(keyOf(last)) : null };
}
