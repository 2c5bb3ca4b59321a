// The console kit: the pieces every page uses instead of writing its own.
export { useLoad } from './useLoad.ts';
export type { Loaded, LoadOptions } from './useLoad.ts';
export { useSubmit } from './useSubmit.ts';
export type { Submit } from './useSubmit.ts';
export { FormModal } from './FormModal.tsx';
export type { FormModalProps } from './FormModal.tsx';
export { MoneyInput, fenToYuan, yuanToFen } from './MoneyInput.tsx';
export type { MoneyInputProps } from './MoneyInput.tsx';
export { StatCards } from './StatCards.tsx';
export type { StatItem, StatCardsProps } from './StatCards.tsx';
export { DataTable, csvColumns, exportTable } from './DataTable.tsx';
export type { DataColumn, DataTableProps } from './DataTable.tsx';
export { csvCell, downloadCsv, fenCell, toCsv } from './csv.ts';
export type { CsvCell, CsvColumn, CsvValue } from './csv.ts';
