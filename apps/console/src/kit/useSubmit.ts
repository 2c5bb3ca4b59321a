// One way to run a save: a busy flag while it runs and the API's error shown afterwards,
// under the form field it names when the form has that field.
import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText, showFieldError } from './errors.ts';
import type { ErrorFields } from './errors.ts';

export interface Submit<V> {
  busy: boolean;
  /** The error to show apart from the fields (null when none). */
  error: string | null;
  setError: (error: string | null) => void;
  /**
   * Runs `action` (after `form.validateFields()` when a form is given, with its values).
   * Resolves to the action's result (null for an answer without a body), or to undefined when
   * validation or the call failed.
   */
  run: <R>(action: (values: V) => Promise<R>) => Promise<R | undefined>;
}

/**
 * `form` and `fields`: a server error naming one of `fields` (names, or a map from the API's
 * names to the form's) is shown under that Form.Item; any other error becomes `error`.
 *
 *   const submit = useSubmit(form, ['name', 'phone']);
 *   const saved = await submit.run((v: Values) => unwrap(api.POST(..., { body: v })));
 */
export function useSubmit<V = unknown>(
  form?: FormInstance<V>,
  fields: ErrorFields = [],
): Submit<V> {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Kept as text so that a new array or map with the same names does not make a new `run`.
  const fieldKey = JSON.stringify(fields);

  const run = useCallback(
    async <R>(action: (values: V) => Promise<R>): Promise<R | undefined> => {
      let values: V | undefined;
      if (form) {
        try {
          values = await form.validateFields();
        } catch {
          return undefined; // the form shows what is missing
        }
      }
      setBusy(true);
      setError(null);
      try {
        const result = await action(values as V);
        // undefined stands for a failure: an answer without a body succeeds as null.
        return (result === undefined ? null : result) as R;
      } catch (err) {
        const named = form ? showFieldError(form, err, JSON.parse(fieldKey) as ErrorFields) : false;
        if (!named) setError(errorText(err, t));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [form, fieldKey, t],
  );

  return { busy, error, setError, run };
}
