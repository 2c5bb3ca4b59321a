// One way to load data in a page: loading flag, error text, data, reload, stale answers dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DependencyList, Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@liuke/api-client';
import { errorText } from './errors.ts';

export interface Loaded<T> {
  /** The last answer; kept while reloading (also after a failed reload). */
  data: T | undefined;
  /** The text to show when the latest load failed (errors.ts `errorText`), else null. */
  error: string | null;
  /** The last failure itself (to tell a 404 from other errors), undefined after a success. */
  cause: unknown;
  /** The latest load failed with 404 (the record does not exist or is not visible). */
  notFound: boolean;
  loading: boolean;
  /** Loads again with the current inputs; resolves when the answer is in. */
  reload: () => Promise<void>;
  /** Hides the error (the user closed it). */
  clearError: () => void;
  /** Changes the loaded data in place (after a save that returned the new state). */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

export interface LoadOptions {
  /** False: load nothing (the page cannot use the data); `loading` stays false. Default true. */
  enabled?: boolean;
}

/**
 * Runs `load` on mount and whenever a value in `deps` changes (like useEffect), and again when
 * the user switches language (the API answers in the user's language). An answer that arrives
 * after a newer load started, or after the page went away, is dropped.
 *
 *   const { data, error, loading, reload } = useLoad(() => unwrap(api.GET(...)), [id]);
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  { enabled = true }: LoadOptions = {},
): Loaded<T> {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<T | undefined>(undefined);
  const [cause, setCause] = useState<unknown>(undefined);
  const [failed, setFailed] = useState(false);
  const [loading, setLoading] = useState(enabled);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const seq = useRef(0);

  const run = useCallback(async () => {
    const id = ++seq.current;
    setLoading(true);
    setFailed(false);
    try {
      const result = await loadRef.current();
      if (id !== seq.current) return;
      setData(result);
      setFailed(false);
      setCause(undefined);
    } catch (err) {
      if (id !== seq.current) return;
      setFailed(true);
      setCause(err);
    } finally {
      if (id === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    void run();
    // Bumping the counter makes answers to the previous inputs arrive as stale and be dropped.
    const counter = seq;
    return () => {
      counter.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's dependency list
  }, [enabled, run, i18n.language, ...deps]);

  return {
    data,
    error: failed ? errorText(cause, t) : null,
    cause,
    notFound: failed && cause instanceof ApiError && cause.status === 404,
    loading,
    reload: run,
    clearError: useCallback(() => setFailed(false), []),
    setData,
  };
}
