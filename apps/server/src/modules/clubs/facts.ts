// The verified facts behind trust and badges, loaded set-based for a page of authors or
// members: their cars' makes (vehicles), paid visits (service orders paid or closed) and events
// attended (the events module, through the hook the root hands in; none without it).
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { serviceOrders } from '../service/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { clubMembers, type MemberRole } from './clubs.tables.ts';
import { badgesFor, NO_FACTS, trustLevel, type Badge, type MemberFacts } from './trust-rules.ts';

export type EventAttendance = (
  ctx: Ctx,
  customerIds: readonly string[],
) => Promise<Map<string, number>>;

let eventAttendance: EventAttendance | null = null;

/** Wired by the composition root from the module that records event attendance. */
export function setEventAttendance(fn: EventAttendance): void {
  eventAttendance = fn;
}

const PAID = ['paid', 'closed'] as const;

export async function loadFacts(
  ctx: Ctx,
  customerIds: readonly string[],
): Promise<Map<string, MemberFacts>> {
  const ids = [...new Set(customerIds)];
  const facts = new Map<string, MemberFacts>();
  if (ids.length === 0) return facts;
  const [cars, visits, events] = await Promise.all([
    ctx.tx
      .selectDistinct({ customerId: vehicles.customerId, make: vehicles.makeKey })
      .from(vehicles)
      .where(and(eq(vehicles.tenantId, ctx.tenantId), inArray(vehicles.customerId, ids))),
    ctx.tx
      .select({ customerId: serviceOrders.customerId, n: count() })
      .from(serviceOrders)
      .where(
        and(
          eq(serviceOrders.tenantId, ctx.tenantId),
          inArray(serviceOrders.customerId, ids),
          inArray(serviceOrders.status, PAID),
        ),
      )
      .groupBy(serviceOrders.customerId),
    eventAttendance ? eventAttendance(ctx, ids) : Promise.resolve(new Map<string, number>()),
  ]);
  for (const id of ids) facts.set(id, { ...NO_FACTS, carMakes: [] });
  for (const c of cars) {
    const f = facts.get(c.customerId);
    // A car without a make still verifies the owner (trust 1), never a make badge.
    if (f) (f.carMakes as string[]).push(c.make?.trim() ?? '');
  }
  for (const v of visits) {
    const f = facts.get(v.customerId);
    if (f) facts.set(v.customerId, { ...f, paidVisits: Number(v.n) });
  }
  for (const [id, n] of events) {
    const f = facts.get(id);
    if (f) facts.set(id, { ...f, eventsAttended: n });
  }
  return facts;
}

/** Roles of customers in one club (active members only). */
export async function rolesIn(
  ctx: Ctx,
  clubId: string,
  customerIds: readonly string[],
): Promise<Map<string, MemberRole>> {
  if (customerIds.length === 0) return new Map();
  const rows = await ctx.tx
    .select({ customerId: clubMembers.customerId, role: clubMembers.role })
    .from(clubMembers)
    .where(
      and(
        eq(clubMembers.tenantId, ctx.tenantId),
        eq(clubMembers.clubId, clubId),
        eq(clubMembers.status, 'active'),
        inArray(clubMembers.customerId, [...new Set(customerIds)]),
      ),
    );
  return new Map(rows.map((r) => [r.customerId, r.role]));
}

/** Badges of customers in one club, set-based (two or three queries whatever their number). */
export async function badgesInClub(
  ctx: Ctx,
  club: { id: string; make: string | null },
  customerIds: readonly string[],
): Promise<Map<string, Badge[]>> {
  const [facts, roles] = await Promise.all([
    loadFacts(ctx, customerIds),
    rolesIn(ctx, club.id, customerIds),
  ]);
  const out = new Map<string, Badge[]>();
  for (const id of customerIds)
    out.set(id, badgesFor(facts.get(id) ?? NO_FACTS, roles.get(id) ?? null, club));
  return out;
}

/** The trust level of one customer in one club (what moderation's screen is given). */
export async function trustIn(ctx: Ctx, clubId: string, customerId: string) {
  const [facts, roles] = await Promise.all([
    loadFacts(ctx, [customerId]),
    rolesIn(ctx, clubId, [customerId]),
  ]);
  return trustLevel(facts.get(customerId) ?? NO_FACTS, roles.get(customerId) ?? null);
}
