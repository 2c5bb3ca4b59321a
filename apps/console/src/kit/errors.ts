import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '@liuke/api-client';

/** A refusal the console itself words for the user (thrown before calling the API). */
export class UserError extends Error {}

/** The text to show for a failed call: the server's localised message when it sent one. */
export function errorText(err: unknown, t: TFunction): string {
  if (err instanceof UserError) return err.message;
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK_ERROR' || err.status >= 500 || !err.message) {
      return err.status >= 500 ? t('errors.server') : t('errors.network');
    }
    return err.message;
  }
  return t('errors.network');
}

/** The form field a server error names ("phone", "body.phone", "tags.0" → "tags"), if any. */
export function errorField(err: unknown): string | null {
  if (!(err instanceof ApiError) || !err.field) return null;
  return err.field.replace(/^body[./]/, '').split(/[./[]/)[0] || null;
}

/**
 * The form fields a server error may name: a list of names shared by the form and the API, or
 * a map from the API's name to the form's (`{ validFrom: 'dates' }`). In a list, a field of a
 * Form.List row is named with `*` for the row (`points.*.redAt`: the error on `points.3.redAt`
 * shows under that row's field).
 */
export type ErrorFields = readonly string[] | Readonly<Record<string, string>>;

/**
 * Shows a server error under the form field it names. Returns false when the error names
 * none of `fields`, so the caller shows it elsewhere.
 */
export function showFieldError(form: FormInstance, err: unknown, fields: ErrorFields): boolean {
  const named = errorField(err);
  if (!named || !(err instanceof ApiError)) return false;
  // A map may name a nested field in full ("params.days"), else by its first part.
  const path = (err.field ?? '').replace(/^body[./]/, '');
  const map = fields as Readonly<Record<string, string>>;
  const list = Array.isArray(fields) ? (fields as readonly string[]) : null;
  const name = list
    ? (listRowField(path, list) ?? (list.includes(named) ? named : null))
    : (map[path] ?? map[named] ?? null);
  if (!name) return false;
  form.setFields([{ name, errors: [err.message] }]);
  form.scrollToField(name);
  return true;
}

/** `points.3.redAt` as the Form.List row's name path when `patterns` has `points.*.redAt`. */
export function listRowField(
  path: string,
  patterns: readonly string[],
): (string | number)[] | null {
  const parts = path.split(/[./]/);
  for (const pattern of patterns) {
    const want = pattern.split('.');
    if (!want.includes('*') || want.length !== parts.length) continue;
    const fits = want.every((w, i) => (w === '*' ? /^\d+$/.test(parts[i]!) : w === parts[i]));
    if (fits) return parts.map((p, i) => (want[i] === '*' ? Number(p) : p));
  }
  return null;
}
