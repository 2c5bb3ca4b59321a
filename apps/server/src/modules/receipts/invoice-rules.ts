// The rules of a tax-invoice request, pure: which orders may have one, and what each type and
// kind of invoice needs. The service applies them; the tests pin them down.
import { AppError } from '../../kernel/errors.ts';
import type { InvoiceRequestInput } from './receipts.schemas.ts';

/** 税号 (统一社会信用代码 is 18; older numbers 15 or 20): capital letters and digits. */
const TAX_NUMBER = /^(?:[0-9A-Z]{15}|[0-9A-Z]{18}|[0-9A-Z]{20})$/;

/** Only a paid (or closed after payment) order can be invoiced. */
export const INVOICEABLE_STATUSES: readonly string[] = ['paid', 'closed'];

export function isTaxNumber(value: string): boolean {
  return TAX_NUMBER.test(value);
}

/** Upper-cases the tax number (people type it in lower case) and drops empty optional fields. */
export function normaliseInvoiceRequest(input: InvoiceRequestInput) {
  const blank = (v: string | null | undefined) => (v ? v : null);
  return {
    type: input.type,
    kind: input.kind,
    title: input.title,
    taxNumber: blank(input.taxNumber?.replace(/\s+/g, '').toUpperCase()),
    email: blank(input.email),
    address: blank(input.address),
    phone: blank(input.phone),
    bankName: blank(input.bankName),
    bankAccount: blank(input.bankAccount),
  };
}
export type InvoiceRequestFields = ReturnType<typeof normaliseInvoiceRequest>;

const SPECIAL_FIELDS = ['address', 'phone', 'bankName', 'bankAccount'] as const;

/**
 * Checks a request against its type and kind; throws the first broken rule on its field:
 * a company needs a tax number, any tax number must be well formed, and a special invoice
 * (专票) is for a company only and needs address, phone, bank and account.
 */
export function checkInvoiceRequest(r: InvoiceRequestFields): void {
  if (r.kind === 'special' && r.type !== 'company')
    throw new AppError('INVOICE_SPECIAL_COMPANY_ONLY', { field: 'kind' });
  if (r.type === 'company' && !r.taxNumber)
    throw new AppError('INVOICE_TAX_NUMBER_REQUIRED', { field: 'taxNumber' });
  if (r.taxNumber && !isTaxNumber(r.taxNumber))
    throw new AppError('INVOICE_TAX_NUMBER_INVALID', { field: 'taxNumber' });
  if (r.kind === 'special') {
    const missing = SPECIAL_FIELDS.find((f) => !r[f]);
    if (missing) throw new AppError('INVOICE_SPECIAL_DETAILS_REQUIRED', { field: missing });
  }
}

/** A request can be (re)entered while its order is paid or closed and it is not issued yet. */
export function checkInvoiceEditable(orderStatus: string, requestStatus: string | null): void {
  if (!INVOICEABLE_STATUSES.includes(orderStatus))
    throw new AppError('INVOICE_ORDER_NOT_PAID', { field: 'orderId' });
  if (requestStatus === 'issued') throw new AppError('INVOICE_ALREADY_ISSUED');
}
