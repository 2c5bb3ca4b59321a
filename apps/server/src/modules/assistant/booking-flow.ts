// Booking a service through the dialogue: the slots a booking needs (car, service, day, time)
// are filled over several turns, the owner confirms, and the booking is made by appointments'
// own function for owners — the same capacity rules as the app; a full slot offers the nearest.
import { bookAsCustomer, toLocal } from '../appointments/index.ts';
import { attempt } from './acting.ts';
import { recordAction } from './actions.ts';
import type { DialogueState } from './assistant.tables.ts';
import {
  chooseSlot,
  carName,
  ownerCars,
  ownerStore,
  type Car,
  type SlotChoice,
} from './owner-data.ts';
import { R, serviceName, slotText, type ReplyLang } from './replies.ts';
import { EMPTY_STATE, choiceIn, type Turn, type TurnResult } from './turn-types.ts';

/** The state after this message: what it names replaces what was known, the rest stays. */
export function mergeWish(turn: Turn, intent: 'book' | 'reschedule'): DialogueState {
  const { u } = turn;
  const prev = turn.state.intent === intent ? turn.state : EMPTY_STATE;
  const newTime = u.when.minutes !== null || u.when.part !== null;
  return {
    ...prev,
    intent,
    lang: turn.lang,
    service: u.service ?? prev.service ?? null,
    date: u.when.date ?? prev.date ?? null,
    minutes: newTime ? u.when.minutes : (prev.minutes ?? null),
    dayPart: newTime ? u.when.part : (prev.dayPart ?? null),
  };
}

export const localSlot = (iso: string, timeZone: string, lang: ReplyLang) =>
  slotText(toLocal(new Date(iso), timeZone), lang);

/** An offered slot picked by its number ("2"), when slots were offered. */
export function offerPicked(turn: Turn): string | null {
  const offers = turn.state.offers ?? [];
  if (!offers.length) return null;
  const i = choiceIn(turn.text);
  return i !== null ? (offers[i] ?? null) : null;
}

/** The answer to a wish whose slot is full or missing: the nearest free ones, or a person. */
export function offerNearest(turn: Turn, state: DialogueState, choice: SlotChoice): TurnResult {
  const lang = turn.lang;
  if (!choice.nearest.length)
    return {
      text: R.noSlots(lang),
      state: EMPTY_STATE,
      handover: { reason: 'outside_abilities', note: 'no free slot within a week' },
    };
  const offers = choice.nearest.map((iso) => localSlot(iso, choice.timeZone, lang));
  const wished =
    state.minutes != null && state.date
      ? slotText({ date: state.date, minutes: state.minutes }, lang)
      : (state.date ?? '');
  return {
    text: choice.closed ? R.closed(lang, wished, offers) : R.slotFull(lang, wished, offers),
    state: { ...state, startsAt: null, offers: choice.nearest, awaiting: 'time' },
  };
}

function pickCar(turn: Turn, cars: Car[]): Car | null {
  const known = cars.find((c) => c.id === turn.state.vehicleId && turn.state.intent === 'book');
  if (known) return known;
  if (cars.length === 1) return cars[0]!;
  if (turn.u.plate) {
    const byPlate = cars.find((c) => c.plate === turn.u.plate);
    if (byPlate) return byPlate;
  }
  if (turn.state.awaiting === 'vehicle') {
    const i = choiceIn(turn.text);
    if (i !== null && cars[i]) return cars[i]!;
    const fragment = turn.text.trim().toUpperCase();
    const byFragment = cars.filter((c) => fragment.length >= 3 && c.plate?.includes(fragment));
    if (byFragment.length === 1) return byFragment[0]!;
  }
  return null;
}

async function commitBooking(turn: Turn, state: DialogueState, car: Car): Promise<TurnResult> {
  const { ctx, lang } = turn;
  const store = await ownerStore(ctx, turn.customerId);
  if (!store || !state.startsAt)
    return { text: R.whichDate(lang), state: { ...state, awaiting: 'date' } };
  const done = await attempt(ctx, (sp) =>
    bookAsCustomer(sp, turn.customerId, {
      storeId: store.id,
      startsAt: state.startsAt!,
      vehicleId: car.id,
      serviceCategory: (state.service ?? null) as never,
      notes: pick(lang, '智能助手代客预约', 'Booked through the assistant'),
    }),
  );
  if (!done.ok) {
    if (done.code === 'APPOINTMENT_SLOT_FULL' || done.code === 'APPOINTMENT_SLOT_PAST') {
      const local = toLocal(new Date(state.startsAt), turn.timeZone);
      const choice = await chooseSlot(ctx, store.id, {
        date: local.date,
        minutes: local.minutes,
        part: null,
      });
      return offerNearest(turn, { ...state, date: local.date, minutes: local.minutes }, choice);
    }
    return {
      text: R.handover(lang),
      state: EMPTY_STATE,
      handover: { reason: 'outside_abilities', note: `booking refused: ${done.code}` },
    };
  }
  const a = done.value;
  const slot = localSlot(a.startsAt, a.store.timeZone, lang);
  const service = serviceName(state.service, lang);
  await recordAction(ctx, {
    conversationId: turn.conversationId,
    customerId: turn.customerId,
    kind: 'booked',
    entityType: 'appointment',
    entityId: a.id,
    summary: `${slotText(toLocal(new Date(a.startsAt), a.store.timeZone), 'zh-CN')} ${serviceName(state.service, 'zh-CN')} ${carName(car)}（${a.store.name}）`,
    details: {
      startsAt: a.startsAt,
      storeId: a.store.id,
      vehicleId: car.id,
      serviceCategory: state.service,
    },
  });
  return { text: R.booked(lang, slot, service, a.store.name), state: EMPTY_STATE };
}

const pick = (lang: ReplyLang, zh: string, en: string) => (lang === 'en' ? en : zh);

/** One turn of booking a service. */
export async function bookingTurn(turn: Turn): Promise<TurnResult> {
  const { ctx, lang } = turn;
  let state = mergeWish(turn, 'book');
  const cars = await ownerCars(ctx, turn.customerId);
  if (!cars.length) return { text: R.noCar(lang), state: EMPTY_STATE };
  const car = pickCar(turn, cars);
  if (!car)
    return {
      text: R.whichCar(
        lang,
        cars.map((c) => c.label),
      ),
      state: { ...state, awaiting: 'vehicle' },
    };
  state = { ...state, vehicleId: car.id };
  if (turn.state.awaiting === 'confirm' && turn.u.intent === 'confirm' && state.startsAt)
    return commitBooking(turn, state, car);
  const offered = offerPicked(turn);
  if (!offered) state = { ...state, startsAt: null };
  if (!state.service)
    return { text: R.whichService(lang), state: { ...state, awaiting: 'service' } };
  const store = await ownerStore(ctx, turn.customerId);
  if (!store)
    return {
      text: R.handover(lang),
      state: EMPTY_STATE,
      handover: { reason: 'outside_abilities', note: 'no store' },
    };
  let startsAt = offered;
  if (!startsAt) {
    if (!state.date) return { text: R.whichDate(lang), state: { ...state, awaiting: 'date' } };
    if (state.date < turn.today)
      return { text: R.datePast(lang), state: { ...state, date: null, awaiting: 'date' } };
    const choice = await chooseSlot(ctx, store.id, {
      date: state.date,
      minutes: state.minutes ?? null,
      part: state.dayPart ?? null,
    });
    if (!choice.match) return offerNearest(turn, state, choice);
    startsAt = choice.match;
  }
  const slot = localSlot(startsAt, turn.timeZone, lang);
  return {
    text: R.confirmBooking(lang, slot, serviceName(state.service, lang), carName(car), store.name),
    state: { ...state, startsAt, offers: [], awaiting: 'confirm' },
  };
}
