// Rescheduling and cancelling the owner's own bookings through the dialogue. Only bookings of
// this owner are ever listed or touched (appointments' owner-scoped reads), and each change is
// confirmed first, then made by appointments' functions with their status rules.
import { cancelAsCustomer, getMyAppointment, reschedule, toLocal } from '../appointments/index.ts';
import { attempt } from './acting.ts';
import { recordAction } from './actions.ts';
import type { DialogueState } from './assistant.tables.ts';
import { localSlot, mergeWish, offerNearest, offerPicked } from './booking-flow.ts';
import { chooseSlot, lastCancelled, upcomingBookings, type Booking } from './owner-data.ts';
import { R, serviceName, type ReplyLang } from './replies.ts';
import { EMPTY_STATE, choiceIn, type Turn, type TurnResult } from './turn-types.ts';

const describe = (b: Booking, lang: ReplyLang) =>
  `${localSlot(b.startsAt, b.store.timeZone, lang)} ${serviceName(b.serviceCategory, lang)}${
    b.vehicle?.plate ? ` ${b.vehicle.plate}` : ''
  }`;

/** The booking the owner means: the one they have, the one they numbered, the one on a named day. */
function pickBooking(
  turn: Turn,
  bookings: Booking[],
  intent: 'reschedule' | 'cancel',
): Booking | null {
  const known =
    turn.state.intent === intent ? bookings.find((b) => b.id === turn.state.appointmentId) : null;
  if (known) return known;
  if (bookings.length === 1) return bookings[0]!;
  if (turn.state.awaiting === 'appointment') {
    const i = choiceIn(turn.text);
    if (i !== null && bookings[i]) return bookings[i]!;
  }
  if (intent === 'cancel' && turn.u.when.date) {
    const onDay = bookings.filter(
      (b) => toLocal(new Date(b.startsAt), b.store.timeZone).date === turn.u.when.date,
    );
    if (onDay.length === 1) return onDay[0]!;
  }
  return null;
}

async function noBooking(turn: Turn): Promise<TurnResult> {
  const gone = await lastCancelled(turn.ctx, turn.customerId);
  if (gone)
    return { text: R.alreadyCancelled(turn.lang, describe(gone, turn.lang)), state: EMPTY_STATE };
  return { text: R.noBookings(turn.lang), state: EMPTY_STATE };
}

export async function cancelTurn(turn: Turn): Promise<TurnResult> {
  const { ctx, lang } = turn;
  const bookings = await upcomingBookings(ctx, turn.customerId);
  if (!bookings.length) return noBooking(turn);
  const b = pickBooking(turn, bookings, 'cancel');
  const state: DialogueState = { intent: 'cancel', lang, appointmentId: b?.id ?? null };
  if (!b)
    return {
      text: R.whichBooking(
        lang,
        bookings.map((x) => describe(x, lang)),
      ),
      state: { ...state, awaiting: 'appointment' },
    };
  if (!(turn.state.awaiting === 'confirm' && turn.u.intent === 'confirm'))
    return {
      text: R.confirmCancel(lang, describe(b, lang)),
      state: { ...state, awaiting: 'confirm' },
    };
  const done = await attempt(ctx, (sp) =>
    cancelAsCustomer(
      sp,
      turn.customerId,
      b.id,
      lang === 'en' ? 'Cancelled through the assistant' : '车主通过智能助手取消',
    ),
  );
  if (!done.ok)
    return done.code === 'APPOINTMENT_STATUS_CONFLICT'
      ? { text: R.alreadyCancelled(lang, describe(b, lang)), state: EMPTY_STATE }
      : { text: R.bookingGone(lang), state: EMPTY_STATE };
  await recordAction(ctx, {
    conversationId: turn.conversationId,
    customerId: turn.customerId,
    kind: 'cancelled',
    entityType: 'appointment',
    entityId: b.id,
    summary: describe(b, 'zh-CN'),
    details: { startsAt: b.startsAt },
  });
  return { text: R.cancelled(lang, describe(b, lang)), state: EMPTY_STATE };
}

async function commitReschedule(turn: Turn, b: Booking, startsAt: string): Promise<TurnResult> {
  const { ctx, lang } = turn;
  const done = await attempt(ctx, async (sp) => {
    // Only the owner's own booking: another's is "not found", exactly as in the app.
    await getMyAppointment(sp, turn.customerId, b.id);
    return reschedule(sp, b.id, startsAt);
  });
  if (!done.ok) {
    if (done.code === 'APPOINTMENT_SLOT_FULL') {
      const local = toLocal(new Date(startsAt), b.store.timeZone);
      const choice = await chooseSlot(ctx, b.store.id, {
        date: local.date,
        minutes: local.minutes,
        part: null,
      });
      return offerNearest(
        turn,
        { ...turn.state, date: local.date, minutes: local.minutes },
        choice,
      );
    }
    return { text: R.bookingGone(lang), state: EMPTY_STATE };
  }
  await recordAction(ctx, {
    conversationId: turn.conversationId,
    customerId: turn.customerId,
    kind: 'rescheduled',
    entityType: 'appointment',
    entityId: b.id,
    summary: `${describe(b, 'zh-CN')} → ${localSlot(startsAt, b.store.timeZone, 'zh-CN')}`,
    details: { from: b.startsAt, to: startsAt },
  });
  return {
    text: R.rescheduled(lang, localSlot(startsAt, b.store.timeZone, lang)),
    state: EMPTY_STATE,
  };
}

export async function rescheduleTurn(turn: Turn): Promise<TurnResult> {
  const { ctx, lang } = turn;
  const bookings = await upcomingBookings(ctx, turn.customerId);
  if (!bookings.length) return noBooking(turn);
  let state = mergeWish(turn, 'reschedule');
  const b = pickBooking(turn, bookings, 'reschedule');
  if (!b)
    return {
      text: R.whichBooking(
        lang,
        bookings.map((x) => describe(x, lang)),
      ),
      state: { ...state, awaiting: 'appointment' },
    };
  state = { ...state, appointmentId: b.id };
  if (turn.state.awaiting === 'confirm' && turn.u.intent === 'confirm' && state.startsAt)
    return commitReschedule(turn, b, state.startsAt);
  let startsAt = offerPicked(turn);
  if (!startsAt) {
    if (!state.date && state.minutes == null && !state.dayPart)
      return {
        text: R.rescheduleWhen(lang, describe(b, lang)),
        state: { ...state, startsAt: null, awaiting: 'date' },
      };
    const date = state.date ?? toLocal(new Date(b.startsAt), b.store.timeZone).date;
    if (date < turn.today)
      return { text: R.datePast(lang), state: { ...state, date: null, awaiting: 'date' } };
    const choice = await chooseSlot(ctx, b.store.id, {
      date,
      minutes: state.minutes ?? null,
      part: state.dayPart ?? null,
    });
    if (!choice.match) return offerNearest(turn, { ...state, date }, choice);
    startsAt = choice.match;
  }
  return {
    text: R.confirmReschedule(lang, describe(b, lang), localSlot(startsAt, b.store.timeZone, lang)),
    state: { ...state, startsAt, offers: [], awaiting: 'confirm' },
  };
}
