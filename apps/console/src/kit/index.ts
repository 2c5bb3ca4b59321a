// The console kit: the pieces every page uses instead of writing its own.

// Loading and saving.
export { useLoad } from './useLoad.ts';
export type { Loaded, LoadOptions } from './useLoad.ts';
export { usePagedLoad } from './usePagedLoad.ts';
export type { Page, PagedLoaded } from './usePagedLoad.ts';
export { useSubmit } from './useSubmit.ts';
export type { Submit } from './useSubmit.ts';
export { useAction } from './useAction.ts';
export type { Action } from './useAction.ts';
export { useDebounced } from './useDebounced.ts';
export { useStateFor } from './useStateFor.ts';
export { UserError, errorText, errorField, showFieldError } from './errors.ts';
export type { ErrorFields } from './errors.ts';

// Forms and dialogs.
export { FormModal } from './FormModal.tsx';
export { Thumbnails } from './Thumbnails.tsx';
export type { Photo } from './Thumbnails.tsx';
export type { FormModalProps } from './FormModal.tsx';
export { FormCard } from './FormCard.tsx';
export type { FormCardProps } from './FormCard.tsx';
export { DateField, FieldGrid } from './FormFields.tsx';
export { MoneyInput, fenToYuan, yuanToFen } from './MoneyInput.tsx';
export type { MoneyInputProps } from './MoneyInput.tsx';
export { QrCodeInput } from './QrCodeInput.tsx';
export type { QrCodeInputProps } from './QrCodeInput.tsx';
export { ImageUpload } from './ImageUpload.tsx';
export type { ImageUploadProps, UploadedImage } from './ImageUpload.tsx';
export { RichTextEditor, type RichTextEditorProps } from './RichTextEditor.tsx';
export { ConfirmButton } from './ConfirmButton.tsx';
export type { ConfirmButtonProps } from './ConfirmButton.tsx';

// Showing data.
export { DataTable, csvColumns, exportTable } from './DataTable.tsx';
export type { DataColumn, DataTableProps } from './DataTable.tsx';
export { dateTimeColumn } from './columns.tsx';
export { TableCard } from './TableCard.tsx';
export type { TableCardProps } from './TableCard.tsx';
export { PagedTable } from './PagedTable.tsx';
export type { PagedTableProps } from './PagedTable.tsx';
export { LoadMore } from './LoadMore.tsx';
export type { LoadMoreProps } from './LoadMore.tsx';
export { RowActions } from './RowActions.tsx';
export type { RowAction } from './RowActions.tsx';
export { StatCards } from './StatCards.tsx';
export type { StatItem, StatCardsProps } from './StatCards.tsx';
export { StatusTag } from './StatusTag.tsx';
export { ErrorAlert } from './ErrorAlert.tsx';
export { IconTitle } from './IconTitle.tsx';
export { BackLink, NotLoaded } from './NotLoaded.tsx';
export { csvCell, downloadCsv, fenCell, toCsv } from './csv.ts';
export type { CsvCell, CsvColumn, CsvValue } from './csv.ts';
