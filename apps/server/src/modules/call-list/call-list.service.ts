// The call list (电话清单): one row per car with something due — the owner and phone (masked
// per role), what is due, the last contact (a call logged here or a reminder message) and the
// car's status on the list. Set-based: one statement picks the page of cars, two more fetch
// their items and last contacts.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Ctx } from '../../kernel/context.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { dueItemsForVehicles, type DueItemDto } from '../automation/index.ts';
import { phoneForViewer } from '../customers/index.ts';
import { lastMessagesTo } from '../messaging/index.ts';
import type { CallOutcome } from './call-list.tables.ts';
import type {
  CallListQuery,
  CallListRowDto,
  CallListStatus,
  LastContactDto,
} from './call-list.schemas.ts';
import { addDays, tenantToday } from './days.ts';
import { notInterestedSql, snoozedSql, willBookSql, type HoldRefs } from './holds.ts';

type Window = CallListQuery['window'];

/** Items of a car in the window (the due list's windows, per item). */
function windowSql(window: Window, today: string): SQL {
  return {
    due: sql`i.due_date <= ${today}::date + i.lead_days`,
    overdue: sql`i.due_date < ${today}::date`,
    today: sql`i.due_date = ${today}::date`,
    week: sql`i.due_date between ${today}::date and ${addDays(today, 6)}::date`,
    month: sql`i.due_date between ${today}::date and ${addDays(today, 29)}::date`,
  }[window];
}

/** The last day of the window, for which of a car's items the row shows. */
const windowEnd = (window: Window, today: string): string =>
  ({ due: today, overdue: today, today, week: addDays(today, 6), month: addDays(today, 29) })[
    window
  ];

interface CarRow {
  vehicle_id: string;
  customer_id: string;
  store_id: string | null;
  first_due: string | Date;
  nearness: number;
  status: CallListStatus;
  plate: string | null;
  make: string | null;
  model: string | null;
  customer_name: string;
  phone: string;
  snoozed_until: string | Date | null;
}

const dateText = (d: string | Date): string =>
  typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/**
 * The cars of the window with their status (held first: not interested, snoozed; then booked,
 * will book, to call). Nearest first: the car whose item is closest to its due date, either side
 * (just overdue or about to be due), leads; a car overdue for years comes last. `statuses` null:
 * every status.
 */
function carsSql(
  ctx: Ctx,
  q: {
    window: Window;
    storeId?: string | undefined;
    statuses: readonly CallListStatus[] | null;
    after?: readonly [number, string] | null;
    limit?: number;
  },
  today: string,
  count = false,
): SQL {
  const now = ctx.clock.now().toISOString();
  const h: HoldRefs = {
    tenantId: ctx.tenantId,
    vehicleId: sql`c.vehicle_id`,
    customerId: sql`c.customer_id`,
    today: sql`${today}::date`,
    now: sql`${now}::timestamptz`,
  };
  const t = sql`${ctx.tenantId}::uuid`;
  const status = sql`case
      when ${notInterestedSql(h)} then 'not_interested'
      when ${snoozedSql(h)} then 'snoozed'
      when exists (
        select 1 from appointments a
        where a.tenant_id = ${t} and a.customer_id = c.customer_id
          and a.status in ('booked', 'confirmed') and a.starts_at >= ${now}::timestamptz
          and (a.vehicle_id is null or a.vehicle_id = c.vehicle_id)) then 'booked'
      when ${willBookSql(h)} then 'will_book'
      else 'to_call' end`;
  const cars = sql`
    with cars as materialized (
      select i.vehicle_id, i.customer_id, min(i.due_date) as first_due,
             min(abs(i.due_date - ${today}::date)) as nearness,
             (array_agg(i.store_id order by i.due_date, i.item_key))[1] as store_id
      from vehicle_due_items i
      where i.tenant_id = ${t} and ${windowSql(q.window, today)}
        and not (i.kind = 'warranty' and i.due_date < ${addDays(today, -90)}::date)
        ${q.storeId ? sql`and i.store_id = ${q.storeId}::uuid` : sql``}
      group by i.vehicle_id, i.customer_id
    ), s as (
      select c.*, ${status} as status from cars c
      join customers cu on cu.tenant_id = ${t} and cu.id = c.customer_id
      where cu.merged_into_id is null and cu.erased_at is null
    )`;
  const filter = q.statuses ? sql`s.status = any(${pgArray([...q.statuses])}::text[])` : sql`true`;
  if (count) return sql`${cars} select count(*)::int as n from s where ${filter}`;
  return sql`${cars}
    select s.vehicle_id, s.customer_id, s.store_id, s.first_due, s.nearness, s.status,
           v.plate, v.make, v.model, cu.name as customer_name, cu.phone, ce.snoozed_until
    from s
    join vehicles v on v.tenant_id = ${t} and v.id = s.vehicle_id
    join customers cu on cu.tenant_id = ${t} and cu.id = s.customer_id
    left join call_list_entries ce on ce.tenant_id = ${t} and ce.vehicle_id = s.vehicle_id
      and ce.customer_id = s.customer_id
    where ${filter}
      ${q.after ? sql`and (s.nearness, s.vehicle_id) > (${q.after[0]}::int, ${q.after[1]}::uuid)` : sql``}
    order by s.nearness, s.vehicle_id
    limit ${(q.limit ?? 50) + 1}`;
}

const statusesOf = (f: CallListQuery['status']): CallListStatus[] | null =>
  f === 'all' ? null : f === 'open' ? ['to_call', 'will_book'] : [f];

/** The newest call logged for each customer (any of their cars), with who logged it. */
async function lastCalls(ctx: Ctx, customerIds: readonly string[]) {
  const rows = await queryRows<{
    customer_id: string;
    outcome: CallOutcome;
    note: string | null;
    created_at: string | Date;
    by_name: string | null;
  }>(
    ctx.tx,
    sql`select c.id as customer_id, l.outcome, l.note, l.created_at, su.name as by_name
        from unnest(${pgArray([...new Set(customerIds)])}::uuid[]) c(id)
        cross join lateral (
          select cl.outcome, cl.note, cl.created_at, cl.created_by from call_logs cl
          where cl.tenant_id = ${ctx.tenantId}::uuid and cl.customer_id = c.id
          order by cl.created_at desc, cl.id desc limit 1) l
        left join staff_users su on su.tenant_id = ${ctx.tenantId}::uuid and su.id = l.created_by`,
  );
  return new Map(rows.map((r) => [r.customer_id, r]));
}

/** The newer of the last call and the last reminder message. */
async function lastContacts(
  ctx: Ctx,
  customerIds: readonly string[],
): Promise<Map<string, LastContactDto>> {
  const [calls, messages] = await Promise.all([
    lastCalls(ctx, customerIds),
    lastMessagesTo(ctx, customerIds, 'reminder.'),
  ]);
  const out = new Map<string, LastContactDto>();
  for (const id of customerIds) {
    const call = calls.get(id);
    const message = messages.get(id);
    const callAt = call ? new Date(call.created_at) : null;
    if (call && callAt && (!message || callAt >= message.at))
      out.set(id, {
        type: 'call',
        at: callAt.toISOString(),
        outcome: call.outcome,
        note: call.note,
        byName: call.by_name,
        templateKey: null,
        messageStatus: null,
      });
    else if (message)
      out.set(id, {
        type: 'message',
        at: message.at.toISOString(),
        outcome: null,
        note: null,
        byName: null,
        templateKey: message.templateKey,
        messageStatus: message.status,
      });
  }
  return out;
}

const URGENCY: Record<DueItemDto['status'], number> = { overdue: 0, due_soon: 1, ok: 2 };

/** What a row shows of a car's items: those due now or in the window, most urgent first. */
function rowItems(items: readonly DueItemDto[], end: string) {
  return items
    .filter((i) => i.status !== 'ok' || i.dueDate <= end)
    .sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.dueDate.localeCompare(b.dueDate))
    .map((i) => ({
      key: i.key,
      kind: i.kind,
      label: i.label,
      dueDate: i.dueDate,
      dueKm: i.dueKm,
      status: i.status,
    }));
}

export async function listCallList(
  ctx: Ctx,
  q: CallListQuery,
): Promise<{ today: string; items: CallListRowDto[]; nextCursor: string | null }> {
  const today = await tenantToday(ctx);
  const after = decodeCursor(q.cursor, ['int', 'uuid']);
  const rows = await queryRows<CarRow>(
    ctx.tx,
    carsSql(ctx, { ...q, statuses: statusesOf(q.status), after }, today),
  );
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page[page.length - 1] : undefined;
  const [items, contacts] = await Promise.all([
    dueItemsForVehicles(
      ctx,
      page.map((r) => r.vehicle_id),
    ),
    lastContacts(
      ctx,
      page.map((r) => r.customer_id),
    ),
  ]);
  const end = windowEnd(q.window, today);
  return {
    today,
    items: page.map((r) => ({
      vehicleId: r.vehicle_id,
      plate: r.plate,
      make: r.make,
      model: r.model,
      customerId: r.customer_id,
      customerName: r.customer_name,
      phone: phoneForViewer(ctx, r.phone),
      storeId: r.store_id,
      status: r.status,
      snoozedUntil: r.snoozed_until && r.status === 'snoozed' ? dateText(r.snoozed_until) : null,
      firstDueDate: dateText(r.first_due),
      items: rowItems(items.get(r.vehicle_id) ?? [], end),
      lastContact: contacts.get(r.customer_id) ?? null,
    })),
    nextCursor: last ? encodeCursor([Number(last.nearness), last.vehicle_id]) : null,
  };
}

/**
 * For the workbench: how many cars are to be called today (due now — overdue or within their
 * lead days — and not held, booked or promised), in one store or all.
 */
export async function callListSummary(
  ctx: Ctx,
  input: { storeId?: string | null } = {},
): Promise<{ today: string; toCall: number }> {
  const today = await tenantToday(ctx);
  const [row] = await queryRows<{ n: number }>(
    ctx.tx,
    carsSql(
      ctx,
      { window: 'due', storeId: input.storeId ?? undefined, statuses: ['to_call'] },
      today,
      true,
    ),
  );
  return { today, toCall: Number(row?.n ?? 0) };
}
