// Rows in PostgreSQL's COPY text format (tab-separated, \N for null, backslash escapes):
// what `COPY … FROM STDIN` reads fastest, and what both the generator and its baseline send.

export type CopyValue = string | number | boolean | Date | null | undefined | readonly string[];

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export const escapeCopyText = (s: string): string =>
  SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : s;

/** A text[] literal with every element quoted: `{"VIP","新能源车主"}`. */
export const arrayLiteral = (items: readonly string[]): string =>
  `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeCopyText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`copyField(): ${value} is not finite`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return escapeCopyText(arrayLiteral(value as readonly string[]));
}

/** One line of COPY text, newline included. */
export const copyLine = (values: readonly CopyValue[]): string =>
  `${values.map(copyField).join('\t')}\n`;
