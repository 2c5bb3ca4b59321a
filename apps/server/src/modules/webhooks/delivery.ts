// Delivering webhooks. Every committed domain event reaches the outbox handler below, which
// writes one delivery per enabled subscription to its type (idempotent by event id: the outbox
// delivers at least once). A worker loop — and a pg-boss backstop every minute — then sends due
// deliveries across tenants (owner connection):
//   claim  — deliveries due, of enabled subscriptions, leased for two minutes (SKIP LOCKED);
//   send   — outside any transaction: POST the stored body, signed at this attempt;
//   record — the attempt, the delivery's outcome (retry with backoff, or final), the
//            subscription's health; a subscription failing for three days is disabled and its
//            tenant's owners are told.
// A worker killed between claim and record leaves a leased delivery that is sent again after
// the lease: receivers see the same event id and must treat it as a repeat.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/database.ts';
import { queryRows } from '../../db/database.ts';
import { pgArray } from '../../db/arrays.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { onEvent, type DomainEvent } from '../../jobs/outbox.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import type { Logger } from '../../kernel/logger.ts';
import { openField, SecretBoxError } from '../../kernel/secret-box.ts';
import { yieldToEventLoop } from '../../kernel/yield.ts';
import { recordAudit } from '../audit/index.ts';
import { sendToAddress } from '../messaging/index.ts';
import { guardedLookup, InternalAddressError, literalIsInternal } from './url-guard.ts';
import {
  webhookAttempts,
  webhookDeliveries,
  webhookSecretField,
  webhookSubscriptions,
} from './webhooks.tables.ts';

/** Deliveries are retried for this long after they were created (then given up). */
export const RETRY_WINDOW_MS = 3 * 24 * 3600_000;
/**
 * A subscription is disabled when its attempts have failed, without one success, for as long as
 * the retry window (its first delivery of the run gives up then) and at least this many times.
 */
export const DISABLE_AFTER_FAILURES = 5;
export const REQUEST_TIMEOUT_MS = 10_000;
const LEASE_MS = 2 * 60_000;

/** Wait after the n-th failed attempt: 1 min, doubling, at most 6 h (~19 attempts in 3 days). */
export function webhookBackoffMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 6 * 3600_000);
}

/** `Liuke-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/** The envelope an integrator receives: the event's id, type, version, tenant, time and data. */
export function webhookBody(event: DomainEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    version: event.version,
    tenantId: event.tenantId,
    occurredAt: event.occurredAt,
    data: event.payload,
  });
}

// ---- fan-out: one delivery per enabled subscription to the event's type ----

export async function enqueueEvent(db: Db, event: DomainEvent, now: Date): Promise<number> {
  return withTenant(db, event.tenantId, async (tx) => {
    const subs = await tx
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.status, 'enabled'),
          sql`${webhookSubscriptions.eventTypes} @> ${JSON.stringify([event.type])}::jsonb`,
        ),
      );
    if (!subs.length) return 0;
    const body = webhookBody(event);
    const rows = await tx
      .insert(webhookDeliveries)
      .values(
        subs.map((s) => ({
          tenantId: event.tenantId,
          id: newId(),
          subscriptionId: s.id,
          eventId: event.id,
          eventType: event.type,
          body,
          status: 'pending' as const,
          nextAttemptAt: now,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    return rows.length;
  });
}

let registered = false;

/** Subscribes the fan-out to every event (once per process; the worker calls it). */
export function registerWebhookEvents(clock: Clock): () => void {
  if (registered) return () => {};
  registered = true;
  const off = onEvent('*', async (event, deps) => {
    await enqueueEvent(deps.db, event, clock.now());
  });
  return () => {
    off();
    registered = false;
  };
}

// ---- the worker ----

export interface WebhookWorkerDeps {
  adminDb: Db;
  clock: Clock;
  log: Logger;
  /** Let deliveries reach loopback and private addresses (LIUKE_WEBHOOKS_ALLOW_PRIVATE). */
  allowInternal: boolean;
  batchSize?: number;
  /** Only these tenants' deliveries (tests sharing one database). */
  onlyTenants?: string[];
  timeoutMs?: number;
}

interface DueRow {
  tenant_id: string;
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  created_at: string;
  url: string;
  secret: string;
}

interface Outcome {
  status: number | null;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
  request: { url: string; headers: Record<string, string> };
}

const iso = (d: Date) => d.toISOString();

async function claimDue(deps: WebhookWorkerDeps): Promise<DueRow[]> {
  const now = deps.clock.now();
  return queryRows<DueRow>(
    deps.adminDb,
    sql`update webhook_deliveries d
          set lease_until = ${iso(new Date(now.getTime() + LEASE_MS))}::timestamptz,
              next_attempt_at = ${iso(new Date(now.getTime() + LEASE_MS))}::timestamptz,
              attempts = d.attempts + 1
        from (select w.tenant_id, w.id, s.url, s.secret
                from webhook_deliveries w
                join webhook_subscriptions s on s.tenant_id = w.tenant_id and s.id = w.subscription_id
               where w.status = 'pending' and w.next_attempt_at <= ${iso(now)}::timestamptz
                 and s.status = 'enabled'
                 ${deps.onlyTenants ? sql`and w.tenant_id = any(${pgArray(deps.onlyTenants)}::uuid[])` : sql``}
               order by w.next_attempt_at limit ${deps.batchSize ?? 50}
               for update of w skip locked) due
        where d.tenant_id = due.tenant_id and d.id = due.id
        returning d.tenant_id, d.id, d.subscription_id, d.event_id, d.event_type, d.body, d.attempts,
                  d.created_at, due.url, due.secret`,
  );
}

/** One POST of a delivery; never throws (every failure is an outcome). */
async function send(deps: WebhookWorkerDeps, row: DueRow): Promise<Outcome> {
  const started = performance.now();
  const t = Math.floor(deps.clock.now().getTime() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Liuke-Webhooks/1',
    'liuke-event-id': row.event_id,
    'liuke-event-type': row.event_type,
    'liuke-delivery-id': row.id,
  };
  const request = { url: row.url, headers };
  const done = (o: Omit<Outcome, 'durationMs' | 'request'>): Outcome => ({
    ...o,
    durationMs: Math.round(performance.now() - started),
    request,
  });
  let secret: string;
  try {
    secret = openField(row.tenant_id, webhookSecretField(row.subscription_id), row.secret);
  } catch (err) {
    if (!(err instanceof SecretBoxError)) throw err;
    deps.log.error(
      { err, tenantId: row.tenant_id, subscriptionId: row.subscription_id },
      'webhook signing secret does not open; rotate the secret',
    );
    return done({
      status: null,
      responseBody: null,
      error: 'signing secret cannot be opened (SECRET_UNREADABLE): rotate the secret',
    });
  }
  headers['liuke-signature'] = webhookSignature(secret, t, row.body);
  let url: URL;
  try {
    url = new URL(row.url);
  } catch {
    return done({ status: null, responseBody: null, error: 'invalid URL' });
  }
  if (!deps.allowInternal && literalIsInternal(url))
    return done({ status: null, responseBody: null, error: 'address not allowed (internal)' });
  const body = Buffer.from(row.body, 'utf8');
  return new Promise<Outcome>((resolve) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(body.length) },
        lookup: guardedLookup(deps.allowInternal),
        timeout: deps.timeoutMs ?? REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 4096) chunks.push(c);
          size += c.length;
        });
        res.on('end', () =>
          resolve(
            done({
              status: res.statusCode ?? null,
              responseBody: Buffer.concat(chunks).toString('utf8').slice(0, 1000),
              error: null,
            }),
          ),
        );
        res.on('error', (err) =>
          resolve(done({ status: res.statusCode ?? null, responseBody: null, error: err.message })),
        );
        // Cut off mid-answer (timeout): no 'end'; the first settlement wins, later ones are no-ops.
        res.on('close', () =>
          resolve(
            done({
              status: res.statusCode ?? null,
              responseBody: null,
              error: 'connection closed before the answer ended',
            }),
          ),
        );
      },
    );
    // The socket timeout covers silence; the timer covers a receiver that answers drop by drop.
    const limit = deps.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${limit} ms`)), limit);
    timer.unref?.();
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`timed out after ${limit} ms`)));
    req.on('error', (err) =>
      resolve(
        done({
          status: null,
          responseBody: null,
          error:
            err instanceof InternalAddressError
              ? 'address not allowed (internal)'
              : (err.message || String(err)).slice(0, 500),
        }),
      ),
    );
    req.end(body);
  });
}

const succeeded = (o: Outcome) =>
  o.error === null && o.status !== null && o.status >= 200 && o.status < 300;

async function record(deps: WebhookWorkerDeps, row: DueRow, o: Outcome): Promise<void> {
  const now = deps.clock.now();
  const ok = succeeded(o);
  const error = ok ? null : (o.error ?? `HTTP ${o.status}`);
  const givenUp = !ok && now.getTime() - new Date(row.created_at).getTime() >= RETRY_WINDOW_MS;
  const disabled = await withTenant(deps.adminDb, row.tenant_id, async (tx) => {
    await tx.insert(webhookAttempts).values({
      tenantId: row.tenant_id,
      id: newId(),
      deliveryId: row.id,
      attempt: row.attempts,
      at: now,
      request: o.request,
      responseStatus: o.status,
      responseBody: o.responseBody,
      durationMs: o.durationMs,
      error,
    });
    await tx
      .update(webhookDeliveries)
      .set({
        status: ok ? 'succeeded' : givenUp ? 'failed' : 'pending',
        nextAttemptAt:
          ok || givenUp ? null : new Date(now.getTime() + webhookBackoffMs(row.attempts)),
        leaseUntil: null,
        lastAttemptAt: now,
        responseStatus: o.status,
        durationMs: o.durationMs,
        error,
      })
      .where(eq(webhookDeliveries.id, row.id));
    const [sub] = await tx
      .update(webhookSubscriptions)
      .set(
        ok
          ? { consecutiveFailures: 0, failingSince: null, lastSuccessAt: now }
          : {
              consecutiveFailures: sql`${webhookSubscriptions.consecutiveFailures} + 1`,
              failingSince: sql`coalesce(${webhookSubscriptions.failingSince}, ${iso(now)}::timestamptz)`,
              lastFailureAt: now,
            },
      )
      .where(eq(webhookSubscriptions.id, row.subscription_id))
      .returning();
    if (
      !sub ||
      ok ||
      sub.status !== 'enabled' ||
      sub.consecutiveFailures < DISABLE_AFTER_FAILURES ||
      !sub.failingSince ||
      now.getTime() - sub.failingSince.getTime() < RETRY_WINDOW_MS
    )
      return false;
    await disableForFailures(
      {
        tenantId: row.tenant_id,
        actor: { type: 'system', id: null },
        tx,
        clock: deps.clock,
        locale: 'zh-CN',
        requestId: `webhook:${row.id}`,
        log: deps.log,
      },
      sub,
    );
    return true;
  });
  if (disabled)
    deps.log.warn(
      { tenantId: row.tenant_id, subscriptionId: row.subscription_id },
      'webhook subscription disabled after three days of failures',
    );
}

/** Disables a failing subscription and tells the tenant's owners (e-mail, else SMS). */
async function disableForFailures(
  ctx: Ctx,
  sub: typeof webhookSubscriptions.$inferSelect,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.tx
    .update(webhookSubscriptions)
    .set({ status: 'disabled', disabledReason: 'failing', disabledAt: now, updatedAt: now })
    .where(and(eq(webhookSubscriptions.id, sub.id), eq(webhookSubscriptions.status, 'enabled')));
  await recordAudit(ctx, {
    action: 'webhook.disabled',
    entityType: 'webhook_subscription',
    entityId: sub.id,
    changes: {
      reason: 'failing',
      failingSince: sub.failingSince?.toISOString() ?? null,
      consecutiveFailures: sub.consecutiveFailures,
    },
  });
  const owners = await queryRows<{ id: string; email: string | null; phone: string | null }>(
    ctx.tx,
    sql`select id, email, phone from staff_users where role = 'owner' and status = 'active'`,
  );
  const since = sub.failingSince?.toISOString().slice(0, 16).replace('T', ' ') ?? '';
  const data = {
    'message.subject': '留客：Webhook 已自动停用 / Liuke: a webhook was disabled',
    'message.text':
      `Webhook ${sub.url} 自 ${since} (UTC) 起连续 ${sub.consecutiveFailures} 次投递失败，已自动停用。` +
      `请检查接收端后在控制台「集成 · Webhooks」中重新启用，并可重放失败的投递。\n` +
      `Every delivery to the webhook ${sub.url} has failed since ${since} UTC ` +
      `(${sub.consecutiveFailures} attempts), so it was disabled. Fix the receiver, enable it again ` +
      `under Integrations · Webhooks in the console, and replay the failed deliveries.`,
  };
  for (const o of owners) {
    const to = o.email
      ? { channel: 'email' as const, to: o.email }
      : o.phone
        ? { channel: 'sms' as const, to: o.phone }
        : null;
    if (!to) continue;
    const short = {
      ...data,
      'message.text': `Webhook 已自动停用：${new URL(sub.url).host} 连续投递失败3天，请到控制台检查。`,
    };
    try {
      // A savepoint: a notice that cannot be queued must not undo the disabling.
      await ctx.tx.transaction((sp) =>
        sendToAddress(
          { ...ctx, tx: sp as unknown as Db },
          {
            ...to,
            templateKey: 'system.text',
            data: to.channel === 'sms' ? short : data,
            purpose: 'transactional',
            dedupeKey: `webhook-disabled:${sub.id}:${now.getTime()}:${o.id}`,
          },
        ),
      );
    } catch (err) {
      ctx.log.error({ err, subscriptionId: sub.id }, 'could not queue the webhook-disabled notice');
    }
  }
}

/** One pass: claims due deliveries, sends them (a few at a time), records the outcomes. */
export async function deliverWebhooksDue(deps: WebhookWorkerDeps): Promise<number> {
  const rows = await claimDue(deps);
  const parallel = 8;
  for (let i = 0; i < rows.length; i += parallel) {
    const chunk = rows.slice(i, i + parallel);
    const outcomes = await Promise.all(chunk.map((r) => send(deps, r)));
    for (const [j, r] of chunk.entries()) {
      try {
        await record(deps, r, outcomes[j]!);
      } catch (err) {
        // The lease runs out and the delivery is tried again: never lost, never a crash.
        deps.log.error({ err, deliveryId: r.id }, 'recording a webhook attempt failed');
      }
    }
  }
  return rows.length;
}

/** Drains until nothing is due now (tests, the backstop). */
export async function drainWebhooks(deps: WebhookWorkerDeps): Promise<number> {
  let total = 0;
  for (let n = await deliverWebhooksDue(deps); n > 0; n = await deliverWebhooksDue(deps))
    total += n;
  return total;
}

/** The worker loop: passes back to back while there is work, a short sleep when idle. */
export function startWebhookWorker(opts: {
  database: Database;
  clock: Clock;
  log: Logger;
  allowInternal: boolean;
  idleMs?: number;
}): () => Promise<void> {
  const deps: WebhookWorkerDeps = {
    adminDb: opts.database.adminDb,
    clock: opts.clock,
    log: opts.log.child({ worker: 'webhooks' }),
    allowInternal: opts.allowInternal,
    batchSize: opts.database.kind === 'pglite' ? 20 : 100,
  };
  const unregister = registerWebhookEvents(opts.clock);
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await deliverWebhooksDue(deps);
      } catch (err) {
        deps.log.error({ err }, 'webhook delivery pass failed');
      }
      if (n > 0) await yieldToEventLoop();
      else if (!stopped)
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, opts.idleMs ?? 1000);
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
    unregister();
  };
}
