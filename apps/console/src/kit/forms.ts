// Helpers for the create / edit forms.
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `after` that differ from `before` (undefined fields are never sent). */
export function changedFields<T extends object>(after: T, before: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && !same(after[key], before[key])) patch[key] = after[key];
  }
  return patch;
}

/** `values` without its empty fields (null, undefined, '' and []), for a create call. */
export function filledFields<T extends object>(values: T): Partial<T> {
  const filled: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    const value = values[key];
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    filled[key] = value;
  }
  return filled;
}

/**
 * Props for a Form.Item holding a DatePicker while the form value stays a "YYYY-MM-DD"
 * string (or '' when cleared), as the API takes it.
 */
export const dateItemProps = {
  getValueProps: (value: string | null | undefined) => ({
    value: value ? dayjs(value) : null,
  }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : ''),
};

/**
 * Saves an edit as a patch of the fields that changed; with nothing changed nothing is sent and
 * `current` is the answer (so a masked value read from the server is never sent back).
 */
export async function savePatch<B extends object, R>(
  current: R,
  after: B,
  before: B,
  send: (patch: Partial<B>) => Promise<R>,
): Promise<R> {
  const patch = changedFields(after, before);
  return Object.keys(patch).length === 0 ? current : send(patch);
}
