// Check-in (签到) at the event: staff scan the owner's ticket or member card, or tick the name in
// the list. The sign-up row is locked; the first check-in records the time and grants the
// attendance points through loyalty's ledger under a key per owner and event, so a second scan
// answers the first result and no owner is paid twice for one event.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { lookupMemberCard } from '../coupons/index.ts';
import { grantReward } from '../loyalty/index.ts';
import { ticketFromScan } from './events-rules.ts';
import { findEvent, getSignupDto, type EventRow } from './events-read.ts';
import type { SignupDto } from './events.schemas.ts';
import { eventSignups } from './events.tables.ts';

const MEMBER_CARD_PREFIX = 'LKMC:';
const CODE_SHAPE = /^[A-Za-z0-9_-]{10,64}$/;

/** The points key: one grant per owner and event, whatever happens to the sign-up row. */
export const attendanceKey = (eventId: string, customerId: string) =>
  `event-attendance:${eventId}:${customerId}`;

async function signupByTicket(ctx: Ctx, e: EventRow, code: string) {
  if (!CODE_SHAPE.test(code)) throw new AppError('EVENT_TICKET_UNKNOWN', { field: 'code' });
  // Row-level security keeps another tenant's tickets out of sight: they are unknown here.
  const [s] = await ctx.tx
    .select()
    .from(eventSignups)
    .where(eq(eventSignups.ticketCode, code))
    .for('update');
  if (!s || s.eventId !== e.id) throw new AppError('EVENT_TICKET_UNKNOWN', { field: 'code' });
  return s;
}

async function signupByCustomer(ctx: Ctx, e: EventRow, customerId: string) {
  const [s] = await ctx.tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.customerId, customerId)))
    .for('update');
  return s;
}

/** A scanned code: a ticket (LKEV:…), a member card (LKMC:…), or a bare code of either. */
async function signupFromCode(ctx: Ctx, e: EventRow, scanned: string) {
  const ticket = ticketFromScan(scanned);
  if (ticket !== null) return signupByTicket(ctx, e, ticket);
  const bare = scanned.trim();
  if (!bare.toUpperCase().startsWith(MEMBER_CARD_PREFIX) && CODE_SHAPE.test(bare)) {
    const [s] = await ctx.tx
      .select({ id: eventSignups.id })
      .from(eventSignups)
      .where(eq(eventSignups.ticketCode, bare));
    if (s) return signupByTicket(ctx, e, bare);
  }
  let customerId: string;
  try {
    customerId = (await lookupMemberCard(ctx, scanned)).customerId;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND')
      throw new AppError('EVENT_TICKET_UNKNOWN', { field: 'code' });
    throw err;
  }
  const s = await signupByCustomer(ctx, e, customerId);
  if (!s) throw new AppError('EVENT_NOT_SIGNED_UP', { field: 'code' });
  return s;
}

export async function checkIn(
  ctx: Ctx,
  eventId: string,
  input: { code?: string | undefined; signupId?: string | undefined },
): Promise<{ signup: SignupDto; alreadyCheckedIn: boolean; pointsGranted: number }> {
  const e = await findEvent(ctx, eventId);
  if (e.status === 'cancelled') throw new AppError('EVENT_CANCELLED');
  if (e.status !== 'published') throw new AppError('EVENT_NOT_PUBLISHED');
  let s;
  if (input.code) s = await signupFromCode(ctx, e, input.code);
  else {
    [s] = await ctx.tx
      .select()
      .from(eventSignups)
      .where(and(eq(eventSignups.id, input.signupId!), eq(eventSignups.eventId, eventId)))
      .for('update');
    if (!s) throw new AppError('NOT_FOUND', { field: 'signupId' });
  }
  if (s.status !== 'confirmed')
    throw new AppError('EVENT_NOT_SIGNED_UP', { details: { status: s.status } });
  if (s.checkedInAt)
    return {
      signup: await getSignupDto(ctx, e, s.id),
      alreadyCheckedIn: true,
      pointsGranted: s.pointsGranted,
    };
  let points = 0;
  if (e.attendancePoints > 0) {
    const r = await grantReward(ctx, {
      customerId: s.customerId,
      kind: 'points',
      amount: e.attendancePoints,
      reason: `活动签到：${e.title}`,
      reference: { type: 'event_signup', id: s.id },
      idempotencyKey: attendanceKey(e.id, s.customerId),
    });
    // A replay means this owner was paid for this event before (checked in, cancelled, back).
    points = r.replayed ? 0 : e.attendancePoints;
  }
  const now = ctx.clock.now();
  await ctx.tx
    .update(eventSignups)
    .set({
      checkedInAt: now,
      checkedInBy: ctx.actor.id,
      pointsGranted: points,
      updatedAt: now,
    })
    .where(eq(eventSignups.id, s.id));
  await recordAudit(ctx, {
    action: 'event.checkedIn',
    entityType: 'event',
    entityId: e.id,
    changes: { signupId: s.id, points },
  });
  return {
    signup: await getSignupDto(ctx, e, s.id),
    alreadyCheckedIn: false,
    pointsGranted: points,
  };
}
