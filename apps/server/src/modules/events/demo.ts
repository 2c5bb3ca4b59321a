// The demo's events: two past ones with their attendance (checked in with points granted through
// the ledger, a few no-shows), upcoming ones with sign-ups, a full meetup with a waitlist, a
// draft, and the demo car owner signed up to the test drive.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { checkIn } from './checkin.ts';
import { createEvent, publishEvent, type EventInput } from './events.service.ts';
import { communityEvents, eventSignups } from './events.tables.ts';
import { newTicketCode, signUp } from './signups.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

interface DemoEvent extends Omit<EventInput, 'startsAt' | 'endsAt' | 'signupDeadline'> {
  /** Days from now to the start (negative: past), and hours it lasts. */
  inDays: number;
  hours: number;
  publish: boolean;
}

const base = { description: '', storeId: null, askVehicle: false, maxPartySize: 1 };
const EVENTS: DemoEvent[] = [
  {
    ...base,
    kind: 'trip',
    title: '秋季自驾游·莫干山',
    description: '一日往返，途中车况检查，含午餐。报名可带家人。',
    place: '一号店门口集合',
    inDays: -20,
    hours: 10,
    capacity: 20,
    maxPartySize: 3,
    askVehicle: true,
    attendancePoints: 200,
    publish: true,
  },
  {
    ...base,
    kind: 'workshop',
    title: '保养课堂：冬季用车养护',
    description: '防冻液、电瓶、轮胎气压，技师现场讲解。',
    place: '二楼培训室',
    inDays: -8,
    hours: 2,
    capacity: 15,
    attendancePoints: 100,
    publish: true,
  },
  {
    ...base,
    kind: 'test_drive',
    title: '新能源试驾日',
    description: '多款新能源车型现场试驾，专人讲解。',
    place: '门店停车场',
    inDays: 5,
    hours: 4,
    capacity: 30,
    maxPartySize: 2,
    attendancePoints: 50,
    publish: true,
  },
  {
    ...base,
    kind: 'meetup',
    title: '车友聚会·年末茶话会',
    description: '年末车友聚会，交流用车心得，现场抽奖。',
    place: '店内休息区',
    inDays: 10,
    hours: 3,
    capacity: 8,
    attendancePoints: 80,
    publish: true,
  },
  {
    ...base,
    kind: 'workshop',
    title: '保养课堂：轮胎与刹车',
    description: '轮胎换位与刹车片检查，动手实操。',
    place: '二楼培训室',
    inDays: 18,
    hours: 2,
    capacity: 12,
    attendancePoints: 100,
    publish: false,
  },
];

async function create(ctx: Ctx, d: DemoEvent) {
  const { inDays, hours, publish, ...input } = d;
  // Starts at the next full hour so the times read naturally.
  const start = Math.ceil((ctx.clock.now().getTime() + inDays * DAY) / HOUR) * HOUR;
  const e = await createEvent(ctx, {
    ...input,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + hours * HOUR).toISOString(),
    signupDeadline: new Date(start - DAY).toISOString(),
  });
  if (publish) await publishEvent(ctx, e.id);
  return e.id;
}

/** A past event's sign-ups as they were (written directly: its deadline has passed). */
async function pastSignups(ctx: Ctx, eventId: string, customerIds: readonly string[]) {
  const now = ctx.clock.now();
  const rows = customerIds.map((customerId, i) => ({
    tenantId: ctx.tenantId,
    id: newId(),
    eventId,
    customerId,
    status: 'confirmed' as const,
    partySize: 1,
    seq: i + 1,
    ticketCode: newTicketCode(),
    signedUpAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  if (!rows.length) return [];
  await ctx.tx.insert(eventSignups).values(rows);
  await ctx.tx
    .update(communityEvents)
    .set({ placesTaken: rows.length, signupSeq: rows.length })
    .where(eq(communityEvents.id, eventId));
  return rows.map((r) => r.id);
}

export async function seedDemoEvents(
  ctx: Ctx,
  opts: { demoCustomerId: string | null; customerIds: readonly string[] },
): Promise<{ events: number; signups: number; checkedIn: number }> {
  const pool = opts.customerIds.filter((c) => c !== opts.demoCustomerId);
  if (pool.length < 31) return { events: 0, signups: 0, checkedIn: 0 };
  const ids: string[] = [];
  for (const d of EVENTS) ids.push(await create(ctx, d));
  const [trip, workshop, testDrive, meetup] = ids as [string, string, string, string];
  let checkedIn = 0;
  // Past: most came (checked in, points granted), the rest are no-shows.
  for (const [eventId, people, came] of [
    [trip, pool.slice(0, 10), 7],
    [workshop, pool.slice(6, 14), 6],
  ] as const) {
    const signupIds = await pastSignups(ctx, eventId, people);
    for (const signupId of signupIds.slice(0, came)) {
      await checkIn(ctx, eventId, { signupId });
      checkedIn++;
    }
  }
  let signups = 18;
  // Upcoming: the test drive with a few sign-ups and the demo owner (bringing one more).
  for (const c of pool.slice(14, 20)) {
    await signUp(ctx, c, testDrive, { partySize: 1, joinWaitlist: false });
    signups++;
  }
  if (opts.demoCustomerId) {
    await signUp(ctx, opts.demoCustomerId, testDrive, { partySize: 2, joinWaitlist: false });
    signups++;
  }
  // The meetup is full, three wait.
  for (const [i, c] of pool.slice(20, 31).entries()) {
    await signUp(ctx, c, meetup, { partySize: 1, joinWaitlist: i >= 8 });
    signups++;
  }
  return { events: ids.length, signups, checkedIn };
}
