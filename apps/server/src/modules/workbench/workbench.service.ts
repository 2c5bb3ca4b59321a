// The workbench (今日工作台): today at a glance for the person signed in — composed from the
// modules that own each part (appointments, service, inbox, automation), read through their
// exported functions. Owns no table; "today" is the business's (the tenant's time zone).
import type { Ctx } from '../../kernel/context.ts';
import { actorRole } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  appointmentsBetween,
  dayBounds,
  todayIn,
  toLocal,
  TRANSITIONS,
  type AppointmentDto,
} from '../appointments/index.ts';
import { countDueItems, dueItemsForTenant, type TenantDueItemDto } from '../automation/index.ts';
import { staffStoreIds } from '../identity/index.ts';
import { staffUnreadSummary } from '../inbox/index.ts';
import { ordersInShop, paidBetween } from '../service/index.ts';
import { getTenant, listStoresFor } from '../tenancy/index.ts';
import {
  ARRIVED_STATUSES,
  bookingCounts,
  groupByHour,
  hourLabel,
  resolveScope,
  timeLabel,
  type WorkbenchScope,
} from './workbench-rules.ts';
import type { WorkbenchDto } from './workbench.schemas.ts';

/** How many orders in the shop and calls the page lists (the counts cover them all). */
const ORDER_ROWS = 100;
const DUE_ROWS = 5;

const CHECK_IN_FROM: readonly string[] = TRANSITIONS.checkIn.from;

async function scopeOf(ctx: Ctx, storeId: string | undefined): Promise<WorkbenchScope> {
  const role = actorRole(ctx.actor);
  if (role !== 'owner' && role !== 'manager' && role !== 'advisor') throw new AppError('FORBIDDEN');
  const staffId = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  if (storeId && (await listStoresFor(ctx, [storeId])).length === 0)
    throw new AppError('NOT_FOUND', { field: 'storeId' });
  const scope = resolveScope({
    role,
    staffId,
    assignedStoreIds: staffId && role !== 'owner' ? await staffStoreIds(ctx, staffId) : [],
    storeId,
  });
  if (scope === 'forbidden') throw new AppError('FORBIDDEN', { field: 'storeId' });
  return scope;
}

function bookingView(a: AppointmentDto, timeZone: string) {
  const minutes = toLocal(new Date(a.startsAt), timeZone).minutes;
  return {
    id: a.id,
    storeId: a.storeId,
    storeName: a.storeName,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    time: timeLabel(minutes),
    hour: hourLabel(minutes),
    customer: a.customer,
    vehicle: a.vehicle ? { id: a.vehicle.id, plate: a.vehicle.plate } : null,
    serviceCategory: a.serviceCategory,
    status: a.status,
    arrived: ARRIVED_STATUSES.includes(a.status),
    canCheckIn: CHECK_IN_FROM.includes(a.status),
  };
}

/** The first items of the call list across the scope's stores (each store's own list merged). */
async function dueCallsOf(ctx: Ctx, scope: WorkbenchScope): Promise<TenantDueItemDto[]> {
  const lists = await Promise.all(
    (scope.storeIds ?? [undefined]).map(
      async (storeId) =>
        (await dueItemsForTenant(ctx, { window: 'due', storeId, limit: DUE_ROWS })).items,
    ),
  );
  return lists
    .flat()
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.vehicleId.localeCompare(b.vehicleId))
    .slice(0, DUE_ROWS);
}

/** Today for the caller: takings, the shop floor, bookings by hour, unread talk and calls due. */
export async function getWorkbench(
  ctx: Ctx,
  input: { storeId?: string | undefined },
): Promise<WorkbenchDto> {
  const scope = await scopeOf(ctx, input.storeId);
  const { timezone: timeZone } = await getTenant(ctx);
  const now = ctx.clock.now();
  const date = todayIn(now, timeZone);
  const { start, end } = dayBounds(date, timeZone);
  // One transaction: the reads run one after another (a connection runs one statement at a time).
  const paid = await paidBetween(ctx, { ...scope, start, end });
  const shop = await ordersInShop(ctx, { ...scope, limit: ORDER_ROWS });
  const bookings = (await appointmentsBetween(ctx, { storeIds: scope.storeIds, start, end })).map(
    (a) => bookingView(a, timeZone),
  );
  const unread = await staffUnreadSummary(ctx);
  const dueCount = await countDueItems(ctx, { window: 'due', storeIds: scope.storeIds });
  const dueCalls = await dueCallsOf(ctx, scope);
  const counts = bookingCounts(bookings, now);
  return {
    date,
    timeZone,
    scope,
    figures: {
      revenueFen: paid.revenueFen,
      paidOrders: paid.orders,
      carsToday: paid.cars,
      openOrders: shop.counts.open,
      completedOrders: shop.counts.completed,
      waitingCars: shop.cars,
      bookingsToday: counts.total,
      arrived: counts.arrived,
      expected: counts.expected,
      late: counts.late,
      unreadConversations: unread.unreadConversations,
      dueCalls: dueCount,
    },
    bookings: groupByHour(bookings),
    orders: {
      open: shop.items.filter((o) => o.status === 'open'),
      completed: shop.items.filter((o) => o.status === 'completed'),
      more: shop.counts.open + shop.counts.completed > shop.items.length,
    },
    dueCalls,
  };
}
