import { describe, expect, it } from 'vitest';
import { badgesFor, NO_FACTS, trustLevel, type MemberFacts } from './trust-rules.ts';

const facts = (f: Partial<MemberFacts>): MemberFacts => ({ ...NO_FACTS, ...f });
const vw = { make: '大众' };
const noMake = { make: null };

describe('trust level', () => {
  it('is 0 for a customer the shop knows nothing of', () => {
    expect(trustLevel(NO_FACTS, 'member')).toBe(0);
    expect(trustLevel(NO_FACTS, null)).toBe(0);
  });
  it('is 1 with a car of any make at the shop', () => {
    expect(trustLevel(facts({ carMakes: ['丰田'] }), 'member')).toBe(1);
  });
  it('is 1 with one or two paid visits', () => {
    expect(trustLevel(facts({ paidVisits: 1 }), 'member')).toBe(1);
    expect(trustLevel(facts({ paidVisits: 2 }), 'member')).toBe(1);
  });
  it('is 2 from three paid visits', () => {
    expect(trustLevel(facts({ paidVisits: 3 }), 'member')).toBe(2);
    expect(trustLevel(facts({ paidVisits: 30, carMakes: ['大众'] }), 'member')).toBe(2);
  });
  it('is 3 for a KOL or an organiser, whatever else is known', () => {
    expect(trustLevel(NO_FACTS, 'kol')).toBe(3);
    expect(trustLevel(NO_FACTS, 'organiser')).toBe(3);
  });
  it('does not count events attended as verification', () => {
    expect(trustLevel(facts({ eventsAttended: 5 }), 'member')).toBe(0);
  });
});

describe('badges', () => {
  it('gives none to a new member', () => {
    expect(badgesFor(NO_FACTS, 'member', vw)).toEqual([]);
  });
  it('gives 车主认证 with the make when a car on file is of the club’s make, case-blind', () => {
    expect(badgesFor(facts({ carMakes: ['大众'] }), 'member', vw)).toEqual([
      { code: 'make_owner', make: '大众' },
    ]);
    expect(
      badgesFor(facts({ carMakes: ['volkswagen'] }), 'member', { make: ' Volkswagen ' }),
    ).toEqual([{ code: 'make_owner', make: 'Volkswagen' }]);
  });
  it('gives no owner badge for a car of another make, nor in a club without a make', () => {
    expect(badgesFor(facts({ carMakes: ['丰田'] }), 'member', vw)).toEqual([]);
    expect(badgesFor(facts({ carMakes: ['大众'] }), 'member', noMake)).toEqual([]);
  });
  it('gives 老客户 from three paid visits, not two', () => {
    expect(badgesFor(facts({ paidVisits: 2 }), 'member', noMake)).toEqual([]);
    expect(badgesFor(facts({ paidVisits: 3 }), 'member', noMake)).toEqual([{ code: 'regular' }]);
  });
  it('gives 活动达人 from two events attended, not one', () => {
    expect(badgesFor(facts({ eventsAttended: 1 }), 'member', noMake)).toEqual([]);
    expect(badgesFor(facts({ eventsAttended: 2 }), 'member', noMake)).toEqual([
      { code: 'event_goer' },
    ]);
  });
  it('gives the role staff gave', () => {
    expect(badgesFor(NO_FACTS, 'kol', noMake)).toEqual([{ code: 'kol' }]);
    expect(badgesFor(NO_FACTS, 'organiser', noMake)).toEqual([{ code: 'organiser' }]);
    expect(badgesFor(NO_FACTS, null, noMake)).toEqual([]);
  });
  it('lists every badge earned, in a stable order', () => {
    expect(
      badgesFor(facts({ carMakes: ['大众'], paidVisits: 4, eventsAttended: 3 }), 'kol', vw).map(
        (b) => b.code,
      ),
    ).toEqual(['make_owner', 'regular', 'event_goer', 'kol']);
  });
});
