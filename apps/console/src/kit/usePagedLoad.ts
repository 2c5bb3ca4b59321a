// useLoad for lists read a page at a time with a cursor ("load more" below the table).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DependencyList, Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.ts';

export interface Page<I> {
  items: I[];
  nextCursor?: string | null;
}

export interface PagedLoaded<I, P extends Page<I>> {
  /** Every item read so far, first page first. */
  items: I[];
  /** The cursor of the next page; null when the last page is in. */
  nextCursor: string | null;
  /** The last page read (for the other fields a page answer carries). */
  page: P | undefined;
  error: string | null;
  cause: unknown;
  loading: boolean;
  /** Reads the first page again (the list starts over). */
  reload: () => Promise<void>;
  /** Reads the next page and appends it. */
  more: () => Promise<void>;
  setItems: Dispatch<SetStateAction<I[]>>;
}

/**
 * Reads the first page on mount and whenever a value in `deps` changes (or the language);
 * answers to an older list (before a new search) are dropped.
 *
 *   const list = usePagedLoad((cursor) => unwrap(api.GET(..., { query: { cursor } })), [q]);
 */
export function usePagedLoad<P extends Page<unknown>>(
  fetchPage: (cursor: string | null) => Promise<P>,
  deps: DependencyList,
  { enabled = true }: { enabled?: boolean } = {},
): PagedLoaded<P['items'][number], P> {
  type I = P['items'][number];
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<I[]>([]);
  const [page, setPage] = useState<P | undefined>(undefined);
  const [cause, setCause] = useState<unknown>(undefined);
  const [failed, setFailed] = useState(false);
  const [loading, setLoading] = useState(enabled);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });
  const seq = useRef(0);
  const cursorRef = useRef<string | null>(null);

  const read = useCallback(async (cursor: string | null) => {
    const id = cursor ? seq.current : ++seq.current;
    setLoading(true);
    setFailed(false);
    try {
      const result = await fetchRef.current(cursor);
      if (id !== seq.current) return; // a newer list has started
      setItems((prev) => (cursor ? [...prev, ...result.items] : result.items));
      setPage(result);
      cursorRef.current = result.nextCursor ?? null;
      setCause(undefined);
    } catch (err) {
      if (id !== seq.current) return;
      setFailed(true);
      setCause(err);
    } finally {
      if (id === seq.current) setLoading(false);
    }
  }, []);

  const reload = useCallback(() => read(null), [read]);
  const more = useCallback(
    () => (cursorRef.current ? read(cursorRef.current) : Promise.resolve()),
    [read],
  );

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    void read(null);
    const counter = seq;
    return () => {
      counter.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's dependency list
  }, [enabled, read, i18n.language, ...deps]);

  return {
    items,
    nextCursor: page?.nextCursor ?? null,
    page,
    error: failed ? errorText(cause, t) : null,
    cause,
    loading,
    reload,
    more,
    setItems,
  };
}
