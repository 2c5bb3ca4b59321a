// Events over HTTP on a real database: drafts hidden, sign-up errors, capacity counted in people,
// the waitlist promoted first come first served (a party that does not fit passed over), owner
// and staff cancellations, the whole event cancelled with every owner told, check-in by ticket,
// member card or list with points granted once, foreign tickets refused, no-shows, reminders.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { getEvent, listEvents, listSignups } from './events-read.ts';
import { attendanceCounts, eventSignupsOf, sendDueEventReminders } from './index.ts';
import { signUp as signUpAs } from './signups.ts';

const H = 60 * 60 * 1000;
const start = new Date('2026-12-01T02:00:00.000Z');
const clock = fixedClock(start);
const at = (hours: number) => new Date(start.getTime() + hours * H).toISOString();

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let advisor: Session;
let otherOwner: Session;
const people: Record<string, { s: Session; id: string }> = {};
let outsider: { s: Session; id: string };

async function person(tenant: TestTenant, phone: string) {
  const s = await signInCustomer(env, tenant, phone);
  const me = await env.app.inject({ url: '/api/v1/app/me', headers: s.headers });
  return { s, id: me.json().customer.id as string };
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
  for (const [i, name] of ['a', 'b', 'c', 'd', 'e', 'f', 'g'].entries())
    people[name] = await person(t, `1371111000${i}`);
  outsider = await person(other, '13722220000');
}, 120_000);
afterAll(() => env?.close());

const staff = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  env.app.inject({ method, url: `/api/v1/staff${url}`, headers: s.headers, payload });
const appCall = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  env.app.inject({ method, url: `/api/v1/app${url}`, headers: s.headers, payload });

async function newEvent(over: object = {}, publish = true): Promise<string> {
  const res = await staff(owner, 'POST', '/activities', {
    kind: 'meetup',
    title: '车友聚会',
    place: '一号店',
    startsAt: at(48),
    endsAt: at(51),
    signupDeadline: at(24),
    capacity: 3,
    maxPartySize: 2,
    attendancePoints: 120,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (publish)
    expect((await staff(owner, 'POST', `/activities/${id}/publish`)).statusCode).toBe(200);
  return id;
}

const signUp = (who: string, eventId: string, body: object = {}) =>
  appCall(people[who]!.s, 'POST', `/activities/${eventId}/signup`, body);

async function intents(templateKey: string, customerId: string, eventId?: string) {
  const [r] = await queryRows<{ n: number }>(
    env.database.adminDb,
    sql`select count(*)::int as n from message_intents
        where template_key = ${templateKey} and customer_id = ${customerId}::uuid
          and (${eventId ?? null}::text is null or source_id = ${eventId ?? null})`,
  );
  return r!.n;
}

async function points(who: { s: Session }): Promise<number> {
  const res = await appCall(who.s, 'GET', '/me/loyalty');
  return res.json().points.available as number;
}

describe('events: staff keep them', () => {
  it('creates a draft the app does not see, with the description cleaned', async () => {
    const res = await staff(owner, 'POST', '/activities', {
      kind: 'workshop',
      title: '保养课堂',
      description: '<b>冬季</b>养护<script>alert(1)</script>',
      startsAt: at(48),
      endsAt: at(50),
      signupDeadline: at(24),
      capacity: 10,
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ status: 'draft', description: '冬季养护', maxPartySize: 1 });
    expect((await appCall(people.a!.s, 'GET', `/activities/${e.id}`)).statusCode).toBe(404);
    expect((await signUp('a', e.id)).statusCode).toBe(404);
    const list = (await appCall(people.a!.s, 'GET', '/activities')).json().items as {
      id: string;
    }[];
    expect(list.map((x) => x.id)).not.toContain(e.id);
  });

  it('refuses times that do not fit, advisors writing, and another tenant reading', async () => {
    const bad = await staff(owner, 'POST', '/activities', {
      kind: 'trip',
      title: '自驾游',
      startsAt: at(48),
      endsAt: at(50),
      signupDeadline: at(49),
      capacity: 10,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('EVENT_TIMES_INVALID');
    const id = await newEvent();
    expect((await staff(advisor, 'POST', `/activities/${id}/cancel`)).statusCode).toBe(403);
    expect((await staff(advisor, 'GET', `/activities/${id}`)).statusCode).toBe(200);
    expect((await staff(otherOwner, 'GET', `/activities/${id}`)).statusCode).toBe(404);
    expect((await appCall(outsider.s, 'GET', `/activities/${id}`)).statusCode).toBe(404);
    expect((await appCall(outsider.s, 'POST', `/activities/${id}/signup`, {})).statusCode).toBe(
      404,
    );
  });
});

describe('events: sign-up, waitlist and cancellation', () => {
  let id: string;
  beforeAll(async () => {
    id = await newEvent();
  });

  it('counts the party against capacity and offers the waitlist when full', async () => {
    const a = await signUp('a', id, { partySize: 2 });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ placesLeft: 1, mySignup: { status: 'confirmed' } });
    expect(a.json().mySignup.qrPayload).toMatch(/^LKEV:[A-Za-z0-9_-]{20}$/);
    const twice = await signUp('a', id);
    expect(twice.statusCode, twice.body).toBe(409);
    expect(twice.json().error.code).toBe('EVENT_ALREADY_SIGNED_UP');
    const tooBig = await signUp('b', id, { partySize: 3 });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().error.code).toBe('EVENT_PARTY_TOO_LARGE');
    const full = await signUp('b', id, { partySize: 2 });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({
      code: 'EVENT_FULL',
      details: { placesLeft: 1, waitlistOffered: true },
    });
    const wait = await signUp('b', id, { partySize: 2, joinWaitlist: true });
    expect(wait.statusCode).toBe(201);
    expect(wait.json().mySignup).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
      ticketCode: null,
    });
    expect((await signUp('c', id, { partySize: 1 })).json().mySignup.status).toBe('confirmed');
    expect((await signUp('d', id, { joinWaitlist: true })).json().mySignup).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 2,
    });
    const e = (await staff(owner, 'GET', `/activities/${id}`)).json();
    expect(e.counts).toMatchObject({ placesTaken: 3, placesLeft: 0, signedUp: 2, waitlisted: 2 });
  });

  it('an owner cancelling promotes the waitlist in order and tells the promoted', async () => {
    const res = await appCall(people.a!.s, 'POST', `/activities/${id}/signup/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mySignup.status).toBe('cancelled');
    // Two places freed: b (2, first in line) fits and is promoted; d stays in line.
    const b = (await appCall(people.b!.s, 'GET', `/activities/${id}`)).json();
    expect(b.mySignup.status).toBe('confirmed');
    expect(b.mySignup.ticketCode).toBeTruthy();
    expect(await intents('event.promoted', people.b!.id)).toBe(1);
    expect((await appCall(people.d!.s, 'GET', `/activities/${id}`)).json().mySignup).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
  });

  it('passes over a party that does not fit and promotes the next who does', async () => {
    // Full: b (2) + c (1). In line: d (1), then e (2) and f (1) join.
    expect((await signUp('e', id, { partySize: 2, joinWaitlist: true })).statusCode).toBe(201);
    expect((await signUp('f', id, { joinWaitlist: true })).statusCode).toBe(201);
    const list = (await staff(owner, 'GET', `/activities/${id}/signups`)).json().items as {
      id: string;
      customerId: string;
    }[];
    const cSignup = list.find((s) => s.customerId === people.c!.id)!;
    // Staff cancel c's sign-up: one place: d (1) first in line gets it.
    const cancel = await staff(owner, 'POST', `/activities/${id}/signups/${cSignup.id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'staff' });
    expect((await appCall(people.d!.s, 'GET', `/activities/${id}`)).json().mySignup.status).toBe(
      'confirmed',
    );
    // d leaves: one place: e (2) does not fit, f (1) does.
    await appCall(people.d!.s, 'POST', `/activities/${id}/signup/cancel`);
    expect((await appCall(people.f!.s, 'GET', `/activities/${id}`)).json().mySignup.status).toBe(
      'confirmed',
    );
    expect((await appCall(people.e!.s, 'GET', `/activities/${id}`)).json().mySignup).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    // Capacity raised by one: e (2) now fits.
    const more = await staff(owner, 'PATCH', `/activities/${id}`, { capacity: 5 });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json().counts).toMatchObject({ placesTaken: 5, waitlisted: 0 });
    const low = await staff(owner, 'PATCH', `/activities/${id}`, { capacity: 4 });
    expect(low.json().error.code).toBe('EVENT_CAPACITY_BELOW_TAKEN');
  });

  it('a cancelled owner may sign up again (at the back of the line)', async () => {
    const again = await signUp('a', id, { joinWaitlist: true });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().mySignup).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('closes sign-up at the deadline', async () => {
    clock.set(new Date(at(24)));
    try {
      const late = await signUp('g', id, { joinWaitlist: true });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('EVENT_SIGNUP_CLOSED');
    } finally {
      clock.set(start);
    }
  });

  it('cancelling the event cancels every sign-up and tells each owner once', async () => {
    const res = await staff(owner, 'POST', `/activities/${id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'cancelled',
      counts: { placesTaken: 0, signedUp: 0, waitlisted: 0 },
    });
    await staff(owner, 'POST', `/activities/${id}/cancel`);
    for (const who of ['b', 'e', 'f', 'a'])
      expect(await intents('event.cancelled', people[who]!.id)).toBe(1);
    expect(await intents('event.cancelled', people.c!.id)).toBe(0);
    const again = await signUp('g', id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EVENT_CANCELLED');
    expect((await appCall(people.b!.s, 'GET', `/activities/${id}`)).json()).toMatchObject({
      status: 'cancelled',
      mySignup: { status: 'cancelled', ticketCode: null },
    });
  });
});

describe('events: check-in, points and no-shows', () => {
  let id: string;
  let otherEventTicket: string;
  beforeAll(async () => {
    id = await newEvent({ capacity: 10 });
    const second = await newEvent({ capacity: 10 });
    otherEventTicket = (await signUp('g', second)).json().mySignup.qrPayload;
    for (const who of ['a', 'b', 'c']) expect((await signUp(who, id)).statusCode).toBe(201);
  });

  it('checks in by ticket once: points through the ledger once, a second scan answers the first', async () => {
    const before = await points(people.a!);
    const ticket = (await appCall(people.a!.s, 'GET', `/activities/${id}`)).json().mySignup
      .qrPayload;
    const first = await staff(advisor, 'POST', `/activities/${id}/check-in`, { code: ticket });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ alreadyCheckedIn: false, pointsGranted: 120 });
    const second = await staff(owner, 'POST', `/activities/${id}/check-in`, { code: ticket });
    expect(second.json()).toMatchObject({ alreadyCheckedIn: true, pointsGranted: 120 });
    expect(second.json().signup.checkedInAt).toBe(first.json().signup.checkedInAt);
    expect(await points(people.a!)).toBe(before + 120);
  });

  it('checks in by member card and from the list', async () => {
    const card = (await appCall(people.b!.s, 'GET', '/me/member-card')).json();
    const res = await staff(owner, 'POST', `/activities/${id}/check-in`, { code: card.qrPayload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().signup.customerId).toBe(people.b!.id);
    const list = (await staff(owner, 'GET', `/activities/${id}/signups`)).json().items as {
      id: string;
      customerId: string;
    }[];
    const c = list.find((s) => s.customerId === people.c!.id)!;
    const manual = await staff(owner, 'POST', `/activities/${id}/check-in`, { signupId: c.id });
    expect(manual.json()).toMatchObject({ alreadyCheckedIn: false, pointsGranted: 120 });
  });

  it('refuses tickets of another event or tenant, and people not signed up', async () => {
    const otherEvent = await staff(owner, 'POST', `/activities/${id}/check-in`, {
      code: otherEventTicket,
    });
    expect(otherEvent.statusCode).toBe(404);
    expect(otherEvent.json().error.code).toBe('EVENT_TICKET_UNKNOWN');
    const foreignEvent = await staff(otherOwner, 'POST', '/activities', {
      kind: 'meetup',
      title: '外店活动',
      startsAt: at(48),
      endsAt: at(50),
      signupDeadline: at(24),
      capacity: 5,
    });
    const fid = foreignEvent.json().id as string;
    await staff(otherOwner, 'POST', `/activities/${fid}/publish`);
    const foreignTicket = (
      await appCall(outsider.s, 'POST', `/activities/${fid}/signup`, {})
    ).json().mySignup.qrPayload as string;
    const foreign = await staff(owner, 'POST', `/activities/${id}/check-in`, {
      code: foreignTicket,
    });
    expect(foreign.json().error.code).toBe('EVENT_TICKET_UNKNOWN');
    const bare = await staff(owner, 'POST', `/activities/${id}/check-in`, {
      code: foreignTicket.slice(5),
    });
    expect(bare.statusCode).toBe(404);
    expect(bare.json().error.code).toBe('EVENT_TICKET_UNKNOWN');
    const card = (await appCall(people.f!.s, 'GET', '/me/member-card')).json();
    const notSigned = await staff(owner, 'POST', `/activities/${id}/check-in`, {
      code: card.qrPayload,
    });
    expect(notSigned.statusCode).toBe(409);
    expect(notSigned.json().error.code).toBe('EVENT_NOT_SIGNED_UP');
    const junk = await staff(owner, 'POST', `/activities/${id}/check-in`, { code: '???' });
    expect(junk.json().error.code).toBe('EVENT_TICKET_UNKNOWN');
  });

  it('counts no-shows once the event is over, and attendance for car clubs', async () => {
    expect((await signUp('d', id)).statusCode).toBe(201);
    clock.set(new Date(at(52)));
    try {
      // Sessions have timed out by then: read as the system would.
      const e = await env.inTenant(t.id, (ctx) => getEvent(ctx, id));
      expect(e.counts).toMatchObject({ signedUp: 4, checkedIn: 3, noShow: 1 });
      const list = (await env.inTenant(t.id, (ctx) => listSignups(ctx, id))).items;
      expect(list.filter((s) => s.noShow).map((s) => s.customerId)).toEqual([people.d!.id]);
      const past = await env.inTenant(t.id, (ctx) => listEvents(ctx, { when: 'past' }));
      expect(past.items.map((x) => x.id)).toContain(id);
    } finally {
      clock.set(start);
    }
    const counts = await env.inTenant(t.id, (ctx) =>
      attendanceCounts(ctx, [people.a!.id, people.d!.id]),
    );
    expect(counts.get(people.a!.id)).toBe(1);
    expect(counts.has(people.d!.id)).toBe(false);
    // The owner's copy of their data lists the sign-up with its check-in and points.
    const copy = await env.inTenant(t.id, (ctx) => eventSignupsOf(ctx, people.a!.id));
    expect(copy.some((x) => x.checkedInAt && x.pointsGranted === 120)).toBe(true);
  });
});

describe('events: reminders', () => {
  it('sends the day-before and the two-hours reminder once each to confirmed owners', async () => {
    const id = await newEvent({ startsAt: at(30), endsAt: at(33), signupDeadline: at(20) });
    expect((await signUp('e', id)).statusCode).toBe(201);
    expect((await signUp('f', id, { partySize: 2 })).statusCode).toBe(201);
    expect((await signUp('g', id, { joinWaitlist: true })).json().mySignup.status).toBe(
      'waitlisted',
    );
    // Other events of the tenant may be due too: count this event's intents.
    const run = async () => {
      await env.inTenant(t.id, (ctx) => sendDueEventReminders(ctx));
      const [r] = await queryRows<{ n: number }>(
        env.database.adminDb,
        sql`select count(*)::int as n from message_intents where source_id = ${id}`,
      );
      const n = r!.n - seen;
      seen = r!.n;
      return n;
    };
    let seen = 0;
    try {
      expect(await run()).toBe(0); // 30 h ahead: nothing yet
      clock.set(new Date(at(7))); // 23 h ahead
      expect(await run()).toBe(2);
      expect(await run()).toBe(0);
      clock.set(new Date(at(28.5))); // 1.5 h ahead
      expect(await run()).toBe(2);
      clock.set(new Date(at(29)));
      expect(await run()).toBe(0);
    } finally {
      clock.set(start);
    }
    expect(await intents('event.reminder.day', people.e!.id, id)).toBe(1);
    expect(await intents('event.reminder.hours', people.f!.id, id)).toBe(1);
    expect(await intents('event.reminder.day', people.g!.id, id)).toBe(0);
    // e cancels: e's reminders not yet delivered are taken back, g (promoted) is told.
    expect((await appCall(people.e!.s, 'POST', `/activities/${id}/signup/cancel`)).statusCode).toBe(
      200,
    );
    const states = await queryRows<{ status: string }>(
      env.database.adminDb,
      sql`select status from message_intents where source_id = ${id}
          and customer_id = ${people.e!.id}::uuid and template_key like 'event.reminder.%'`,
    );
    expect(states.map((r) => r.status)).toEqual(['suppressed', 'suppressed']);
    expect(await intents('event.promoted', people.g!.id, id)).toBe(1);
  });
});

describe('events: merging two records of one owner', () => {
  it('keeps the better sign-up where both signed up, and frees the other place', async () => {
    const id = await newEvent({ capacity: 4 });
    const dup = await staff(owner, 'POST', '/customers', {
      name: '重复档案',
      phone: '13711112222',
    });
    expect(dup.statusCode, dup.body).toBe(201);
    const dupId = dup.json().id as string;
    await env.inTenant(t.id, (ctx) =>
      signUpAs(ctx, dupId, id, { partySize: 2, joinWaitlist: false }),
    );
    expect((await signUp('a', id, { partySize: 1 })).statusCode).toBe(201);
    const merged = await staff(owner, 'POST', `/customers/${people.a!.id}/merge`, {
      duplicateId: dupId,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const e = await env.inTenant(t.id, (ctx) => getEvent(ctx, id));
    // Both confirmed: the survivor's sign-up (1 person) stays, the duplicate's 2 places are freed.
    expect(e.counts).toMatchObject({ placesTaken: 1, signedUp: 1 });
    const mine = (await appCall(people.a!.s, 'GET', `/activities/${id}`)).json();
    expect(mine.mySignup).toMatchObject({ status: 'confirmed', partySize: 1 });
  });
});
