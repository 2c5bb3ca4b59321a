// Columns tables repeat, as data: an instant in the business's time zone.
import type { DataColumn } from './DataTable.tsx';
import { formatDateTime } from './format.ts';

/** When something happened, in `timeZone` (also in the CSV). */
export function dateTimeColumn<T>(
  title: string,
  at: (row: T) => string | null | undefined,
  timeZone: string,
  width = 160,
): DataColumn<T> {
  return {
    title,
    key: 'at',
    width,
    render: (_: unknown, row: T) => formatDateTime(at(row), timeZone),
    csv: (row: T) => formatDateTime(at(row), timeZone),
  };
}
