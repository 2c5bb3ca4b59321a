// Real-time events to open apps and consoles. Subscribers (SSE connections) listen on a key per
// customer or per tenant's staff. An event published with a transaction travels by PostgreSQL
// NOTIFY, which is delivered only when that transaction commits — so a client never hears of a
// row it cannot read yet, and an event from the worker process reaches the API process. Each
// process LISTENs once (PGlite: `pglite.listen`; PostgreSQL: one dedicated connection that
// reconnects and tells clients to resync after a gap).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Db } from '../../db/database.ts';
import { newId } from '../../kernel/ids.ts';
import type { Logger } from '../../kernel/logger.ts';

export interface RealtimeEvent {
  /** `inbox.message`, `inbox.unread`, `conversation.message`, `wallet.changed`… */
  type: string;
  data?: Record<string, unknown>;
}

interface Envelope {
  id: string;
  /** The process that already delivered it locally (published without a transaction). */
  origin: string | null;
  tenantId: string;
  audience: 'customer' | 'staff';
  customerId: string | null;
  event: RealtimeEvent;
}

export const REALTIME_CHANNEL = 'liuke_realtime';
/** NOTIFY payloads must stay under 8000 bytes; bigger event data is dropped (clients refetch). */
const MAX_PAYLOAD_BYTES = 7000;
const PROCESS_ORIGIN = newId();

export const realtimeSettings = {
  /** Comment line sent to keep proxies and the browser from closing an idle stream. */
  heartbeatMs: 15_000,
  /** How often an open stream checks that its session still exists (sign-out closes it). */
  revalidateMs: 60_000,
};

type Listener = (event: RealtimeEvent) => void;
const subscribers = new Map<string, Set<Listener>>();

export const customerKey = (tenantId: string, customerId: string) => `c:${tenantId}:${customerId}`;
export const staffKey = (tenantId: string) => `s:${tenantId}`;

/** Listens to the events of one key; returns the unsubscribe function. */
export function subscribe(key: string, listener: Listener): () => void {
  let set = subscribers.get(key);
  if (!set) subscribers.set(key, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) subscribers.delete(key);
  };
}

/** Open subscriptions in this process (for tests and metrics). */
export function subscriberCount(key?: string): number {
  if (key) return subscribers.get(key)?.size ?? 0;
  let n = 0;
  for (const s of subscribers.values()) n += s.size;
  return n;
}

// Two listeners in one process (two apps on one database, e.g. in tests) would each deliver the
// same notification; recent envelope ids make delivery once per process.
const recent = new Set<string>();
function deliverLocally(envelope: Envelope): void {
  if (recent.has(envelope.id)) return;
  recent.add(envelope.id);
  if (recent.size > 2000) recent.delete(recent.values().next().value!);
  const key =
    envelope.audience === 'staff'
      ? staffKey(envelope.tenantId)
      : customerKey(envelope.tenantId, envelope.customerId ?? '');
  for (const listener of subscribers.get(key) ?? []) {
    try {
      listener(envelope.event);
    } catch {
      // A broken connection's listener must not stop the others.
    }
  }
}

function encode(envelope: Envelope): string {
  const text = JSON.stringify(envelope);
  if (Buffer.byteLength(text) <= MAX_PAYLOAD_BYTES) return text;
  return JSON.stringify({
    ...envelope,
    event: { type: envelope.event.type, data: { truncated: true } },
  });
}

function onPayload(payload: string | undefined): void {
  if (!payload) return;
  let envelope: Envelope;
  try {
    envelope = JSON.parse(payload) as Envelope;
  } catch {
    return;
  }
  if (envelope.origin === PROCESS_ORIGIN) return;
  deliverLocally(envelope);
}

interface Relay {
  notify(payload: string): Promise<void>;
}
const relays = new Set<Relay>();

async function publish(envelope: Envelope, db?: Db): Promise<void> {
  if (db) {
    await db.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${encode(envelope)})`);
    return;
  }
  deliverLocally(envelope);
  const payload = encode({ ...envelope, origin: PROCESS_ORIGIN });
  await Promise.all([...relays].map((r) => r.notify(payload).catch(() => {})));
}

/**
 * Sends an event to the customer's open app(s). Pass the transaction (`ctx.tx`) when the event
 * announces a change made in it: it is then sent on commit and never for a rollback. Without a
 * transaction it goes out at once (to this process and, on PostgreSQL, to the others).
 */
export function publishToCustomer(
  tenantId: string,
  customerId: string,
  event: RealtimeEvent,
  tx?: Db,
): Promise<void> {
  return publish(
    { id: newId(), origin: null, tenantId, audience: 'customer', customerId, event },
    tx,
  );
}

/** Sends an event to the tenant's open consoles (same rules as `publishToCustomer`). */
export function publishToStaff(tenantId: string, event: RealtimeEvent, tx?: Db): Promise<void> {
  return publish(
    { id: newId(), origin: null, tenantId, audience: 'staff', customerId: null, event },
    tx,
  );
}

function broadcastResync(): void {
  for (const set of subscribers.values())
    for (const listener of set) {
      try {
        listener({ type: 'resync' });
      } catch {
        // ignore
      }
    }
}

/**
 * Starts this process's listener for events published in transactions (and by other processes).
 * Returns the stop function.
 */
export async function startRealtimeRelay(
  database: Database,
  log: Logger,
): Promise<() => Promise<void>> {
  if (database.kind === 'pglite') {
    const unlisten = await database.pglite!.listen(REALTIME_CHANNEL, onPayload);
    return async () => {
      await unlisten().catch(() => {});
    };
  }
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  let hadGap = false;

  const reconnectSoon = () => {
    if (stopped || retry) return;
    client = null;
    hadGap = true;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1000);
    retry.unref();
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: database.adminUrl! });
    c.on('notification', (m) => {
      if (m.channel === REALTIME_CHANNEL) onPayload(m.payload);
    });
    c.on('error', (err) => {
      log.warn({ err }, 'realtime listener connection failed; reconnecting');
      reconnectSoon();
    });
    c.on('end', reconnectSoon);
    try {
      await c.connect();
      await c.query(`LISTEN ${REALTIME_CHANNEL}`);
    } catch (err) {
      log.warn({ err }, 'realtime listener could not connect; retrying');
      await c.end().catch(() => {});
      reconnectSoon();
      return;
    }
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    // Notifications sent while we were away are lost: open clients refetch.
    if (hadGap) broadcastResync();
  };

  const relay: Relay = {
    notify: async (payload) => {
      if (client) await client.query('select pg_notify($1, $2)', [REALTIME_CHANNEL, payload]);
    },
  };
  await connect();
  relays.add(relay);
  return async () => {
    stopped = true;
    relays.delete(relay);
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => {});
    }
  };
}
