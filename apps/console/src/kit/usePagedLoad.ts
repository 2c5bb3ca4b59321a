// useLoad for lists read a page at a time with a cursor ("load more" below the table).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DependencyList, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.ts';
import { useLoad } from './useLoad.ts';

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
  setItems: (update: SetStateAction<I[]>) => void;
}

/**
 * Reads the first page as useLoad does (on mount, when a value in `deps` changes, on a change
 * of language); `more` appends the next page unless the list has started over meanwhile.
 *
 *   const list = usePagedLoad((cursor) => unwrap(api.GET(..., { query: { cursor } })), [q]);
 */
export function usePagedLoad<P extends Page<unknown>>(
  fetchPage: (cursor: string | null) => Promise<P>,
  deps: DependencyList,
  options: { enabled?: boolean } = {},
): PagedLoaded<P['items'][number], P> {
  type I = P['items'][number];
  const { t } = useTranslation();
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });
  const first = useLoad(
    async () => {
      const page = await fetchRef.current(null);
      return { items: page.items as I[], page };
    },
    deps,
    options,
  );
  const { data, setData } = first;
  // The read of a next page: running, or how it failed for the list it was to extend (`base`),
  // so that the error goes once the list starts over.
  const [next, setNext] = useState<{ loading: boolean; cause: unknown; base?: unknown }>({
    loading: false,
    cause: undefined,
  });

  const more = useCallback(async () => {
    const base = data;
    const cursor = base?.page.nextCursor;
    if (!base || !cursor) return;
    setNext({ loading: true, cause: undefined });
    try {
      const page = await fetchRef.current(cursor);
      setData((prev) => (prev === base ? { items: [...prev.items, ...page.items], page } : prev));
      setNext({ loading: false, cause: undefined });
    } catch (err) {
      setNext({ loading: false, cause: err, base });
    }
  }, [data, setData]);

  const setItems = useCallback(
    (update: SetStateAction<I[]>) =>
      setData((prev) =>
        prev
          ? { ...prev, items: typeof update === 'function' ? update(prev.items) : update }
          : prev,
      ),
    [setData],
  );

  const nextCause = next.base === data ? next.cause : undefined;
  return {
    items: data?.items ?? [],
    nextCursor: data?.page.nextCursor ?? null,
    page: data?.page,
    error: first.error ?? (nextCause ? errorText(nextCause, t) : null),
    cause: first.cause ?? nextCause,
    loading: first.loading || next.loading,
    reload: first.reload,
    more,
    setItems,
  };
}
