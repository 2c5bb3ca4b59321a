// A DataTable of a list read a page at a time: the load error with a retry above it, the rows
// read so far, and a dashed "load more" below.
import { DataTable } from './DataTable.tsx';
import type { DataTableProps } from './DataTable.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { LoadMore } from './LoadMore.tsx';
import type { Page, PagedLoaded } from './usePagedLoad.ts';

export interface PagedTableProps<T> extends Omit<DataTableProps<T>, 'dataSource' | 'loading'> {
  list: Pick<
    PagedLoaded<T, Page<T>>,
    'items' | 'error' | 'loading' | 'nextCursor' | 'more' | 'reload'
  >;
}

/** Fragments: put it in a vertical Flex with the gap the page wants. */
export function PagedTable<T extends object>({ list, ...table }: PagedTableProps<T>) {
  return (
    <>
      <ErrorAlert error={list.error} onRetry={() => void list.reload()} />
      <DataTable<T> dataSource={list.items} loading={list.loading} {...table} />
      <LoadMore list={list} block />
    </>
  );
}
