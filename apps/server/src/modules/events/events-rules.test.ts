import { describe, expect, it } from 'vitest';
import {
  decideSignup,
  isNoShow,
  placesLeft,
  promote,
  reminderDue,
  ticketFromScan,
  timesValid,
  type EventState,
} from './events-rules.ts';

const H = 60 * 60 * 1000;
const now = new Date('2026-12-01T02:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * H);
const event = (over: Partial<EventState> = {}): EventState => ({
  status: 'published',
  startsAt: at(48),
  endsAt: at(52),
  signupDeadline: at(24),
  capacity: 10,
  placesTaken: 0,
  maxPartySize: 3,
  ...over,
});
const req = (partySize = 1, joinWaitlist = false) => ({ partySize, joinWaitlist });

describe('decideSignup', () => {
  it('confirms while the party fits in the places left', () => {
    expect(decideSignup(event({ placesTaken: 7 }), req(3), now)).toEqual({ status: 'confirmed' });
    expect(decideSignup(event({ placesTaken: 9 }), req(1), now)).toEqual({ status: 'confirmed' });
  });
  it('answers EVENT_FULL when the party does not fit, and waitlists only when asked', () => {
    expect(decideSignup(event({ placesTaken: 8 }), req(3), now)).toEqual({ refused: 'EVENT_FULL' });
    expect(decideSignup(event({ placesTaken: 10 }), req(1), now)).toEqual({
      refused: 'EVENT_FULL',
    });
    expect(decideSignup(event({ placesTaken: 10 }), req(1, true), now)).toEqual({
      status: 'waitlisted',
    });
  });
  it('confirms (not waitlists) when places are left even if the waitlist was asked for', () => {
    expect(decideSignup(event(), req(1, true), now)).toEqual({ status: 'confirmed' });
  });
  it('closes at the deadline (inclusive) and at the start', () => {
    expect(decideSignup(event({ signupDeadline: now }), req(), now)).toEqual({
      refused: 'EVENT_SIGNUP_CLOSED',
    });
    expect(decideSignup(event({ signupDeadline: at(-1) }), req(1, true), now)).toEqual({
      refused: 'EVENT_SIGNUP_CLOSED',
    });
    expect(decideSignup(event({ startsAt: at(-1), signupDeadline: at(-2) }), req(), now)).toEqual({
      refused: 'EVENT_SIGNUP_CLOSED',
    });
  });
  it('hides drafts and refuses cancelled events', () => {
    expect(decideSignup(event({ status: 'draft' }), req(), now)).toEqual({ refused: 'NOT_FOUND' });
    expect(decideSignup(event({ status: 'cancelled' }), req(), now)).toEqual({
      refused: 'EVENT_CANCELLED',
    });
  });
  it('refuses a party larger than the event allows, or not a positive integer', () => {
    expect(decideSignup(event(), req(4), now)).toEqual({ refused: 'EVENT_PARTY_TOO_LARGE' });
    expect(decideSignup(event(), req(0), now)).toEqual({ refused: 'EVENT_PARTY_TOO_LARGE' });
    expect(decideSignup(event(), req(1.5), now)).toEqual({ refused: 'EVENT_PARTY_TOO_LARGE' });
  });
  it('never counts negative places left', () => {
    expect(placesLeft({ capacity: 5, placesTaken: 7 })).toBe(0);
    expect(placesLeft({ capacity: 5, placesTaken: 2 })).toBe(3);
  });
});

describe('promote (waitlist, first come first served)', () => {
  const w = (id: string, seq: number, partySize = 1) => ({ id, seq, partySize });
  it('promotes in queue order, not in the order given', () => {
    expect(promote(2, [w('c', 3), w('a', 1), w('b', 2)])).toEqual(['a', 'b']);
  });
  it('passes over a party that does not fit and promotes the next who does', () => {
    expect(promote(2, [w('big', 1, 3), w('one', 2), w('two', 3, 2)])).toEqual(['one']);
    expect(promote(3, [w('big', 1, 3), w('one', 2)])).toEqual(['big']);
  });
  it('fills exactly and stops', () => {
    expect(promote(3, [w('a', 1, 2), w('b', 2, 2), w('c', 3, 1), w('d', 4, 1)])).toEqual([
      'a',
      'c',
    ]);
  });
  it('promotes nobody without free places or waiting people', () => {
    expect(promote(0, [w('a', 1)])).toEqual([]);
    expect(promote(5, [])).toEqual([]);
  });
});

describe('reminderDue', () => {
  it('gives the day-before reminder from 24 h to just over 2 h ahead', () => {
    expect(reminderDue(at(24), now)).toBe('day');
    expect(reminderDue(at(3), now)).toBe('day');
    expect(reminderDue(new Date(at(2).getTime() + 1), now)).toBe('day');
  });
  it('gives the two-hours reminder in the last two hours', () => {
    expect(reminderDue(at(2), now)).toBe('hours');
    expect(reminderDue(at(0.25), now)).toBe('hours');
  });
  it('gives none more than a day ahead or once started', () => {
    expect(reminderDue(new Date(at(24).getTime() + 1), now)).toBeNull();
    expect(reminderDue(now, now)).toBeNull();
    expect(reminderDue(at(-1), now)).toBeNull();
  });
});

describe('no-shows and times', () => {
  const e = { endsAt: at(-1), status: 'published' };
  it('counts a confirmed sign-up not checked in once the event is over', () => {
    expect(isNoShow({ status: 'confirmed', checkedInAt: null }, e, now)).toBe(true);
    expect(isNoShow({ status: 'confirmed', checkedInAt: at(-3) }, e, now)).toBe(false);
    expect(isNoShow({ status: 'waitlisted', checkedInAt: null }, e, now)).toBe(false);
    expect(isNoShow({ status: 'cancelled', checkedInAt: null }, e, now)).toBe(false);
    expect(isNoShow({ status: 'confirmed', checkedInAt: null }, { ...e, endsAt: at(1) }, now)).toBe(
      false,
    );
    expect(
      isNoShow({ status: 'confirmed', checkedInAt: null }, { ...e, status: 'cancelled' }, now),
    ).toBe(false);
  });
  it('wants the end after the start and the deadline no later than the start', () => {
    expect(timesValid({ startsAt: at(2), endsAt: at(3), signupDeadline: at(2) })).toBe(true);
    expect(timesValid({ startsAt: at(2), endsAt: at(2), signupDeadline: at(1) })).toBe(false);
    expect(timesValid({ startsAt: at(2), endsAt: at(3), signupDeadline: at(2.5) })).toBe(false);
  });
  it('reads a ticket from its QR payload only', () => {
    expect(ticketFromScan(' lkev:AbC_123-xyzXYZ ')).toBe('AbC_123-xyzXYZ');
    expect(ticketFromScan('LKMC:abc')).toBeNull();
    expect(ticketFromScan('AbC_123-xyzXYZ')).toBeNull();
  });
});
