// Receipts (小票/工单打印): the print page (A4 order, 80 mm slip), the order page's print buttons
// and its invoice request card. Other parts of the console use only what this file exports.
export { default as ReceiptPrintPage } from './ReceiptPrintPage.tsx';
export { default as PrintButtons } from './PrintButtons.tsx';
export { default as InvoiceRequestCard } from './InvoiceRequestCard.tsx';
