// An antd Table whose columns also describe the CSV export of the same rows: the visible
// columns (plus any marked csvOnly), in order, with the business's time zone for instants.
import type { ReactNode } from 'react';
import { Button, Flex, Table } from 'antd';
import type { TableColumnType, TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useSession } from '../api.ts';
import { downloadCsv, toCsv } from './csv.ts';
import type { CsvColumn, CsvValue } from './csv.ts';

export type DataColumn<T> = TableColumnType<T> & {
  /** How the CSV writes this column (default: the value at dataIndex); false leaves it out. */
  csv?: CsvValue<T> | false;
  /** In the CSV only, not on screen. */
  csvOnly?: boolean;
};

/** The CSV columns of a table: every column with a text title and a value, in order. */
export function csvColumns<T>(columns: readonly DataColumn<T>[]): CsvColumn<T>[] {
  const out: CsvColumn<T>[] = [];
  for (const c of columns) {
    if (c.csv === false || c.hidden || typeof c.title !== 'string') continue;
    const dataIndex = typeof c.dataIndex === 'string' ? c.dataIndex : undefined;
    if (!dataIndex && typeof c.csv !== 'function') continue; // an actions column
    out.push({ title: c.title, dataIndex, value: c.csv });
  }
  return out;
}

/** Downloads `rows` as the CSV of `columns`. */
export function exportTable<T>(
  filename: string,
  columns: readonly DataColumn<T>[],
  rows: readonly T[],
  timeZone: string | undefined,
): void {
  downloadCsv(filename, toCsv(csvColumns(columns), rows, timeZone));
}

export interface DataTableProps<T> extends Omit<TableProps<T>, 'columns'> {
  columns: DataColumn<T>[];
  /** A download button above the table for the CSV of the rows shown. */
  csv?: { filename: string; label: ReactNode; testId?: string };
}

/** Rows are keyed by `id` and not split into pages unless the caller says otherwise. */
export function DataTable<T extends object>({ columns, csv, ...props }: DataTableProps<T>) {
  const timeZone = useSession().staff?.tenant.timezone;
  const shown = columns
    .filter((c) => !c.csvOnly)
    .map(({ csv: _csv, csvOnly: _only, ...c }) => c as TableColumnType<T>);
  const table = <Table<T> rowKey="id" pagination={false} {...props} columns={shown} />;
  if (!csv) return table;
  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end">
        <Button
          icon={<DownloadOutlined />}
          disabled={!props.dataSource?.length}
          data-testid={csv.testId}
          onClick={() => exportTable(csv.filename, columns, props.dataSource ?? [], timeZone)}
        >
          {csv.label}
        </Button>
      </Flex>
      {table}
    </Flex>
  );
}
