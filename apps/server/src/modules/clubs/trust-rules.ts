// Trust and badges of a club member from verified facts only (cars the shop has on file, paid
// visits, events attended, the role staff gave), never from what the member says of themselves.
import type { MemberRole } from './clubs.tables.ts';

/** What the shop knows of one customer, loaded set-based for a page of authors or members. */
export interface MemberFacts {
  /** Makes of the customer's cars at the shop, lower-cased and trimmed. */
  carMakes: readonly string[];
  /** Service orders paid (or paid and closed) at the shop. */
  paidVisits: number;
  /** Events the customer was checked in at. */
  eventsAttended: number;
}

export const BADGES = ['make_owner', 'regular', 'event_goer', 'kol', 'organiser'] as const;
export type BadgeCode = (typeof BADGES)[number];
/** A badge; `make_owner` names the make (车主认证 · 大众). */
export interface Badge {
  code: BadgeCode;
  make?: string;
}

/** 老客户: this many paid visits. */
export const REGULAR_VISITS = 3;
/** 活动达人: this many events attended. */
export const EVENT_GOER_EVENTS = 2;

/** 0 new · 1 verified (a car at the shop or a paid visit) · 2 regular · 3 KOL or organiser. */
export type TrustLevel = 0 | 1 | 2 | 3;

export const makeKey = (make: string): string => make.trim().toLowerCase();

/** How far the shop vouches for the member in this club (moderation holds links below 1). */
export function trustLevel(facts: MemberFacts, role: MemberRole | null): TrustLevel {
  if (role === 'kol' || role === 'organiser') return 3;
  if (facts.paidVisits >= REGULAR_VISITS) return 2;
  if (facts.carMakes.length > 0 || facts.paidVisits > 0) return 1;
  return 0;
}

/**
 * The member's badges in a club, in a stable order: 车主认证 when a car on file is of the club's
 * make (make and model clubs), 老客户, 活动达人, then the role staff gave.
 */
export function badgesFor(
  facts: MemberFacts,
  role: MemberRole | null,
  club: { make: string | null },
): Badge[] {
  const badges: Badge[] = [];
  if (club.make && facts.carMakes.includes(makeKey(club.make)))
    badges.push({ code: 'make_owner', make: club.make.trim() });
  if (facts.paidVisits >= REGULAR_VISITS) badges.push({ code: 'regular' });
  if (facts.eventsAttended >= EVENT_GOER_EVENTS) badges.push({ code: 'event_goer' });
  if (role === 'kol') badges.push({ code: 'kol' });
  if (role === 'organiser') badges.push({ code: 'organiser' });
  return badges;
}

export const NO_FACTS: MemberFacts = { carMakes: [], paidVisits: 0, eventsAttended: 0 };
