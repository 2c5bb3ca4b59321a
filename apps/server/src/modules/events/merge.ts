// Two customer records became one: where both signed up to the same event, one sign-up stays (the
// better: checked in, then confirmed, then waitlisted, then cancelled; the survivor's on a tie) and
// the other goes (its places to the waitlist), so the generic re-pointing of customer_id that
// follows never meets two rows of one owner and event.
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { communityEvents, eventSignups } from './events.tables.ts';
import { fillFreedPlaces } from './signups.ts';

type Row = typeof eventSignups.$inferSelect;
const rank = (s: Row) =>
  s.checkedInAt ? 3 : s.status === 'confirmed' ? 2 : s.status === 'waitlisted' ? 1 : 0;

export async function mergeEventSignups(
  ctx: Ctx,
  { survivorId, duplicateId }: { survivorId: string; duplicateId: string },
): Promise<void> {
  const rows = await ctx.tx
    .select()
    .from(eventSignups)
    .where(inArray(eventSignups.customerId, [survivorId, duplicateId]));
  const byEvent = new Map<string, Row[]>();
  for (const r of rows) byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), r]);
  for (const [eventId, pair] of byEvent) {
    if (pair.length < 2) continue;
    const drop = [...pair].sort(
      (a, b) =>
        rank(b) - rank(a) ||
        Number(b.customerId === survivorId) - Number(a.customerId === survivorId),
    )[1]!;
    await ctx.tx
      .select()
      .from(communityEvents)
      .where(eq(communityEvents.id, eventId))
      .for('update');
    await ctx.tx
      .delete(eventSignups)
      .where(and(eq(eventSignups.id, drop.id), eq(eventSignups.eventId, eventId)));
    if (drop.status === 'confirmed') {
      const [e] = await ctx.tx
        .select({ taken: communityEvents.placesTaken })
        .from(communityEvents)
        .where(eq(communityEvents.id, eventId));
      await ctx.tx
        .update(communityEvents)
        .set({ placesTaken: Math.max(0, (e?.taken ?? 0) - drop.partySize) })
        .where(eq(communityEvents.id, eventId));
      await fillFreedPlaces(ctx, eventId);
    }
  }
}
