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
 * Shows a server error under the form field it names. Returns false when the error names
 * none of `fields`, so the caller shows it elsewhere.
 */
export function showFieldError(
  form: FormInstance,
  err: unknown,
  fields: readonly string[],
): boolean {
  const name = errorField(err);
  if (!name || !fields.includes(name) || !(err instanceof ApiError)) return false;
  form.setFields([{ name, errors: [err.message] }]);
  form.scrollToField(name);
  return true;
}
