// One way to run a button's action (not a form): which one is busy, success and the API's error
// as a message at the top of the page.
import { useCallback, useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.ts';

export interface Action {
  /** The key of the action running now, or null. */
  busy: string | null;
  /**
   * Runs `action` under `key` (e.g. the row's id); `done` is the success message (or made from
   * the result). Resolves to the result (null for an answer without a body, e.g. 204), or to
   * undefined when the call failed (already shown).
   */
  run: <R>(
    key: string,
    action: () => Promise<R>,
    done?: string | ((result: R) => string),
  ) => Promise<R | undefined>;
}

/**
 *   const action = useAction();
 *   <Button loading={action.busy === row.id}
 *     onClick={() => void action.run(row.id, () => unwrap(api.POST(...)), t('x.done'))} />
 */
export function useAction(): Action {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);

  const run = useCallback(
    async <R>(
      key: string,
      action: () => Promise<R>,
      done?: string | ((result: R) => string),
    ): Promise<R | undefined> => {
      setBusy(key);
      try {
        const result = await action();
        if (done) message.success(typeof done === 'function' ? done(result) : done);
        // undefined stands for a failure: an answer without a body succeeds as null.
        return (result === undefined ? null : result) as R;
      } catch (err) {
        message.error(errorText(err, t));
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [message, t],
  );

  return { busy, run };
}
