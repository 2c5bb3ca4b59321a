// The delivery pipeline. Workers drain intents in batches across tenants (owner connection):
//   1. plan  — one transaction: claim due intents (FOR UPDATE SKIP LOCKED), apply the rules
//              (quiet hours, consent, reachability, frequency caps under a per-customer lock),
//              render, and insert each delivery already leased (`sending`) — claim and lease
//              commit together;
//   2. send  — outside any transaction, each adapter gets the delivery id as its idempotency
//              key (the recorder keeps one row per delivery id);
//   3. record — one transaction: outcome, timeline row, retry with backoff or final status.
// A worker killed between 1 and 3 leaves leased deliveries; when the lease ends another worker
// sends them again under the same delivery id, so nothing is lost and nothing arrives twice.
import { sql } from 'drizzle-orm';
import { yieldToEventLoop } from '../../kernel/yield.ts';
import { resolveChannel } from '../../channels/registry.ts';
import type {
  AddressBook,
  Channel,
  ChannelDeps,
  ChannelMessage,
  ChannelName,
  SendResult,
} from '../../channels/port.ts';
import '../../channels/recorder.ts';
import type { Database, Db } from '../../db/database.ts';
import type { SQL } from 'drizzle-orm';
import type { Clock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import type { Logger } from '../../kernel/logger.ts';
import { pgArray } from '../../db/arrays.ts';
import { erasedAddresses } from './erased.ts';
import { refreshIntentStatus } from './status.ts';
import {
  builtInTemplate,
  flatten,
  renderText,
  type ChannelText,
  type Language,
} from './templates.ts';
import {
  addDays,
  backoffMs,
  isValidTimeZone,
  localDateTime,
  MAX_ATTEMPTS,
  quietUntil,
} from './rules.ts';
import { hasSecret, maskSecrets, revealSecrets } from '../../kernel/secret-text.ts';
import { signUnsubscribe } from './unsubscribe.ts';

export interface PipelineDeps {
  adminDb: Db;
  log: Logger;
  clock: Clock;
  /** Base of unsubscribe links (LIUKE_PUBLIC_URL). */
  publicUrl?: string;
  batchSize?: number;
  leaseMs?: number;
  /** Parallel sends to adapters without a batch method. */
  sendConcurrency?: number;
  /** Only these tenants' messages (tests sharing one database); all tenants when omitted. */
  onlyTenants?: string[];
  /** Test hook between the steps (the crash test kills the worker around it). */
  onStep?: (step: 'planned' | 'claimed' | 'sent' | 'recorded') => Promise<void> | void;
}

interface IntentRow {
  tenant_id: string;
  id: string;
  customer_id: string | null;
  to_channel: string | null;
  to_address: string | null;
  template_key: string;
  data: Record<string, unknown>;
  purpose: 'auth' | 'transactional' | 'service' | 'marketing';
  priority: 'transactional' | 'marketing';
  channels: string[] | null;
}

interface TenantRow {
  tenant_id: string;
  name: string;
  timezone: string;
  quiet_start: string | null;
  quiet_end: string | null;
  marketing_per_day: number | null;
  marketing_per_week: number | null;
  fallback_minutes: number | null;
  signing_key: string | null;
}

interface CustomerRow {
  tenant_id: string;
  id: string;
  name: string | null;
  phone: string;
  email: string | null;
  language: string;
  timezone: string | null;
  preferred_channel: string | null;
  /** Erased on request (PIPL): nothing is ever sent to them again, whatever the purpose. */
  erased: boolean;
}

/** A delivery leased to this worker, ready for its adapter. */
interface Work {
  tenantId: string;
  deliveryId: string;
  intentId: string;
  customerId: string | null;
  channel: ChannelName;
  address: string;
  purpose: ChannelMessage['purpose'];
  subject: string | null;
  body: string;
  html: string | null;
  url: string | null;
  attempts: number;
}

type Adapter = Channel &
  Partial<AddressBook> & {
    sendMany?: (m: ChannelMessage[], d: ChannelDeps) => Promise<SendResult[]>;
  };

const iso = (d: Date) => d.toISOString();

// Same as db/database.ts queryRows, kept here so a worker process need not load the PGlite driver.
async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

function channelDeps(deps: PipelineDeps): ChannelDeps {
  return { adminDb: deps.adminDb, log: deps.log, now: () => deps.clock.now() };
}

function adapterCache(deps: PipelineDeps) {
  const cache = new Map<string, Promise<Adapter>>();
  const cd = channelDeps(deps);
  return (tenantId: string, channel: ChannelName) => {
    const k = `${tenantId}:${channel}`;
    let a = cache.get(k);
    if (!a) cache.set(k, (a = resolveChannel(tenantId, channel, cd) as Promise<Adapter>));
    return a;
  };
}

interface EventRow {
  tenant_id: string;
  id: string;
  intent_id: string;
  delivery_id: string | null;
  type: string;
  channel: string | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
  at: string;
}

async function insertJson(db: Db, table: string, columns: string[], rows: object[]) {
  if (!rows.length) return;
  const list = sql.raw(columns.join(', '));
  await db.execute(
    sql`insert into ${sql.raw(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.raw(table)}, ${JSON.stringify(rows)}::json)`,
  );
}

const EVENT_COLUMNS = [
  'tenant_id',
  'id',
  'intent_id',
  'delivery_id',
  'type',
  'channel',
  'reason',
  'detail',
  'at',
];
const DELIVERY_COLUMNS = [
  'tenant_id',
  'id',
  'intent_id',
  'customer_id',
  'channel',
  'provider',
  'address',
  'status',
  'reason',
  'subject',
  'body',
  'html',
  'url',
  'attempts',
  'next_attempt_at',
  'lease_until',
  'fallback_of',
  'error',
  'created_at',
  'updated_at',
];

const CONSENT_CHANNELS = new Set(['sms', 'email', 'webpush', 'wechat', 'inapp']);

/** Step 1: claims due intents, decides, renders and leases their deliveries in one commit. */
async function planIntents(deps: PipelineDeps): Promise<{ planned: number; work: Work[] }> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? 60_000));
  const limit = deps.batchSize ?? 500;
  return deps.adminDb.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const planAdapterFor = adapterCache({ ...deps, adminDb: tx });
    const intents = await queryRows<IntentRow>(
      tx,
      sql`update message_intents m set status = 'processing', updated_at = ${iso(now)}::timestamptz
          from (select tenant_id, id from message_intents
                where status = 'queued' and not_before <= ${iso(now)}::timestamptz
                ${deps.onlyTenants ? sql`and tenant_id = any(${pgArray(deps.onlyTenants)}::uuid[])` : sql``}
                order by not_before limit ${limit} for update skip locked) due
          where m.tenant_id = due.tenant_id and m.id = due.id
          returning m.tenant_id, m.id, m.customer_id, m.to_channel, m.to_address, m.template_key, m.data,
                    m.purpose, m.priority, m.channels`,
    );
    if (!intents.length) return { planned: 0, work: [] };
    const tenantIds = [...new Set(intents.map((i) => i.tenant_id))];
    const customerIds = [
      ...new Set(intents.flatMap((i) => (i.customer_id ? [i.customer_id] : []))),
    ];
    const tenants = new Map(
      (
        await queryRows<TenantRow>(
          tx,
          sql`select t.tenant_id, t.name, t.timezone, s.quiet_start, s.quiet_end, s.marketing_per_day,
                     s.marketing_per_week, s.fallback_minutes, s.signing_key
              from tenants t left join messaging_settings s on s.tenant_id = t.tenant_id
              where t.tenant_id = any(${pgArray(tenantIds)}::uuid[])`,
        )
      ).map((t) => [t.tenant_id, t]),
    );
    // Marketing needs a signing key for its unsubscribe links: create the settings row once.
    const missingKey = tenantIds.filter(
      (t) =>
        !tenants.get(t)?.signing_key &&
        intents.some((i) => i.tenant_id === t && i.purpose === 'marketing'),
    );
    if (missingKey.length) {
      const rows = await queryRows<{ tenant_id: string; signing_key: string }>(
        tx,
        sql`insert into messaging_settings (tenant_id) select unnest(${pgArray(missingKey)}::uuid[])
            on conflict (tenant_id) do update set tenant_id = excluded.tenant_id
            returning tenant_id, signing_key`,
      );
      for (const r of rows) {
        const t = tenants.get(r.tenant_id);
        if (t) t.signing_key = r.signing_key;
      }
    }
    const customers = new Map(
      customerIds.length
        ? (
            await queryRows<CustomerRow>(
              tx,
              sql`select c.tenant_id, c.id, c.name, c.phone, to_jsonb(c) ->> 'email' as email, c.language, c.timezone, c.preferred_channel,
                         c.erased_at is not null as erased
                  from customers c where c.tenant_id = any(${pgArray(tenantIds)}::uuid[]) and c.id = any(${pgArray(customerIds)}::uuid[])`,
            )
          ).map((c) => [`${c.tenant_id}:${c.id}`, c])
        : [],
    );
    const consents = new Set(
      customerIds.length
        ? (
            await queryRows<{
              tenant_id: string;
              customer_id: string;
              channel: string;
              purpose: string;
              granted: boolean;
            }>(
              tx,
              sql`select distinct on (tenant_id, customer_id, channel, purpose) tenant_id, customer_id, channel, purpose, granted
                  from customer_consents
                  where tenant_id = any(${pgArray(tenantIds)}::uuid[]) and customer_id = any(${pgArray(customerIds)}::uuid[])
                  order by tenant_id, customer_id, channel, purpose, recorded_at desc, id desc`,
            )
          )
            .filter((r) => r.granted)
            .map((r) => `${r.tenant_id}:${r.customer_id}:${r.channel}:${r.purpose}`)
        : [],
    );
    // Messages to an address (no customer) whose phone belongs to an erased customer — and to
    // no live customer since — are never sent either.
    const erased = await erasedAddresses(
      tx,
      intents
        .filter((i) => !i.customer_id && i.to_address)
        .map((i) => ({ tenantId: i.tenant_id, address: i.to_address! })),
      queryRows,
    );
    const keys = [...new Set(intents.map((i) => i.template_key))];
    const overrides = new Map(
      (
        await queryRows<{
          tenant_id: string;
          key: string;
          channel: string;
          language: string;
          subject: string | null;
          body: string;
        }>(
          tx,
          sql`select tenant_id, key, channel, language, subject, body from message_templates
              where tenant_id = any(${pgArray(tenantIds)}::uuid[]) and key = any(${pgArray(keys)}::text[])`,
        )
      ).map((o) => [`${o.tenant_id}:${o.key}:${o.channel}:${o.language}`, o]),
    );

    const deliveries: Record<string, unknown>[] = [];
    const events: EventRow[] = [];
    const work: Work[] = [];
    const deferred: { tenant_id: string; id: string; not_before: string }[] = [];
    const finished: { tenant_id: string; id: string; status: string; reason: string | null }[] = [];
    const event = (i: IntentRow, type: string, e: Partial<EventRow> = {}) =>
      events.push({
        tenant_id: i.tenant_id,
        id: newId(),
        intent_id: i.id,
        delivery_id: null,
        type,
        channel: null,
        reason: null,
        detail: null,
        at: iso(now),
        ...e,
      });
    const finish = (
      i: IntentRow,
      status: 'suppressed' | 'failed',
      reason: string,
      detail?: Record<string, unknown>,
    ) => {
      finished.push({ tenant_id: i.tenant_id, id: i.id, status, reason });
      event(i, status, { reason, detail: detail ?? null });
    };

    // Quiet hours first: a held message is decided again when the window opens.
    const live: { intent: IntentRow; customer: CustomerRow | null; tz: string }[] = [];
    for (const i of intents) {
      const tenant = tenants.get(i.tenant_id)!;
      const customer = i.customer_id
        ? (customers.get(`${i.tenant_id}:${i.customer_id}`) ?? null)
        : null;
      if (i.customer_id && !customer) {
        finish(i, 'failed', 'customer_not_found');
        continue;
      }
      if (customer?.erased || (!customer && erased.has(`${i.tenant_id}:${i.to_address}`))) {
        finish(i, 'suppressed', 'customer_erased');
        continue;
      }
      const tz =
        customer?.timezone && isValidTimeZone(customer.timezone)
          ? customer.timezone
          : tenant.timezone;
      if (i.priority !== 'transactional') {
        const until = quietUntil(
          now,
          tz,
          tenant.quiet_start ?? '21:00',
          tenant.quiet_end ?? '08:00',
        );
        if (until) {
          deferred.push({ tenant_id: i.tenant_id, id: i.id, not_before: iso(until) });
          event(i, 'deferred', {
            reason: 'quiet_hours',
            detail: { until: iso(until), timezone: tz },
          });
          continue;
        }
      }
      live.push({ intent: i, customer, tz });
    }

    // Frequency caps: lock each marketing customer (sorted, so workers never deadlock), then count.
    const marketing = live.filter((l) => l.intent.purpose === 'marketing' && l.customer);
    const sent = new Map<string, string[]>();
    if (marketing.length) {
      const lockKeys = [
        ...new Set(marketing.map((m) => `${m.intent.tenant_id}:${m.customer!.id}`)),
      ].sort();
      await tx.execute(
        sql`select count(pg_advisory_xact_lock(h)) from (select hashtextextended(k, 7351) as h from unnest(${pgArray(lockKeys)}::text[]) k order by 1) s`,
      );
      const minDay = addDays(localDateTime(now, 'Pacific/Kiritimati').date, -8);
      const ids = [...new Set(marketing.map((m) => m.customer!.id))];
      for (const r of await queryRows<{
        tenant_id: string;
        customer_id: string;
        local_day: string;
      }>(
        tx,
        sql`select tenant_id, customer_id, local_day::text as local_day from message_frequency
            where tenant_id = any(${pgArray(tenantIds)}::uuid[]) and customer_id = any(${pgArray(ids)}::uuid[]) and local_day >= ${minDay}::date`,
      )) {
        const k = `${r.tenant_id}:${r.customer_id}`;
        sent.set(k, [...(sent.get(k) ?? []), r.local_day]);
      }
    }
    const frequency: {
      tenant_id: string;
      customer_id: string;
      intent_id: string;
      local_day: string;
      created_at: string;
    }[] = [];

    for (const { intent: i, customer, tz } of live) {
      const tenant = tenants.get(i.tenant_id)!;
      const template = builtInTemplate(i.template_key);
      if (!template) {
        finish(i, 'failed', 'template_not_found');
        continue;
      }
      const language: Language = customer?.language === 'en' ? 'en' : 'zh-CN';
      // Channels: those asked for (every one), or the template's in the customer's preferred order.
      const explicit = !!i.channels?.length;
      let candidates = (i.channels ??
        (i.to_channel ? [i.to_channel] : Object.keys(template.channels))) as ChannelName[];
      if (
        !explicit &&
        customer?.preferred_channel &&
        candidates.includes(customer.preferred_channel as ChannelName)
      )
        candidates = [
          customer.preferred_channel as ChannelName,
          ...candidates.filter((c) => c !== customer.preferred_channel),
        ];
      const allowed: { channel: ChannelName; address: string; adapter: Adapter }[] = [];
      const refused: { channel: ChannelName; reason: string }[] = [];
      for (const channel of candidates) {
        if (!template.channels[channel]) {
          refused.push({ channel, reason: 'no_template_for_channel' });
          continue;
        }
        if (
          customer &&
          (i.purpose === 'service' || i.purpose === 'marketing') &&
          CONSENT_CHANNELS.has(channel)
        ) {
          if (!consents.has(`${i.tenant_id}:${customer.id}:${channel}:${i.purpose}`)) {
            refused.push({ channel, reason: 'no_consent' });
            continue;
          }
        }
        let address: string | null;
        if (!customer) address = i.to_address;
        else if (channel === 'sms') address = customer.phone;
        else if (channel === 'email') address = customer.email;
        else address = customer.id;
        if (!address) {
          refused.push({ channel, reason: 'no_address' });
          continue;
        }
        // Inside this transaction resolvers and address books must query through it: on PGlite
        // (one connection) a query on the owner handle would wait for this transaction forever.
        const adapter = await planAdapterFor(i.tenant_id, channel);
        // Channels the sender named are used as asked (an inbox row waits for the app); only
        // when choosing the best channel does reachability decide.
        if (
          !explicit &&
          customer &&
          adapter.reachable &&
          !(await adapter.reachable(i.tenant_id, customer.id, {
            ...channelDeps(deps),
            adminDb: tx,
          }))
        ) {
          refused.push({ channel, reason: 'unreachable' });
          continue;
        }
        allowed.push({ channel, address, adapter });
      }
      const chosen = explicit || !customer ? allowed : allowed.slice(0, 1);
      // Web Push not opened in time falls back to the next channel that works.
      const fallback =
        !explicit && customer && chosen[0]?.channel === 'webpush' ? allowed[1] : undefined;
      const suppressDelivery = (channel: ChannelName, reason: string) => {
        const id = newId();
        deliveries.push({
          tenant_id: i.tenant_id,
          id,
          intent_id: i.id,
          customer_id: i.customer_id,
          channel,
          address: '',
          status: 'suppressed',
          reason,
          attempts: 0,
          created_at: iso(now),
          updated_at: iso(now),
        });
        event(i, 'suppressed', { delivery_id: id, channel, reason });
      };
      if (!chosen.length) {
        for (const r of refused) suppressDelivery(r.channel, r.reason);
        finished.push({
          tenant_id: i.tenant_id,
          id: i.id,
          status: 'suppressed',
          reason: refused[0]?.reason ?? 'no_channel',
        });
        continue;
      }
      if (explicit) for (const r of refused) suppressDelivery(r.channel, r.reason);
      if (i.purpose === 'marketing' && customer) {
        const k = `${i.tenant_id}:${customer.id}`;
        const days = sent.get(k) ?? [];
        const today = localDateTime(now, tz).date;
        const weekStart = addDays(today, -6);
        const perDay = tenant.marketing_per_day ?? 1;
        const perWeek = tenant.marketing_per_week ?? 2;
        const reason =
          days.filter((d) => d === today).length >= perDay
            ? 'frequency_cap_day'
            : days.filter((d) => d >= weekStart && d <= today).length >= perWeek
              ? 'frequency_cap_week'
              : null;
        if (reason) {
          for (const c of chosen) suppressDelivery(c.channel, reason);
          finished.push({ tenant_id: i.tenant_id, id: i.id, status: 'suppressed', reason });
          continue;
        }
        sent.set(k, [...days, today]);
        frequency.push({
          tenant_id: i.tenant_id,
          customer_id: customer.id,
          intent_id: i.id,
          local_day: today,
          created_at: iso(now),
        });
      }
      const values: Record<string, string> = {
        'tenant.name': tenant.name,
        'customer.name': customer?.name ?? '',
        ...flatten(i.data),
      };
      const plan = fallback ? [...chosen, fallback] : chosen;
      let primaryId: string | null = null;
      for (const [n, c] of plan.entries()) {
        const isFallback = !!fallback && n === plan.length - 1;
        const id = newId();
        if (customer && tenant.signing_key && i.purpose === 'marketing')
          values['unsubscribe.url'] =
            `${deps.publicUrl ?? ''}/api/v1/public/unsubscribe/${signUnsubscribe(tenant.signing_key, i.tenant_id, customer.id, c.channel)}`;
        const byLang = template.channels[c.channel]!;
        const o = overrides.get(`${i.tenant_id}:${i.template_key}:${c.channel}:${language}`);
        const text: ChannelText = o
          ? { body: o.body, ...(o.subject ? { subject: o.subject } : {}) }
          : (byLang[language] ?? byLang['zh-CN']);
        const r = renderText(template, c.channel, text, values);
        const base = {
          tenant_id: i.tenant_id,
          id,
          intent_id: i.id,
          customer_id: i.customer_id,
          channel: c.channel,
          provider: c.adapter.provider,
          address: c.address,
          created_at: iso(now),
          updated_at: iso(now),
        };
        if (!r.ok) {
          deliveries.push({
            ...base,
            status: 'failed',
            reason: r.reason,
            error: r.error,
            attempts: 0,
          });
          event(i, 'failed', {
            delivery_id: id,
            channel: c.channel,
            reason: r.reason,
            detail: { error: r.error },
          });
          continue;
        }
        const content = {
          subject: r.rendered.subject ?? null,
          body: r.rendered.text,
          html: r.rendered.html ?? null,
          url: r.rendered.url ?? null,
        };
        if (isFallback) {
          const at = new Date(now.getTime() + (tenant.fallback_minutes ?? 30) * 60_000);
          deliveries.push({
            ...base,
            ...content,
            status: 'waiting',
            attempts: 0,
            next_attempt_at: iso(at),
            fallback_of: primaryId,
          });
          event(i, 'fallback_scheduled', {
            delivery_id: id,
            channel: c.channel,
            detail: { unlessOpenedBy: primaryId, at: iso(at) },
          });
          continue;
        }
        primaryId ??= id;
        deliveries.push({
          ...base,
          ...content,
          status: 'sending',
          attempts: 1,
          lease_until: iso(leaseUntil),
          next_attempt_at: iso(leaseUntil),
        });
        work.push({
          tenantId: i.tenant_id,
          deliveryId: id,
          intentId: i.id,
          customerId: i.customer_id,
          channel: c.channel,
          address: c.address,
          purpose: i.purpose,
          ...content,
          attempts: 1,
        });
      }
    }

    await insertJson(
      tx,
      'message_deliveries',
      DELIVERY_COLUMNS.filter((c) => c !== 'x'),
      deliveries.map((d) => Object.fromEntries(DELIVERY_COLUMNS.map((c) => [c, d[c] ?? null]))),
    );
    await insertJson(
      tx,
      'message_frequency',
      ['tenant_id', 'customer_id', 'intent_id', 'local_day', 'created_at'],
      frequency,
    );
    await insertJson(tx, 'message_events', EVENT_COLUMNS, events);
    if (deferred.length)
      await tx.execute(
        sql`update message_intents i set status = 'queued', not_before = u.not_before, updated_at = ${iso(now)}::timestamptz
            from json_to_recordset(${JSON.stringify(deferred)}::json) as u(tenant_id uuid, id uuid, not_before timestamptz)
            where i.tenant_id = u.tenant_id and i.id = u.id`,
      );
    if (finished.length)
      await tx.execute(
        sql`update message_intents i set status = u.status, reason = u.reason, updated_at = ${iso(now)}::timestamptz
            from json_to_recordset(${JSON.stringify(finished)}::json) as u(tenant_id uuid, id uuid, status text, reason text)
            where i.tenant_id = u.tenant_id and i.id = u.id`,
      );
    const done = new Set([...deferred, ...finished].map((x) => x.id));
    // Intents with nothing to send now (render failures, only a waiting fallback…) get their
    // status from their deliveries; the others stay `processing` until recorded.
    const sending = new Set(work.map((w) => w.intentId));
    const settle = intents.filter((i) => !done.has(i.id) && !sending.has(i.id)).map((i) => i.id);
    if (settle.length) await refreshIntentStatus(tx, tenantIds, settle, now);
    return { planned: intents.length, work };
  });
}

interface DeliveryRow {
  tenant_id: string;
  id: string;
  intent_id: string;
  customer_id: string | null;
  channel: ChannelName;
  address: string;
  subject: string | null;
  body: string | null;
  html: string | null;
  url: string | null;
  attempts: number;
  purpose: ChannelMessage['purpose'];
  old_status: string;
  fallback_of: string | null;
  primary_status: string | null;
}

/** Step 1b: leases deliveries that are due again (retries, fallbacks, expired leases). */
async function claimDeliveries(deps: PipelineDeps): Promise<Work[]> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? 60_000));
  const rows = await queryRows<DeliveryRow>(
    deps.adminDb,
    sql`with due as (
          select tenant_id, id, status as old_status from message_deliveries
          where status in ('queued', 'sending', 'waiting') and next_attempt_at <= ${iso(now)}::timestamptz
          ${deps.onlyTenants ? sql`and tenant_id = any(${pgArray(deps.onlyTenants)}::uuid[])` : sql``}
          order by next_attempt_at limit ${deps.batchSize ?? 500} for update skip locked)
        update message_deliveries d set status = 'sending', attempts = d.attempts + 1,
          lease_until = ${iso(leaseUntil)}::timestamptz, next_attempt_at = ${iso(leaseUntil)}::timestamptz,
          updated_at = ${iso(now)}::timestamptz
        from due
        where d.tenant_id = due.tenant_id and d.id = due.id
        returning d.tenant_id, d.id, d.intent_id, d.customer_id, d.channel, d.address, d.subject, d.body,
          d.html, d.url, d.attempts, d.fallback_of, due.old_status,
          (select purpose from message_intents i where i.tenant_id = d.tenant_id and i.id = d.intent_id) as purpose,
          (select p.status from message_deliveries p where p.tenant_id = d.tenant_id and p.id = d.fallback_of) as primary_status`,
  );
  const work: Work[] = [];
  const cancel: EventRow[] = [];
  for (const r of rows) {
    if (r.old_status === 'waiting' && ['opened', 'clicked'].includes(r.primary_status ?? '')) {
      cancel.push({
        tenant_id: r.tenant_id,
        id: r.id,
        intent_id: r.intent_id,
        delivery_id: r.id,
        type: 'suppressed',
        channel: r.channel,
        reason: 'primary_opened',
        detail: null,
        at: iso(now),
      });
      continue;
    }
    work.push({
      tenantId: r.tenant_id,
      deliveryId: r.id,
      intentId: r.intent_id,
      customerId: r.customer_id,
      channel: r.channel,
      address: r.address,
      purpose: r.purpose,
      subject: r.subject,
      body: r.body ?? '',
      html: r.html,
      url: r.url,
      attempts: r.attempts,
    });
  }
  if (cancel.length)
    await deps.adminDb.transaction(async (tx) => {
      await tx.execute(
        sql`update message_deliveries set status = 'suppressed', reason = 'primary_opened', lease_until = null, next_attempt_at = null
            where tenant_id = any(${pgArray([...new Set(cancel.map((c) => c.tenant_id))])}::uuid[])
              and id = any(${pgArray(cancel.map((c) => c.id))}::uuid[]) and status = 'sending'`,
      );
      await insertJson(
        tx as unknown as Db,
        'message_events',
        EVENT_COLUMNS,
        cancel.map((c) => ({ ...c, id: newId() })),
      );
      await refreshIntentStatus(
        tx as unknown as Db,
        [...new Set(cancel.map((c) => c.tenant_id))],
        cancel.map((c) => c.intent_id),
        now,
      );
    });
  return work;
}

/** Step 2: hands each leased delivery to its adapter. Never throws: a throw is a temporary failure. */
async function sendAll(
  deps: PipelineDeps,
  work: Work[],
  adapterFor: ReturnType<typeof adapterCache>,
) {
  const cd = channelDeps(deps);
  const results = new Map<string, { result: SendResult; provider: string }>();
  const groups = new Map<string, Work[]>();
  for (const w of work) {
    const k = `${w.tenantId}:${w.channel}`;
    groups.set(k, [...(groups.get(k) ?? []), w]);
  }
  const message = (w: Work): ChannelMessage => {
    // A sealed secret (sign-in code, reset link) is opened here, for the adapter alone.
    const secret = [w.body, w.subject, w.html, w.url].some(hasSecret);
    const open = (text: string) => (secret ? revealSecrets(text, w.tenantId) : text);
    return {
      tenantId: w.tenantId,
      intentId: w.intentId,
      deliveryId: w.deliveryId,
      customerId: w.customerId,
      channel: w.channel,
      to: w.address,
      purpose: w.purpose,
      text: open(w.body),
      ...(secret ? { maskedText: maskSecrets(w.body) } : {}),
      ...(w.subject ? { subject: open(w.subject) } : {}),
      ...(w.html ? { html: open(w.html) } : {}),
      ...(w.url ? { url: open(w.url) } : {}),
    };
  };
  const failed = (err: unknown): SendResult => ({
    outcome: 'failed',
    permanent: false,
    error: String((err as Error)?.message ?? err).slice(0, 500),
  });
  for (const ws of groups.values()) {
    let adapter: Adapter;
    try {
      adapter = await adapterFor(ws[0]!.tenantId, ws[0]!.channel);
    } catch (err) {
      for (const w of ws) results.set(w.deliveryId, { result: failed(err), provider: 'unknown' });
      continue;
    }
    if (adapter.sendMany) {
      try {
        const rs = await adapter.sendMany(ws.map(message), cd);
        ws.forEach((w, n) =>
          results.set(w.deliveryId, {
            result: rs[n] ?? failed('no result'),
            provider: adapter.provider,
          }),
        );
      } catch (err) {
        for (const w of ws)
          results.set(w.deliveryId, { result: failed(err), provider: adapter.provider });
      }
      continue;
    }
    let next = 0;
    const lanes = Array.from(
      { length: Math.min(deps.sendConcurrency ?? 16, ws.length) },
      async () => {
        while (next < ws.length) {
          const w = ws[next++]!;
          let result: SendResult;
          try {
            result = await adapter.send(message(w), cd);
          } catch (err) {
            result = failed(err);
          }
          results.set(w.deliveryId, { result, provider: adapter.provider });
        }
      },
    );
    await Promise.all(lanes);
  }
  return results;
}

/** Step 3: records outcomes; temporary failures wait with backoff, permanent ones are final. */
async function recordOutcomes(
  deps: PipelineDeps,
  work: Work[],
  results: Map<string, { result: SendResult; provider: string }>,
) {
  if (!work.length) return;
  const now = deps.clock.now();
  const updates = work.map((w) => {
    const { result: r, provider } = results.get(w.deliveryId)!;
    if (r.outcome !== 'failed')
      return {
        w,
        status: r.outcome,
        provider,
        pmid: r.providerMessageId ?? null,
        error: null,
        reason: null,
        next: null,
      };
    const retry = !r.permanent && w.attempts < MAX_ATTEMPTS;
    return {
      w,
      status: retry ? 'queued' : 'failed',
      provider,
      pmid: null,
      error: r.providerCode ? `${r.providerCode}: ${r.error}` : r.error,
      reason: retry
        ? 'temporary_failure'
        : r.addressGone
          ? 'address_gone'
          : r.permanent
            ? 'permanent_failure'
            : 'too_many_attempts',
      next: retry ? iso(new Date(now.getTime() + backoffMs(w.attempts))) : null,
    };
  });
  await deps.adminDb.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const applied = await queryRows<{ tenant_id: string; id: string; intent_id: string }>(
      tx,
      sql`update message_deliveries d set status = u.status, provider = u.provider, provider_message_id = u.pmid,
            error = u.error, reason = u.reason, next_attempt_at = u.next, lease_until = null,
            updated_at = ${iso(now)}::timestamptz
          from json_to_recordset(${JSON.stringify(
            updates.map((u) => ({
              tenant_id: u.w.tenantId,
              id: u.w.deliveryId,
              status: u.status,
              provider: u.provider,
              pmid: u.pmid,
              error: u.error,
              reason: u.reason,
              next: u.next,
            })),
          )}::json) as u(tenant_id uuid, id uuid, status text, provider text, pmid text, error text, reason text, next timestamptz)
          where d.tenant_id = u.tenant_id and d.id = u.id and d.status = 'sending'
          returning d.tenant_id, d.id, d.intent_id`,
    );
    const appliedIds = new Set(applied.map((a) => a.id));
    const mine = updates.filter((u) => appliedIds.has(u.w.deliveryId));
    await insertJson(
      tx,
      'message_events',
      EVENT_COLUMNS,
      mine.map((u) => ({
        tenant_id: u.w.tenantId,
        id: newId(),
        intent_id: u.w.intentId,
        delivery_id: u.w.deliveryId,
        type: u.status === 'queued' ? 'retry_scheduled' : u.status,
        channel: u.w.channel,
        reason: u.reason,
        detail: {
          provider: u.provider,
          attempt: u.w.attempts,
          ...(u.error ? { error: u.error } : {}),
          ...(u.next ? { at: u.next } : {}),
        },
        at: iso(now),
      })),
    );
    const finalFailures = mine.filter((u) => u.status === 'failed').map((u) => u.w.deliveryId);
    if (finalFailures.length)
      await tx.execute(
        sql`update message_deliveries set next_attempt_at = ${iso(now)}::timestamptz
            where status = 'waiting' and fallback_of = any(${pgArray(finalFailures)}::uuid[])
              and tenant_id = any(${pgArray([...new Set(mine.map((u) => u.w.tenantId))])}::uuid[])`,
      );
    // One delivery out is enough for the intent to count as sent (a cheap key update); only
    // intents with failures or retries need their status worked out from all their deliveries.
    const ok = mine.filter((u) => u.status !== 'queued' && u.status !== 'failed');
    if (ok.length)
      await tx.execute(
        sql`update message_intents i set status = 'sent', updated_at = ${iso(now)}::timestamptz
            from json_to_recordset(${JSON.stringify(ok.map((u) => ({ tenant_id: u.w.tenantId, id: u.w.intentId })))}::json)
              as u(tenant_id uuid, id uuid)
            where i.tenant_id = u.tenant_id and i.id = u.id and i.status <> 'sent'`,
      );
    const sentIntents = new Set(ok.map((u) => u.w.intentId));
    const rest = mine.filter((u) => !sentIntents.has(u.w.intentId));
    if (rest.length)
      await refreshIntentStatus(
        tx,
        [...new Set(rest.map((u) => u.w.tenantId))],
        [...new Set(rest.map((u) => u.w.intentId))],
        now,
      );
  });
}

/**
 * One pass: plans a batch of due intents and sends them with the deliveries due again.
 * Returns how much it did (0: nothing due).
 */
export async function deliverDue(deps: PipelineDeps): Promise<number> {
  const adapterFor = adapterCache(deps);
  const { planned, work } = await planIntents(deps);
  await deps.onStep?.('planned');
  const again = await claimDeliveries(deps);
  await deps.onStep?.('claimed');
  const all = [...work, ...again];
  if (all.length) {
    const results = await sendAll(deps, all, adapterFor);
    await deps.onStep?.('sent');
    await recordOutcomes(deps, all, results);
    await deps.onStep?.('recorded');
  }
  return planned + again.length;
}

/** Drains until nothing is due (tests, the CLI). */
export async function drainMessages(deps: PipelineDeps): Promise<number> {
  let total = 0;
  for (let n = await deliverDue(deps); n > 0; n = await deliverDue(deps)) total += n;
  return total;
}

/**
 * Intents per pass. The embedded engine has one connection shared with the API: a pass of 500
 * held it for seconds while a reminder run's messages went out, so requests waited; small passes
 * let them in between. A server's pool has room for the larger batches.
 */
const batchSizeFor = (database: Database) => (database.kind === 'pglite' ? 50 : 500);

/** The worker loop: passes back to back while there is work, a short sleep when idle. */
export function startMessagingWorker(opts: {
  database: Database;
  clock: Clock;
  log: Logger;
  publicUrl?: string;
  idleMs?: number;
}): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const deps: PipelineDeps = {
    adminDb: opts.database.adminDb,
    log: opts.log.child({ worker: 'messaging' }),
    clock: opts.clock,
    batchSize: batchSizeFor(opts.database),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
  };
  const loop = (async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await deliverDue(deps);
      } catch (err) {
        deps.log.error({ err }, 'message delivery pass failed');
      }
      // Between passes, let requests in (see kernel/yield.ts).
      if (n > 0) await yieldToEventLoop();
      if (n === 0 && !stopped)
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, opts.idleMs ?? 250);
          t.unref?.();
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
    }
  })();
  return async () => {
    stopped = true;
    (wake as (() => void) | null)?.();
    await loop;
  };
}

/**
 * pg-boss backstop: every minute a worker drains whatever the loops left (e.g. after every
 * worker process was down). Safe to overlap with the loops: intents are claimed SKIP LOCKED.
 */
export const MESSAGING_JOBS = [
  {
    name: 'messaging.deliver',
    cron: '* * * * *',
    handler: async (
      _data: object,
      { database, clock, log }: { database: Database; clock: Clock; log: Logger },
    ) => {
      const n = await drainMessages({
        adminDb: database.adminDb,
        clock,
        log,
        batchSize: batchSizeFor(database),
      });
      if (n) log.info({ messages: n }, 'messaging backstop drained');
    },
  },
];
