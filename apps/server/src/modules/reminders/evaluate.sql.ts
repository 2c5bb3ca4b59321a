// The set-based selection of each trigger: ONE statement per rule that finds every due subject
// of the tenant (or of one car / customer on an event), applies the stop conditions and the
// repeat schedule, and inserts the decided reminders with ON CONFLICT DO NOTHING on
// (rule, subject, cycle, attempt). The same candidates can be read without inserting (preview).
import { sql, type SQL } from 'drizzle-orm';
import { BUILT_IN_INTERVALS, KIND_LABELS_FOR_REMINDERS } from './labels.ts';
import { TRIGGERS, type StopCondition, type Trigger } from './definitions.ts';
import type { RuleParams } from './reminders.tables.ts';
import { callListHoldSql } from '../call-list/index.ts';

/**
 * The triggers about what a car needs, which the call list's holds stop (snoozed, not
 * interested, "will book"): not a rule option — staff decided it with the owner for this car.
 */
export const HELD_BY_CALL_LIST: ReadonlySet<Trigger> = new Set([
  'maintenance',
  'insurance',
  'inspection',
  'declined_work',
]);

export interface RuleRow {
  id: string;
  key: string;
  trigger: Trigger;
  leadDays: number;
  repeatEveryDays: number | null;
  repeatMax: number;
  stopConditions: StopCondition[];
  params: RuleParams;
}

export interface EvalScope {
  /** Only this car (vehicle triggers) … */
  vehicleId?: string | null;
  /** … and / or only this customer (customer triggers; vehicle triggers when no car is given). */
  customerId?: string | null;
}

export interface EvalInput {
  tenantId: string;
  /** The tenant-local day (YYYY-MM-DD). */
  today: string;
  now: Date;
  timeZone: string;
  scope?: EvalScope;
}

/** Labels of due items in both languages, for `due.item` in the customer's language. */
const LABELS = JSON.stringify({
  ...Object.fromEntries(BUILT_IN_INTERVALS.map((i) => [`maintenance:${i.code}`, i.label])),
  ...Object.fromEntries(
    Object.entries(KIND_LABELS_FOR_REMINDERS).map(([k, v]) => [`kind:${k}`, v]),
  ),
});

const lang = (customerId: SQL) =>
  sql`(case when (select cl.language from customers cl where cl.tenant_id = i.tenant_id and cl.id = ${customerId}) = 'en' then 'en' else 'zh-CN' end)`;
const yuan = (fen: SQL) => sql`('¥' || to_char((${fen})::numeric / 100, 'FM999999990.00'))`;

function scopeFilter(
  trigger: Trigger,
  s: EvalScope | undefined,
  vehicleCol: SQL,
  customerCol: SQL,
): SQL {
  if (!s) return sql``;
  if (TRIGGERS[trigger].subject === 'vehicle' && s.vehicleId)
    return sql` and ${vehicleCol} = ${s.vehicleId}::uuid`;
  if (s.customerId) return sql` and ${customerCol} = ${s.customerId}::uuid`;
  return sql` and false`;
}

/**
 * The due subjects of one trigger: subject_type, subject_id, customer_id, vehicle_id, cycle_key,
 * due_date, since (from when a booking or visit stops it), data (the template's values).
 */
export function dueSubjects(rule: RuleRow, e: EvalInput): SQL {
  const t = sql`${e.tenantId}::uuid`;
  const today = sql`${e.today}::date`;
  const now = sql`${e.now.toISOString()}::timestamptz`;
  const tz = e.timeZone;
  const lead = rule.leadDays;
  const windowDays = rule.params.windowDays ?? 30;
  const recent = sql`${now} - interval '7 days'`;
  switch (rule.trigger) {
    case 'maintenance': {
      // One reminder per car for everything due: the cycle is the set of due items (each with
      // the service it counts from), so an item becoming due — or done — starts a new cycle. Items
      // stay in the set however overdue (they leave only when done); a car whose newest due item
      // is older than the window (abandoned) is not reminded.
      // The due items are aggregated per car first (no joins per item: on a tenant of ~1,000 cars
      // the per-item look-ups of car, store and owner were most of the rule's time), with the
      // item list in both languages; car, owner and store are then looked up once per car.
      const label = (language: string) =>
        sql`coalesce(i.title, ${LABELS}::jsonb -> i.item_key ->> ${language},
          ${LABELS}::jsonb -> ('kind:' || i.kind) ->> ${language}, i.item_key)`;
      return sql`
        select 'vehicle'::text as subject_type, g.vehicle_id as subject_id, g.customer_id, g.vehicle_id,
               g.cycle_key, g.due_date, ${recent} as since,
               jsonb_build_object(
                 'vehicle', jsonb_build_object('plate', coalesce(v.plate, ''), 'model', coalesce(v.model, '')),
                 'due', jsonb_build_object(
                   'item', case when cl.language = 'en' then g.items_en else g.items_zh end,
                   'labels', jsonb_build_object('zh-CN', g.items_zh, 'en', g.items_en),
                   'date', g.due_date::text,
                   'mileage', g.first_km),
                 'store', jsonb_build_object('name', coalesce(st.name, ''))) as data
        from (
          select i.vehicle_id, i.customer_id,
                 'items:' || left(md5(string_agg(
                   i.item_key || ':' || coalesce(i.last_order_id::text, i.last_done_on::text, i.basis),
                   ',' order by i.item_key)), 16) as cycle_key,
                 min(i.due_date) as due_date,
                 string_agg(${label('zh-CN')}, '、' order by i.due_date, i.item_key) as items_zh,
                 string_agg(${label('en')}, '、' order by i.due_date, i.item_key) as items_en,
                 (array_agg(coalesce(i.due_km::text, '') order by i.due_date, i.item_key))[1] as first_km,
                 (array_agg(i.store_id order by i.due_date, i.item_key))[1] as store_id
          from vehicle_due_items i
          where i.tenant_id = ${t} and i.kind in ('maintenance', 'recall', 'custom')
            and i.due_date <= ${today} + ${lead}::int
            ${scopeFilter(rule.trigger, e.scope, sql`i.vehicle_id`, sql`i.customer_id`)}
          group by i.vehicle_id, i.customer_id
          having max(i.due_date) >= ${today} - ${windowDays}::int
        ) g
        join vehicles v on v.tenant_id = ${t} and v.id = g.vehicle_id
        join customers cl on cl.tenant_id = ${t} and cl.id = g.customer_id
        left join stores st on st.tenant_id = ${t} and st.id = g.store_id`;
    }
    case 'insurance':
    case 'inspection':
      return sql`
        select 'vehicle'::text as subject_type, i.vehicle_id as subject_id, i.customer_id,
               i.vehicle_id, i.item_key || ':' || i.due_date::text as cycle_key, i.due_date, ${recent} as since,
               jsonb_build_object(
                 'vehicle', jsonb_build_object('plate', coalesce(v.plate, ''), 'model', coalesce(v.model, '')),
                 'due', jsonb_build_object(
                   'item', ${LABELS}::jsonb -> ('kind:' || i.kind) ->> ${lang(sql`i.customer_id`)},
                   'labels', ${LABELS}::jsonb -> ('kind:' || i.kind),
                   'date', i.due_date::text)) as data
        from vehicle_due_items i
        join vehicles v on v.tenant_id = i.tenant_id and v.id = i.vehicle_id
        where i.tenant_id = ${t} and i.kind = ${rule.trigger}
          and i.due_date <= ${today} + ${lead}::int and i.due_date >= ${today} - ${windowDays}::int
          ${scopeFilter(rule.trigger, e.scope, sql`i.vehicle_id`, sql`i.customer_id`)}`;
    case 'birthday':
      return sql`
        select 'customer'::text, c.id, c.id, null::uuid, 'birthday:' || extract(year from b.nb)::int,
               b.nb, ${recent}, jsonb_build_object('due', jsonb_build_object('date', b.nb::text))
        from customers c
        cross join lateral (
          select case when x.d >= ${today} then x.d
                      else (c.birthday + make_interval(years => x.age + 1))::date end as nb
          from (select (c.birthday + make_interval(years => y.age))::date as d, y.age
                from (select (extract(year from ${today}) - extract(year from c.birthday))::int as age) y) x
        ) b
        where c.tenant_id = ${t} and c.birthday is not null and c.merged_into_id is null
          and b.nb <= ${today} + ${lead}::int
          ${scopeFilter(rule.trigger, e.scope, sql`null`, sql`c.id`)}`;
    case 'coupon_expiring':
      return sql`
        select 'customer'::text, cp.customer_id, cp.customer_id, null::uuid, 'coupon:' || cp.id::text,
               (cp.valid_until at time zone ${tz})::date, ${recent},
               jsonb_build_object('coupon', jsonb_build_object('code', cp.code, 'name', ct.name,
                 'expiresAt', ((cp.valid_until at time zone ${tz})::date)::text))
        from coupons cp
        join coupon_templates ct on ct.tenant_id = cp.tenant_id and ct.id = cp.template_id
        where cp.tenant_id = ${t} and cp.status = 'issued' and cp.valid_until > ${now}
          and (cp.valid_until at time zone ${tz})::date <= ${today} + ${lead}::int
          ${scopeFilter(rule.trigger, e.scope, sql`null`, sql`cp.customer_id`)}`;
    case 'stored_value_low': {
      const threshold = rule.params.thresholdFen ?? 5000;
      return sql`
        select 'customer'::text, w.customer_id, w.customer_id, null::uuid,
               'stored_value:' || coalesce((
                 select max(le.seq) from ledger_entries le
                 where le.tenant_id = ${t} and le.account_id = w.principal_id and le.amount > 0), 0)::text,
               null::date, ${recent},
               jsonb_build_object('wallet', jsonb_build_object('balance', ${yuan(sql`w.balance`)}))
        from (
          select a.owner_customer_id as customer_id, sum(a.balance) as balance,
                 (array_agg(a.id) filter (where a.kind = 'stored_value_principal'))[1] as principal_id
          from ledger_accounts a
          where a.tenant_id = ${t} and a.owner_customer_id is not null
            and a.kind in ('stored_value_principal', 'stored_value_bonus')
            ${scopeFilter(rule.trigger, e.scope, sql`null`, sql`a.owner_customer_id`)}
          group by a.owner_customer_id
        ) w
        where w.balance > 0 and w.balance < ${threshold}::bigint`;
    }
    case 'declined_work':
      return sql`
        select 'vehicle'::text, d.vehicle_id, v.customer_id, d.vehicle_id,
               'declined:' || coalesce(d.order_id::text, d.id::text), null::date, min(d.created_at),
               jsonb_build_object(
                 'vehicle', jsonb_build_object('plate', coalesce(v.plate, ''), 'model', coalesce(v.model, '')),
                 'due', jsonb_build_object('item', string_agg(d.description, '、' order by d.description)))
        from declined_recommendations d
        join vehicles v on v.tenant_id = d.tenant_id and v.id = d.vehicle_id
        where d.tenant_id = ${t}
          and d.created_at >= ${now} - make_interval(days => ${lead + windowDays}::int)
          ${scopeFilter(rule.trigger, e.scope, sql`d.vehicle_id`, sql`v.customer_id`)}
        group by d.vehicle_id, v.customer_id, v.plate, v.model, coalesce(d.order_id::text, d.id::text)
        having (min(d.created_at) at time zone ${tz})::date + ${lead}::int <= ${today}`;
    case 'post_service_thanks':
    case 'post_service_survey':
      return sql`
        select 'vehicle'::text, o.vehicle_id, o.customer_id, o.vehicle_id, 'order:' || o.id::text,
               null::date, ${now},
               jsonb_build_object(
                 'vehicle', jsonb_build_object('plate', coalesce(v.plate, ''), 'model', coalesce(v.model, '')),
                 'order', jsonb_build_object('number', o.number,
                   'amount', ${yuan(sql`coalesce(o.paid_fen, o.total_fen - o.discount_fen)`)}))
        from service_orders o
        join vehicles v on v.tenant_id = o.tenant_id and v.id = o.vehicle_id
        where o.tenant_id = ${t} and o.status in ('paid', 'closed') and o.paid_at is not null
          and o.paid_at >= ${now} - make_interval(days => ${lead + windowDays + 1}::int)
          and (o.paid_at at time zone ${tz})::date + ${lead}::int <= ${today}
          and (o.paid_at at time zone ${tz})::date + ${lead}::int >= ${today} - ${windowDays}::int
          ${scopeFilter(rule.trigger, e.scope, sql`o.vehicle_id`, sql`o.customer_id`)}`;
    case 'win_back': {
      // From the per-customer statistics (last visit = newest order not cancelled, kept in the
      // order's transaction): an index range on (tenant, last visit) instead of aggregating the
      // tenant's orders per customer in each of the three win-back rules.
      const days = rule.params.days ?? 90;
      const midnight = (date: SQL) => sql`((${date})::timestamp at time zone ${tz})`;
      return sql`
        select 'customer'::text, cs.customer_id, cs.customer_id, null::uuid,
               'visit:' || lv.last_day::text, null::date, ${now},
               jsonb_build_object('visit', jsonb_build_object('lastDate', lv.last_day::text))
        from customer_stats cs
        cross join lateral (select (cs.last_visit_at at time zone ${tz})::date as last_day) lv
        where cs.tenant_id = ${t}
          and cs.last_visit_at < ${midnight(sql`${today} - ${days}::int + 1`)}
          and cs.last_visit_at >= ${midnight(sql`${today} - ${days + windowDays}::int + 1`)}
          ${scopeFilter(rule.trigger, e.scope, sql`null`, sql`cs.customer_id`)}`;
    }
  }
}

/** The rule's decided-now candidates: due, not stopped, not yet sent this cycle (or a repeat is due). */
export function candidates(rule: RuleRow, e: EvalInput): SQL {
  const t = sql`${e.tenantId}::uuid`;
  const today = sql`${e.today}::date`;
  const now = sql`${e.now.toISOString()}::timestamptz`;
  const stops = new Set(rule.stopConditions);
  const purpose = TRIGGERS[rule.trigger].purpose;
  const repeatOk =
    rule.repeatMax > 0 && rule.repeatEveryDays
      ? sql`(l.attempt < ${rule.repeatMax}::int and l.status = 'queued'
             and l.run_date <= ${today} - ${rule.repeatEveryDays}::int
             ${
               stops.has('replied')
                 ? sql`and not exists (
                     select 1 from conversations cv
                     join conversation_messages cm on cm.tenant_id = cv.tenant_id and cm.conversation_id = cv.id
                     where cv.tenant_id = ${t} and cv.customer_id = d.customer_id
                       and cm.author_type = 'customer' and cm.created_at > l.created_at)`
                 : sql``
             })`
      : sql`false`;
  // The due subjects are computed first (MATERIALIZED), then each is checked by key look-ups:
  // a plan that scans customers and probes the due items per customer is never an option.
  return sql`
    with d(subject_type, subject_id, customer_id, vehicle_id, cycle_key, due_date, since, data) as materialized (
      ${dueSubjects(rule, e)}
    )
    select d.subject_type, d.subject_id, d.customer_id, d.vehicle_id, d.cycle_key, d.due_date, d.data,
           coalesce(l.attempt + 1, 0) as attempt
    from d
    left join lateral (
      select s.attempt, s.status, s.run_date, s.created_at from reminder_sends s
      where s.tenant_id = ${t} and s.rule_id = ${rule.id}::uuid and s.subject_id = d.subject_id
        and s.cycle_key = d.cycle_key
      order by s.attempt desc limit 1
    ) l on true
    where (l.attempt is null or ${repeatOk})
      -- A scalar look-up by key (not a join the planner could turn around on stale statistics).
      and coalesce((select c.merged_into_id is null from customers c
                    where c.tenant_id = ${t} and c.id = d.customer_id), false)
    ${
      stops.has('booked')
        ? sql`and not exists (
            select 1 from appointments a
            where a.tenant_id = ${t} and a.customer_id = d.customer_id
              and a.status in ('booked', 'confirmed', 'checked_in') and a.starts_at >= ${now} - interval '1 day'
              and (d.vehicle_id is null or a.vehicle_id is null or a.vehicle_id = d.vehicle_id))`
        : sql``
    }
    ${
      stops.has('serviced')
        ? sql`and not exists (
            select 1 from service_orders so
            where so.tenant_id = ${t} and so.customer_id = d.customer_id
              and so.status <> 'cancelled' and so.opened_at > d.since
              and (d.vehicle_id is null or so.vehicle_id = d.vehicle_id))`
        : sql``
    }
    ${
      HELD_BY_CALL_LIST.has(rule.trigger)
        ? sql`and not ${callListHoldSql({
            tenantId: e.tenantId,
            vehicleId: sql`d.vehicle_id`,
            customerId: sql`d.customer_id`,
            today,
            now,
          })}`
        : sql``
    }
    ${
      stops.has('opted_out')
        ? sql`and coalesce((
            select cc.granted from customer_consents cc
            where cc.tenant_id = ${t} and cc.customer_id = d.customer_id and cc.purpose = ${purpose}
            order by cc.recorded_at desc limit 1), true)`
        : sql``
    }`;
}

/**
 * Inserts the candidates of one rule (the daily run: one statement per rule) or of several rules
 * at once (one car or customer on an event: one round trip) as pending sends; answers how many
 * were new.
 */
export function insertSends(rules: RuleRow | RuleRow[], e: EvalInput): SQL {
  const list = Array.isArray(rules) ? rules : [rules];
  const union = sql.join(
    list.map(
      (rule) => sql`select ${rule.id}::uuid as rule_id, c.* from (${candidates(rule, e)}) c`,
    ),
    sql` union all `,
  );
  return sql`
    with ins as (
      insert into reminder_sends (tenant_id, id, rule_id, subject_type, subject_id, cycle_key, attempt,
                                  customer_id, vehicle_id, due_date, run_date, data, status, created_at)
      select ${e.tenantId}::uuid, gen_random_uuid(), k.rule_id, k.subject_type, k.subject_id,
             k.cycle_key, k.attempt, k.customer_id, k.vehicle_id, k.due_date, ${e.today}::date, k.data,
             'pending', ${e.now.toISOString()}::timestamptz
      from (${union}) k
      on conflict (tenant_id, rule_id, subject_id, cycle_key, attempt) do nothing
      returning 1
    )
    select count(*)::int as n from ins`;
}
