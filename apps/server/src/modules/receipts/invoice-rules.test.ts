import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import {
  checkInvoiceEditable,
  checkInvoiceRequest,
  isTaxNumber,
  normaliseInvoiceRequest,
} from './invoice-rules.ts';

const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? `${err.code}:${err.field ?? ''}` : String(err);
  }
};

const request = (over: object) =>
  normaliseInvoiceRequest({ type: 'personal', kind: 'normal', title: '林小姐', ...over });

describe('tax numbers', () => {
  it('are 15, 18 or 20 capital letters and digits', () => {
    expect(isTaxNumber('91440101MA5CXXXX1X')).toBe(true);
    expect(isTaxNumber('440101123456789')).toBe(true);
    expect(isTaxNumber('44010112345678901234')).toBe(true);
    expect(isTaxNumber('9144010MA5CXXXX1X')).toBe(false); // 17
    expect(isTaxNumber('4401011234567890123')).toBe(false); // 19
    expect(isTaxNumber('91440101ma5cxxxx1x')).toBe(false);
    expect(isTaxNumber('91440101MA5C-XXX1X')).toBe(false);
  });

  it('are upper-cased and stripped of spaces when entered', () => {
    expect(request({ taxNumber: ' 9144 0101ma5cxxxx1x ' }).taxNumber).toBe('91440101MA5CXXXX1X');
    expect(request({ taxNumber: '' }).taxNumber).toBeNull();
  });
});

describe('an invoice request', () => {
  it('needs a tax number for a company, and a well-formed one from anyone', () => {
    expect(codeOf(() => checkInvoiceRequest(request({})))).toBeNull();
    expect(codeOf(() => checkInvoiceRequest(request({ type: 'company' })))).toBe(
      'INVOICE_TAX_NUMBER_REQUIRED:taxNumber',
    );
    expect(codeOf(() => checkInvoiceRequest(request({ taxNumber: '123' })))).toBe(
      'INVOICE_TAX_NUMBER_INVALID:taxNumber',
    );
  });

  it('is special (专票) only for a company with address, phone, bank and account', () => {
    const company = { type: 'company', kind: 'special', taxNumber: '91440101MA5CXXXX1X' };
    expect(codeOf(() => checkInvoiceRequest(request({ kind: 'special' })))).toBe(
      'INVOICE_SPECIAL_COMPANY_ONLY:kind',
    );
    expect(codeOf(() => checkInvoiceRequest(request({ ...company, address: 'A' })))).toBe(
      'INVOICE_SPECIAL_DETAILS_REQUIRED:phone',
    );
    const full = { ...company, address: 'A', phone: 'P', bankName: 'B', bankAccount: '1' };
    expect(codeOf(() => checkInvoiceRequest(request(full)))).toBeNull();
  });

  it('can be made on a paid or closed order until it is issued', () => {
    expect(codeOf(() => checkInvoiceEditable('paid', null))).toBeNull();
    expect(codeOf(() => checkInvoiceEditable('closed', 'requested'))).toBeNull();
    for (const s of ['open', 'completed', 'cancelled', 'refunded'])
      expect(codeOf(() => checkInvoiceEditable(s, null))).toBe('INVOICE_ORDER_NOT_PAID:orderId');
    expect(codeOf(() => checkInvoiceEditable('paid', 'issued'))).toBe('INVOICE_ALREADY_ISSUED:');
  });
});
