// The demo's today (今日): at each store, bookings earlier today (arrived, done and paid, a
// no-show, one late) and later today, the cars that came in on open or finished orders, and a few
// walk-ins already paid — so the workbench looks like a day under way at whatever hour the demo is
// seeded. Orders go through the service and checkout code at past instants (numbers, totals,
// points, events as live); bookings that happened are written as they were.
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { dayBounds, recordPastBooking, todayIn } from '../appointments/index.ts';
import { payOrder } from '../checkout/index.ts';
import { completeOrder, createServiceOrder } from '../service/index.ts';
import { planToday } from './today-plan.ts';

const HOUR = 3_600_000;

/** A car a demo booking or order can be for: its owner, and the store they usually go to. */
export interface DemoCar {
  customerId: string;
  vehicleId: string;
  storeId: string;
}

type Work = {
  category: 'oil_change' | 'brakes' | 'tyres' | 'wash' | 'battery' | 'inspection';
  items: {
    kind: 'labour' | 'part';
    category: 'oil_change' | 'brakes' | 'tyres' | 'wash' | 'battery' | 'inspection';
    description: string;
    quantity: number;
    unitPriceFen: number;
  }[];
};

const WORK: Work[] = [
  {
    category: 'oil_change',
    items: [
      {
        kind: 'part',
        category: 'oil_change',
        description: '全合成机油 5W-30',
        quantity: 4,
        unitPriceFen: 6800,
      },
      {
        kind: 'part',
        category: 'oil_change',
        description: '机油滤清器',
        quantity: 1,
        unitPriceFen: 4500,
      },
      {
        kind: 'labour',
        category: 'oil_change',
        description: '更换机油机滤工时',
        quantity: 1,
        unitPriceFen: 8000,
      },
    ],
  },
  {
    category: 'brakes',
    items: [
      {
        kind: 'part',
        category: 'brakes',
        description: '前刹车片',
        quantity: 1,
        unitPriceFen: 38000,
      },
      {
        kind: 'labour',
        category: 'brakes',
        description: '更换刹车片工时',
        quantity: 1,
        unitPriceFen: 12000,
      },
    ],
  },
  {
    category: 'wash',
    items: [
      { kind: 'labour', category: 'wash', description: '精洗', quantity: 1, unitPriceFen: 6800 },
    ],
  },
  {
    category: 'tyres',
    items: [
      {
        kind: 'part',
        category: 'tyres',
        description: '轮胎 215/55 R17',
        quantity: 2,
        unitPriceFen: 62000,
      },
      {
        kind: 'labour',
        category: 'tyres',
        description: '换胎动平衡',
        quantity: 2,
        unitPriceFen: 5000,
      },
    ],
  },
  {
    category: 'battery',
    items: [
      {
        kind: 'part',
        category: 'battery',
        description: '蓄电池 60Ah',
        quantity: 1,
        unitPriceFen: 58000,
      },
    ],
  },
  {
    category: 'inspection',
    items: [
      {
        kind: 'labour',
        category: 'inspection',
        description: '年检代办',
        quantity: 1,
        unitPriceFen: 30000,
      },
    ],
  },
];

/** The same context at another instant, acting as an advisor. */
const at = (ctx: Ctx, instant: Date, advisorId: string): Ctx => ({
  ...ctx,
  clock: fixedClock(instant),
  actor: { type: 'staff', id: advisorId, role: 'advisor', sessionId: null },
});

interface Visit {
  car: DemoCar;
  advisorId: string;
  work: Work;
  openedAt: Date;
  completedAt: Date | null;
  paidAt: Date | null;
}

/** Opens the order when the car came in, finishes it and takes payment when those times came. */
async function serve(ctx: Ctx, v: Visit): Promise<{ paid: boolean }> {
  const order = await createServiceOrder(at(ctx, v.openedAt, v.advisorId), {
    customerId: v.car.customerId,
    vehicleId: v.car.vehicleId,
    storeId: v.car.storeId,
    advisorId: v.advisorId,
    items: v.work.items,
  });
  if (!v.completedAt) return { paid: false };
  const done = await completeOrder(at(ctx, v.completedAt, v.advisorId), order.id);
  if (!v.paidAt) return { paid: false };
  const method = done.amountDueFen % 3 === 0 ? 'alipay' : 'wechat_pay';
  await payOrder(at(ctx, v.paidAt, v.advisorId), order.id, {
    method,
    paidFen: done.amountDueFen,
  });
  return { paid: true };
}

/** One store's day: bookings that happened (and the cars they brought), walk-ins, bookings to come. */
async function seedStoreToday(
  ctx: Ctx,
  plan: ReturnType<typeof planToday>,
  store: {
    storeId: string;
    advisorIds: string[];
    cars: DemoCar[];
    capacity: number;
    bookedAt: Date;
  },
) {
  const { storeId, advisorIds, bookedAt } = store;
  const counts = { bookings: 0, orders: 0, paid: 0 };
  let next = 0;
  const take = () => store.cars[next++];
  for (const [i, b] of plan.past.entries()) {
    const car = take();
    if (!car) break;
    const work = WORK[i % WORK.length]!;
    await recordPastBooking(ctx, {
      storeId,
      customerId: car.customerId,
      vehicleId: car.vehicleId,
      startsAt: b.startsAt,
      endsAt: new Date(b.startsAt.getTime() + HOUR),
      serviceCategory: work.category,
      status: b.status,
      createdByType: i % 3 === 0 ? 'customer' : 'staff',
      bookedAt,
    });
    counts.bookings += 1;
    if (!b.openedAt) continue;
    const advisorId = advisorIds[i % advisorIds.length]!;
    const r = await serve(ctx, { car, advisorId, work, ...b, openedAt: b.openedAt });
    counts.orders += 1;
    if (r.paid) counts.paid += 1;
  }
  for (const [i, w] of plan.walkIns.entries()) {
    const car = take();
    if (!car) break;
    const advisorId = advisorIds[(i + 1) % advisorIds.length]!;
    await serve(ctx, { car, advisorId, work: WORK[(i + 2) % WORK.length]!, ...w });
    counts.orders += 1;
    counts.paid += 1;
  }
  for (const [i, b] of plan.later.entries()) {
    const car = take();
    if (!car) break;
    await recordPastBooking(ctx, {
      storeId,
      customerId: car.customerId,
      vehicleId: car.vehicleId,
      startsAt: b.startsAt,
      endsAt: new Date(b.startsAt.getTime() + HOUR),
      serviceCategory: WORK[(i + 1) % WORK.length]!.category,
      status: b.status,
      createdByType: i % 2 === 0 ? 'customer' : 'staff',
      bookedAt,
      ...(b.onSlot ? { holdsPlaceOf: store.capacity } : {}),
    });
    counts.bookings += 1;
  }
  return counts;
}

/**
 * Today at every store: `cars` are the cars to use (each at most once, their home store's),
 * `advisors` each store's advisors, `capacity` the places of a slot.
 */
export async function seedDemoToday(
  ctx: Ctx,
  input: {
    timeZone: string;
    cars: DemoCar[];
    advisors: Map<string, string[]>;
    capacity: number;
  },
): Promise<{ bookings: number; orders: number; paid: number }> {
  const now = ctx.clock.now();
  const { start } = dayBounds(todayIn(now, input.timeZone), input.timeZone);
  const plan = planToday(start, now);
  // Booked the evening before (as the app and the desk take bookings).
  const bookedAt = new Date(start.getTime() - 4 * HOUR);
  const total = { bookings: 0, orders: 0, paid: 0 };
  for (const [storeId, advisorIds] of input.advisors) {
    if (!advisorIds.length) continue;
    const cars = input.cars.filter((c) => c.storeId === storeId);
    const counts = await seedStoreToday(ctx, plan, {
      storeId,
      advisorIds,
      cars,
      capacity: input.capacity,
      bookedAt,
    });
    total.bookings += counts.bookings;
    total.orders += counts.orders;
    total.paid += counts.paid;
  }
  return total;
}
