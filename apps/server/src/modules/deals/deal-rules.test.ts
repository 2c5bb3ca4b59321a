import { describe, expect, it } from 'vitest';
import {
  canLeave,
  canMove,
  countedJoiners,
  isFinal,
  joinRefusal,
  leaderOf,
  outcomeOf,
} from './deal-rules.ts';

const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m));
const j = (id: string, minute: number, flags: { code: string; customerId: string }[] = []) => ({
  id,
  customerId: `c-${id}`,
  joinedAt: at(minute),
  flags,
});

describe('status machine', () => {
  it('moves draft → open → settling → a final status, and nowhere back', () => {
    expect(canMove('draft', 'open')).toBe(true);
    expect(canMove('draft', 'cancelled')).toBe(true);
    expect(canMove('open', 'settling')).toBe(true);
    expect(canMove('settling', 'succeeded')).toBe(true);
    expect(canMove('settling', 'failed')).toBe(true);
    expect(canMove('settling', 'cancelled')).toBe(true);
    expect(canMove('open', 'succeeded')).toBe(false);
    expect(canMove('open', 'draft')).toBe(false);
    expect(canMove('succeeded', 'failed')).toBe(false);
    expect(canMove('failed', 'open')).toBe(false);
    expect(['succeeded', 'failed', 'cancelled'].every((s) => isFinal(s as 'failed'))).toBe(true);
    expect(isFinal('settling')).toBe(false);
  });
});

describe('leader succession', () => {
  it('the first joiner leads; when they leave the next by join time leads', () => {
    const all = [j('b', 5), j('a', 1), j('c', 9)];
    expect(leaderOf(all)?.id).toBe('a');
    expect(leaderOf(all.filter((x) => x.id !== 'a'))?.id).toBe('b');
    expect(leaderOf(all.filter((x) => x.id === 'c'))?.id).toBe('c');
    expect(leaderOf([])).toBeNull();
  });
  it('joiners of the same instant are ordered by id', () => {
    expect(leaderOf([j('z', 1), j('k', 1)])?.id).toBe('k');
  });
});

describe('joiners counted towards the minimum', () => {
  it('counts each joiner when nobody is linked', () => {
    expect(countedJoiners([j('a', 1), j('b', 2), j('c', 3)])).toBe(3);
  });
  it('counts one household once, also through a chain of links', () => {
    const a = j('a', 1);
    const b = j('b', 2, [{ code: 'HOUSEHOLD_ADDRESS', customerId: 'c-a' }]);
    const c = j('c', 3, [{ code: 'PHONE', customerId: 'c-b' }]);
    const d = j('d', 4);
    expect(countedJoiners([a, b, c, d])).toBe(2);
  });
  it('a link to someone who left links nothing', () => {
    const b = j('b', 2, [{ code: 'CAR', customerId: 'c-a' }]);
    expect(countedJoiners([b, j('c', 3)])).toBe(2);
  });
  it('decides the outcome on the counted joiners', () => {
    const a = j('a', 1);
    const b = j('b', 2, [{ code: 'HOUSEHOLD_PAYER', customerId: 'c-a' }]);
    expect(outcomeOf(2, countedJoiners([a, b]))).toBe('failed');
    expect(outcomeOf(2, countedJoiners([a, j('c', 3)]))).toBe('succeeded');
  });
});

describe('joining and leaving', () => {
  const base = {
    status: 'open' as const,
    deadlineAt: at(30),
    now: at(10),
    maxJoiners: 3,
    activeJoiners: 1,
    alreadyIn: false,
  };
  it('answers why a join is refused', () => {
    expect(joinRefusal(base)).toBeNull();
    expect(joinRefusal({ ...base, now: at(30) })).toBe('DEAL_CLOSED');
    expect(joinRefusal({ ...base, status: 'draft' })).toBe('DEAL_CLOSED');
    expect(joinRefusal({ ...base, status: 'settling' })).toBe('DEAL_CLOSED');
    expect(joinRefusal({ ...base, alreadyIn: true })).toBe('DEAL_ALREADY_JOINED');
    expect(joinRefusal({ ...base, activeJoiners: 3 })).toBe('DEAL_FULL');
    expect(joinRefusal({ ...base, maxJoiners: null, activeJoiners: 300 })).toBeNull();
  });
  it('leaving only while open and before the deadline', () => {
    expect(canLeave('open', at(30), at(29))).toBe(true);
    expect(canLeave('open', at(30), at(30))).toBe(false);
    expect(canLeave('settling', at(30), at(10))).toBe(false);
  });
});
