// The rows the delivery pipeline reads and writes in bulk: a leased delivery ready for its
// adapter, timeline events, and one JSON parameter per statement for many rows.
import { sql, type SQL } from 'drizzle-orm';
import type { ChannelMessage, ChannelName } from '../../channels/port.ts';
import type { Db } from '../../db/database.ts';

/** A delivery leased to this worker, ready for its adapter. */
export interface Work {
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
  /** Files the e-mail carries (from its intent). */
  attachments?: ChannelMessage['attachments'];
}

export interface EventRow {
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

export const iso = (d: Date) => d.toISOString();

// Same as db/database.ts queryRows, kept here so a worker process need not load the PGlite driver.
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

export async function insertJson(db: Db, table: string, columns: string[], rows: object[]) {
  if (!rows.length) return;
  const list = sql.raw(columns.join(', '));
  await db.execute(
    sql`insert into ${sql.raw(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.raw(table)}, ${JSON.stringify(rows)}::json)`,
  );
}

export const EVENT_COLUMNS = [
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
export const DELIVERY_COLUMNS = [
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
