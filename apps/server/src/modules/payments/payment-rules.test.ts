// The rules of online payments, every case: what a verified fact does, whether a refund may be
// asked for, the query backoff, and the comparison of a statement with our books.
import { describe, expect, it } from 'vitest';
import { decideOnTrade, nextQueryAt, refundRefusal, statusAfterRefunds } from './payment-rules.ts';
import { yuanToFen, fenToYuan } from './port.ts';
import { compareStatements } from './reconciliation.ts';

describe('decideOnTrade', () => {
  const pending = { status: 'pending' as const, amountFen: 50_000 };
  it('credits a paid fact of the amount created', () => {
    expect(decideOnTrade(pending, { state: 'paid', amountFen: 50_000 })).toEqual({
      action: 'credit',
    });
    expect(decideOnTrade(pending, { state: 'refunded', amountFen: 50_000 })).toEqual({
      action: 'credit',
    });
  });
  it('holds another amount, or none', () => {
    expect(decideOnTrade(pending, { state: 'paid', amountFen: 49_999 })).toEqual({
      action: 'hold',
      reason: 'amount_mismatch',
    });
    expect(decideOnTrade(pending, { state: 'paid', amountFen: null })).toEqual({
      action: 'hold',
      reason: 'amount_missing',
    });
  });
  it('credits a late payment of a payment we had closed', () => {
    expect(
      decideOnTrade({ ...pending, status: 'closed' }, { state: 'paid', amountFen: 50_000 }),
    ).toEqual({ action: 'credit' });
  });
  it.each(['paid', 'held', 'refunded', 'partially_refunded'] as const)(
    'changes nothing once %s',
    (status) => {
      expect(
        decideOnTrade({ status, amountFen: 50_000 }, { state: 'paid', amountFen: 50_000 }),
      ).toEqual({ action: 'none', why: 'already_settled' });
    },
  );
  it('closes only a pending payment; a pending fact waits', () => {
    expect(decideOnTrade(pending, { state: 'closed', amountFen: null })).toEqual({
      action: 'close',
    });
    expect(
      decideOnTrade({ ...pending, status: 'paid' }, { state: 'closed', amountFen: null }).action,
    ).toBe('none');
    expect(decideOnTrade(pending, { state: 'pending', amountFen: null })).toEqual({
      action: 'none',
      why: 'still_pending',
    });
  });
});

describe('refundRefusal', () => {
  const now = new Date('2026-12-07T00:00:00Z');
  const paid = {
    status: 'paid' as const,
    provider: 'wechat' as const,
    amountFen: 10_000,
    refundedFen: 0,
    paidAt: new Date('2026-12-01T00:00:00Z'),
  };
  const none = { count: 0, lastAt: null };
  it('allows up to what is left', () => {
    expect(refundRefusal(paid, none, 10_000, now)).toBeNull();
    expect(refundRefusal({ ...paid, refundedFen: 4_000 }, none, 6_001, now)).toBe(
      'PAYMENT_REFUND_EXCEEDS_PAID',
    );
    expect(refundRefusal(paid, none, 0, now)).toBe('PAYMENT_REFUND_EXCEEDS_PAID');
  });
  it('refuses what was not paid', () => {
    expect(refundRefusal({ ...paid, status: 'pending', paidAt: null }, none, 1, now)).toBe(
      'PAYMENT_NOT_REFUNDABLE',
    );
    expect(refundRefusal({ ...paid, status: 'refunded' }, none, 1, now)).toBe(
      'PAYMENT_NOT_REFUNDABLE',
    );
  });
  it('keeps WeChat Pay’s limits: 50 refunds, one year, a minute apart', () => {
    expect(refundRefusal(paid, { count: 50, lastAt: null }, 1, now)).toBe('PAYMENT_REFUND_LIMIT');
    expect(refundRefusal({ ...paid, paidAt: new Date('2025-12-01T00:00:00Z') }, none, 1, now)).toBe(
      'PAYMENT_REFUND_LIMIT',
    );
    expect(
      refundRefusal(paid, { count: 1, lastAt: new Date(now.getTime() - 30_000) }, 1, now),
    ).toBe('PAYMENT_REFUND_LIMIT');
    expect(
      refundRefusal(paid, { count: 1, lastAt: new Date(now.getTime() - 61_000) }, 1, now),
    ).toBeNull();
  });
});

describe('small rules', () => {
  it('status after refunds', () => {
    expect(statusAfterRefunds(100, 0)).toBe('paid');
    expect(statusAfterRefunds(100, 40)).toBe('partially_refunded');
    expect(statusAfterRefunds(100, 100)).toBe('refunded');
  });
  it('queries back off to an hour', () => {
    const t = new Date(0);
    expect(nextQueryAt(t, 0).getTime()).toBe(60_000);
    expect(nextQueryAt(t, 99).getTime()).toBe(3_600_000);
  });
  it('yuan and fen exactly', () => {
    expect(yuanToFen('500.00')).toBe(50_000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(fenToYuan(50_005)).toBe('500.05');
  });
  it('compares a statement with our books', () => {
    const ours = [
      { kind: 'payment' as const, number: 'A', paymentNumber: 'A', amountFen: 100 },
      { kind: 'payment' as const, number: 'B', paymentNumber: 'B', amountFen: 200 },
      { kind: 'refund' as const, number: 'R1', paymentNumber: 'A', amountFen: 50 },
    ];
    expect(compareStatements(ours, ours)).toEqual([]);
    const theirs = [
      ours[0]!,
      { ...ours[1]!, amountFen: 199 },
      { kind: 'payment' as const, number: 'C', paymentNumber: 'C', amountFen: 5 },
    ];
    expect(compareStatements(ours, theirs).map((d) => `${d.type}:${d.number}`)).toEqual([
      'amount_differs:B',
      'missing_here:C',
      'missing_at_provider:R1',
    ]);
  });
});
