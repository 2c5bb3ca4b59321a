// Receipts: what a service order prints as (A4 order, 80 mm till slip) and shows as the owner's
// e-receipt, read from the modules that own each part; owns the tax-invoice requests (发票).
export {
  invoiceRequests,
  INVOICE_KINDS,
  INVOICE_STATUSES,
  INVOICE_TYPES,
} from './receipts.tables.ts';
export { invoiceRequestFor, markInvoiceIssued, putMyInvoiceRequest } from './invoice-requests.ts';
export { myReceipt, staffReceipt } from './receipt.ts';
export { anonymiseInvoiceRequests } from './privacy.ts';
export {
  InvoiceRequestSchema,
  MyReceiptSchema,
  ReceiptSchema,
  type InvoiceRequestDto,
  type MyReceiptDto,
  type ReceiptDto,
} from './receipts.schemas.ts';
