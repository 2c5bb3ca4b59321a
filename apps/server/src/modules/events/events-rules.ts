// The rules of events, without a database: who may sign up and how (capacity counted in people,
// the deadline, the waitlist offered, never joined silently), who the freed places go to, which
// reminder is due, and when a confirmed sign-up counts as a no-show.

export type EventStatus = 'draft' | 'published' | 'cancelled';

export interface EventState {
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  signupDeadline: Date;
  capacity: number;
  placesTaken: number;
  maxPartySize: number;
}

export type SignupRefusal =
  'NOT_FOUND' | 'EVENT_CANCELLED' | 'EVENT_SIGNUP_CLOSED' | 'EVENT_PARTY_TOO_LARGE' | 'EVENT_FULL';

/**
 * What a sign-up of `partySize` people becomes: confirmed when that many places are left,
 * waitlisted when the event is full and the owner asked for the waitlist, else refused. A draft
 * is not visible (NOT_FOUND); the deadline closes both the sign-up and the waitlist.
 */
export function decideSignup(
  e: EventState,
  req: { partySize: number; joinWaitlist: boolean },
  now: Date,
): { status: 'confirmed' | 'waitlisted' } | { refused: SignupRefusal } {
  if (e.status === 'draft') return { refused: 'NOT_FOUND' };
  if (e.status === 'cancelled') return { refused: 'EVENT_CANCELLED' };
  if (now >= e.signupDeadline || now >= e.startsAt) return { refused: 'EVENT_SIGNUP_CLOSED' };
  if (!Number.isInteger(req.partySize) || req.partySize < 1 || req.partySize > e.maxPartySize)
    return { refused: 'EVENT_PARTY_TOO_LARGE' };
  if (placesLeft(e) >= req.partySize) return { status: 'confirmed' };
  return req.joinWaitlist ? { status: 'waitlisted' } : { refused: 'EVENT_FULL' };
}

export const placesLeft = (e: { capacity: number; placesTaken: number }): number =>
  Math.max(0, e.capacity - e.placesTaken);

export interface Waiting {
  id: string;
  seq: number;
  partySize: number;
}

/**
 * Who the free places go to: the waitlist in the order people joined it; a party larger than the
 * places left is passed over (it keeps its place at the head of the queue for the next places
 * freed) and the next who fits is promoted, so places never stay empty while someone who fits
 * waits. Answers the promoted ids in queue order.
 */
export function promote(free: number, waitlist: readonly Waiting[]): string[] {
  const promoted: string[] = [];
  let left = free;
  for (const w of [...waitlist].sort((a, b) => a.seq - b.seq)) {
    if (left <= 0) break;
    if (w.partySize <= left) {
      promoted.push(w.id);
      left -= w.partySize;
    }
  }
  return promoted;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const TWO_HOURS_MS = 2 * 60 * 60 * 1000;
export type ReminderKind = 'day' | 'hours';

/**
 * The reminder due for an event starting at `startsAt`: the day-before one from 24 h to 2 h
 * before the start, the two-hours one in the last two hours; none before or once started. The
 * job runs every quarter hour and each reminder has its own dedupe key per sign-up, so an owner
 * who signs up 5 hours before gets only the two-hours one, and nobody gets one twice.
 */
export function reminderDue(startsAt: Date, now: Date): ReminderKind | null {
  const ahead = startsAt.getTime() - now.getTime();
  if (ahead <= 0) return null;
  if (ahead <= TWO_HOURS_MS) return 'hours';
  if (ahead <= DAY_MS) return 'day';
  return null;
}

/** A confirmed sign-up not checked in once the event is over. */
export const isNoShow = (
  s: { status: string; checkedInAt: Date | null },
  e: { endsAt: Date; status: string },
  now: Date,
): boolean =>
  e.status === 'published' && s.status === 'confirmed' && !s.checkedInAt && now >= e.endsAt;

/** Times that make sense: ends after start, the deadline no later than the start. */
export function timesValid(t: { startsAt: Date; endsAt: Date; signupDeadline: Date }): boolean {
  return t.endsAt > t.startsAt && t.signupDeadline <= t.startsAt;
}

export const TICKET_PREFIX = 'LKEV:';

/** Accepts what a scanner or a person gives: the ticket QR payload or the bare code. */
export function ticketFromScan(input: string): string | null {
  const s = input.trim();
  return s.toUpperCase().startsWith(TICKET_PREFIX) ? s.slice(TICKET_PREFIX.length).trim() : null;
}
