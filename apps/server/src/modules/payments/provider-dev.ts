// The development provider: completes a payment when the owner clicks "pay" on its page, so the
// product runs with no merchant account. It keeps its own books (the table
// dev_provider_transactions, through the `books` the service passes in), which answer its queries
// and make its daily statement — the payment itself is still marked paid only by a query of
// these books, as with a real provider.
import { randomBytes } from 'node:crypto';
import {
  NotificationRejected,
  type DevBooks,
  type PaymentProvider,
  type ProviderCredentials,
} from './port.ts';

const booksOf = (creds: ProviderCredentials): DevBooks => {
  if (!creds.books) throw new Error('the development provider needs its books');
  return creds.books;
};

const txnId = (prefix: string) => `${prefix}${randomBytes(10).toString('hex').toUpperCase()}`;

export const devProvider: PaymentProvider = {
  name: 'dev',
  channels: ['dev'],
  async create(req, creds) {
    await booksOf(creds).put({
      number: req.number,
      kind: 'payment',
      paymentNumber: req.number,
      txnId: txnId('DEV'),
      amountFen: req.amountFen,
      status: 'pending',
      at: new Date(),
    });
    return { ok: true, value: { action: { devPage: req.number } } };
  },
  async query(number, _txn, creds) {
    const line = await booksOf(creds).get(number);
    if (!line)
      return { ok: false, retryable: false, error: 'unknown payment', providerCode: 'NOT_FOUND' };
    return {
      ok: true,
      value: {
        number,
        state: line.status === 'paid' ? 'paid' : line.status === 'closed' ? 'closed' : 'pending',
        providerTxnId: line.txnId,
        amountFen: line.status === 'paid' ? line.amountFen : null,
        paidAt: line.status === 'paid' ? line.at : null,
      },
    };
  },
  async refund(req, creds) {
    const books = booksOf(creds);
    const prior = await books.get(req.refundNumber);
    const line = prior ?? {
      number: req.refundNumber,
      kind: 'refund' as const,
      paymentNumber: req.paymentNumber,
      txnId: txnId('DEVR'),
      amountFen: req.amountFen,
      status: 'paid' as const,
      at: new Date(),
    };
    if (!prior) await books.put(line);
    return {
      ok: true,
      value: {
        refundNumber: req.refundNumber,
        state: 'succeeded',
        providerRefundId: line.txnId,
        amountFen: line.amountFen,
      },
    };
  },
  async queryRefund(req, creds) {
    const line = await booksOf(creds).get(req.refundNumber);
    return {
      ok: true,
      value: {
        refundNumber: req.refundNumber,
        state: line ? 'succeeded' : 'failed',
        providerRefundId: line?.txnId ?? null,
        amountFen: line?.amountFen ?? null,
      },
    };
  },
  async statement(_day, creds, range) {
    const lines = await booksOf(creds).between(range.from, range.to);
    return {
      ok: true,
      value: lines
        .filter((l) => l.status === 'paid')
        .map((l) => ({
          kind: l.kind,
          paymentNumber: l.paymentNumber,
          refundNumber: l.kind === 'refund' ? l.number : null,
          providerTxnId: l.txnId,
          amountFen: l.amountFen,
        })),
    };
  },
  verifyNotification() {
    throw new NotificationRejected('the development provider sends no notifications');
  },
};
