// The transactional outbox: a use-case records its domain event with `emitEvent` in the same
// transaction as its change; the worker publishes committed events to the handlers that other
// modules register. A crash between commit and publish loses nothing: the event is still there.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import type { Ctx } from '../kernel/context.ts';
import { newId } from '../kernel/ids.ts';
import type { Logger } from '../kernel/logger.ts';
import { outboxEvents } from './outbox.tables.ts';

export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  tenantId: string;
  type: string;
  version: number;
  aggregateId: string | null;
  payload: P;
  occurredAt: string;
}

/** What a handler gets besides the event: the owner connection, to open the event's tenant scope. */
export interface EventDeps {
  db: Db;
}

export type EventHandler = (event: DomainEvent, deps: EventDeps) => Promise<void>;

const handlers = new Map<string, EventHandler[]>();

/** Subscribes to an event type (`serviceOrder.paid`) or to every event (`*`). */
export function onEvent(type: string, handler: EventHandler): () => void {
  const list = handlers.get(type) ?? [];
  list.push(handler);
  handlers.set(type, list);
  return () =>
    handlers.set(
      type,
      (handlers.get(type) ?? []).filter((h) => h !== handler),
    );
}

/** Records a domain event in the caller's transaction. Names are `aggregate.pastTense`. */
export async function emitEvent(
  ctx: Ctx,
  event: {
    type: string;
    aggregateId?: string | null;
    payload: Record<string, unknown>;
    version?: number;
  },
): Promise<string> {
  const id = newId();
  await ctx.tx.insert(outboxEvents).values({
    tenantId: ctx.tenantId,
    id,
    type: event.type,
    version: event.version ?? 1,
    aggregateId: event.aggregateId ?? null,
    payload: { ...event.payload, actor: { type: ctx.actor.type, id: ctx.actor.id } },
    occurredAt: ctx.clock.now(),
  });
  return id;
}

interface Row {
  tenant_id: string;
  id: string;
  type: string;
  version: number;
  aggregate_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
}

/**
 * Publishes up to `batch` committed events, oldest first, across tenants (owner connection).
 * Events are claimed with a one-minute lease (SKIP LOCKED, so several workers share the work),
 * handlers run outside that transaction, and only then is the event marked published: delivery
 * is at least once, so handlers must be idempotent (the event id is the key). A failing handler
 * leaves its event for a later attempt.
 */
export async function publishOutbox(adminDb: Db, log: Logger, batch = 200): Promise<number> {
  const rows = await queryRows<Row>(
    adminDb,
    sql`update outbox_events o set locked_until = now() + interval '1 minute', attempts = o.attempts + 1
        from (select tenant_id, id from outbox_events
              where published_at is null and (locked_until is null or locked_until < now())
              order by occurred_at limit ${batch} for update skip locked) next
        where o.tenant_id = next.tenant_id and o.id = next.id
        returning o.tenant_id, o.id, o.type, o.version, o.aggregate_id, o.payload, o.occurred_at`,
  );
  rows.sort((a, b) => new Date(a.occurred_at).getTime() - new Date(b.occurred_at).getTime());
  for (const r of rows) {
    const event: DomainEvent = {
      id: r.id,
      tenantId: r.tenant_id,
      type: r.type,
      version: r.version,
      aggregateId: r.aggregate_id,
      payload: r.payload,
      occurredAt: new Date(r.occurred_at).toISOString(),
    };
    try {
      for (const h of [...(handlers.get(r.type) ?? []), ...(handlers.get('*') ?? [])])
        await h(event, { db: adminDb });
      await adminDb.execute(
        sql`update outbox_events set published_at = now(), locked_until = null, last_error = null where tenant_id = ${r.tenant_id} and id = ${r.id}`,
      );
    } catch (err) {
      log.warn({ err, event: { id: r.id, type: r.type } }, 'event handler failed; will retry');
      await adminDb.execute(
        sql`update outbox_events set last_error = ${String((err as Error)?.message ?? err).slice(0, 500)} where tenant_id = ${r.tenant_id} and id = ${r.id}`,
      );
    }
  }
  return rows.length;
}
