import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from './errors.ts';

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

export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    /* fall through */
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
  const after = decodeCursor(cursor, 2);
  const instant = sql.raw(`"${table}"."${column}"`);
  const id = sql.raw(`"${table}"."id"`);
  return {
    sortKey: sql<string>`${instant}::text`,
    after: after
      ? sql`(${instant}, ${id}) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`
      : undefined,
  };
}

/** The first `limit` of `limit + 1` rows, and the cursor to the next page (null on the last). */
export function takePage<R>(rows: R[], limit: number, keyOf: (row: R) => [string, string]) {
  const pageRows = rows.slice(0, limit);
  const last = rows.length > limit ? pageRows[pageRows.length - 1] : undefined;
  return { pageRows, nextCursor: last ? encodeCursor(keyOf(last)) : null };
}
