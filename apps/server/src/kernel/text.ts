// Text the server accepts: valid Unicode without NUL. PostgreSQL cannot store NUL in text or
// JSON, and a lone UTF-16 surrogate is no character at all (it would be stored as U+FFFD or
// fail), so both are refused at the door rather than by the database.

// Without the `u` flag the pattern sees UTF-16 code units, so unpaired surrogates are visible.
// eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `text` holds no NUL character and no unpaired surrogate. */
export function isCleanText(text: string): boolean {
  return !BAD_TEXT.test(text);
}

/**
 * The path (`a.b.0.c`) of the first string or object key in `value` that is not clean text,
 * or null. Walks JSON-like values only (what a body parser or query parser produces).
 */
export function findUncleanText(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return isCleanText(value) ? null : path;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUncleanText(value[i], [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isCleanText(key)) return [...path, key];
    const hit = findUncleanText(v, [...path, key], depth + 1);
    if (hit) return hit;
  }
  return null;
}
