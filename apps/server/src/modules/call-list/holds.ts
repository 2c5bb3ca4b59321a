// When the call list holds a car (电话清单暂停): snoozed until a day, not interested in the due
// items it had then, or the owner said on the phone they will book (a few days' pause). One
// definition in SQL, read by the list (hidden rows, statuses) and by the reminder rules (a held
// car is not reminded automatically), so the two can never disagree.
import { sql, type SQL } from 'drizzle-orm';

/** "Reached – will book" pauses reminders this many days (the car stays on the list). */
export const WILL_BOOK_PAUSE_DAYS = 7;
/** "Not interested" lapses after this many days even if no new item came due. */
export const NOT_INTERESTED_MAX_DAYS = 365;
/** How far ahead a car can be snoozed. */
export const SNOOZE_MAX_DAYS = 180;

export interface HoldRefs {
  tenantId: string;
  /** The car and its current owner (columns or values of the caller's query). */
  vehicleId: SQL;
  customerId: SQL;
  /** The tenant-local day and the instant, as SQL values. */
  today: SQL;
  now: SQL;
}

/** A due item's cycle: the item with what it counts from (a new service starts a new one). */
export const dueCycleOf = (alias: string) =>
  sql.raw(
    `${alias}.item_key || ':' || coalesce(${alias}.last_order_id::text, ${alias}.last_done_on::text, ${alias}.basis)`,
  );

const entry = (h: HoldRefs, cond: SQL) => sql`exists (
  select 1 from call_list_entries ce
  where ce.tenant_id = ${h.tenantId}::uuid and ce.vehicle_id = ${h.vehicleId}
    and ce.customer_id = ${h.customerId} and ${cond})`;

export const snoozedSql = (h: HoldRefs): SQL => entry(h, sql`ce.snoozed_until > ${h.today}`);

/** Not interested: while every due item of the car was already due when it was said. */
export const notInterestedSql = (h: HoldRefs): SQL =>
  entry(
    h,
    sql`ce.not_interested_at is not null
      and ce.not_interested_at > ${h.now} - make_interval(days => ${NOT_INTERESTED_MAX_DAYS}::int)
      and not exists (
        select 1 from vehicle_due_items ci
        where ci.tenant_id = ce.tenant_id and ci.vehicle_id = ce.vehicle_id
          and ci.due_date <= ${h.today} + ci.lead_days
          and not (${dueCycleOf('ci')} = any(coalesce(ce.not_interested_items, '{}'::text[]))))`,
  );

/** The newest call of the car was "reached – will book", within the pause. */
export const willBookSql = (h: HoldRefs): SQL => sql`exists (
  select 1 from (
    select cl.outcome, cl.created_at from call_logs cl
    where cl.tenant_id = ${h.tenantId}::uuid and cl.vehicle_id = ${h.vehicleId}
    order by cl.created_at desc, cl.id desc limit 1) lc
  where lc.outcome = 'reached_will_book'
    and lc.created_at > ${h.now} - make_interval(days => ${WILL_BOOK_PAUSE_DAYS}::int))`;

/**
 * Whether the call list holds the car for now (the reminder rules' `call_list` stop): snoozed,
 * not interested, or "will book" within its pause.
 */
export const callListHoldSql = (h: HoldRefs): SQL =>
  sql`(${snoozedSql(h)} or ${notInterestedSql(h)} or ${willBookSql(h)})`;
