// The ticket's status machine, every status × action, the reopen window and the survey rules.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import {
  assertCanReopen,
  assertCanReply,
  COMPLAINT_ACTIONS,
  isWarning,
  nextStatus,
  npsClass,
  npsOf,
  surveySeverity,
  ticketNumber,
} from './complaint-rules.ts';
import { COMPLAINT_STATUSES } from './feedback.tables.ts';

const ALLOWED: Record<string, string> = {
  'open:start': 'in_progress',
  'in_progress:wait_parts': 'waiting_parts',
  'in_progress:wait_owner': 'waiting_owner',
  'in_progress:resolve': 'resolved',
  'waiting_owner:wait_parts': 'waiting_parts',
  'waiting_parts:wait_owner': 'waiting_owner',
  'waiting_parts:resume': 'in_progress',
  'waiting_owner:resume': 'in_progress',
  'waiting_parts:resolve': 'resolved',
  'waiting_owner:resolve': 'resolved',
  'resolved:close': 'closed',
  'resolved:reopen': 'open',
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
  return null;
};

describe('status machine', () => {
  for (const from of COMPLAINT_STATUSES)
    for (const action of COMPLAINT_ACTIONS) {
      const to = ALLOWED[`${from}:${action}`];
      it(`${from} + ${action} → ${to ?? '409'}`, () => {
        if (to) expect(nextStatus(from, action)).toBe(to);
        else expect(codeOf(() => nextStatus(from, action))).toBe('COMPLAINT_STATUS_INVALID');
      });
    }

  it('a closed ticket takes no move and no reply', () => {
    for (const a of COMPLAINT_ACTIONS) expect(codeOf(() => nextStatus('closed', a))).not.toBeNull();
    expect(codeOf(() => assertCanReply('closed'))).toBe('COMPLAINT_CLOSED');
    expect(codeOf(() => assertCanReply('resolved'))).toBeNull();
  });
});

describe('reopen window', () => {
  const resolvedAt = new Date('2026-12-01T10:00:00Z');
  const day = 86_400_000;
  it('reopens within the days', () => {
    const at = new Date(resolvedAt.getTime() + 7 * day);
    expect(codeOf(() => assertCanReopen({ status: 'resolved', resolvedAt }, at, 7))).toBeNull();
  });
  it('refuses after the window', () => {
    const at = new Date(resolvedAt.getTime() + 7 * day + 1);
    expect(codeOf(() => assertCanReopen({ status: 'resolved', resolvedAt }, at, 7))).toBe(
      'COMPLAINT_REOPEN_EXPIRED',
    );
  });
  it('refuses a ticket not resolved', () => {
    expect(codeOf(() => assertCanReopen({ status: 'closed', resolvedAt }, resolvedAt, 7))).toBe(
      'COMPLAINT_STATUS_INVALID',
    );
  });
});

describe('survey rules', () => {
  it('classes scores', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsClass)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });
  it('computes NPS', () => {
    expect(npsOf({ promoters: 6, passives: 2, detractors: 2 })).toBe(40);
    expect(npsOf({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
    expect(npsOf({ promoters: 0, passives: 0, detractors: 3 })).toBe(-100);
  });
  it('warns on a detractor or two stars or fewer', () => {
    expect(isWarning({ nps: 6, stars: null })).toBe(true);
    expect(isWarning({ nps: 7, stars: 3 })).toBe(false);
    expect(isWarning({ nps: 9, stars: 2 })).toBe(true);
    expect(isWarning({ nps: null, stars: null })).toBe(false);
    expect(surveySeverity({ nps: 3, stars: null })).toBe('high');
    expect(surveySeverity({ nps: 5, stars: null })).toBe('medium');
  });
  it('numbers tickets per day', () => {
    expect(ticketNumber('2026-12-07', 1)).toBe('TS-20261207-0001');
  });
});
