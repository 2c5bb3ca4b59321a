// What planning decides, gathered for one commit: deliveries (leased, waiting, suppressed or
// failed), timeline events, frequency counts, intents held until a later time or finished, and
// the work for the adapters. Written set-based, a statement per table.
import { sql } from 'drizzle-orm';
import type { ChannelName } from '../../channels/port.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../kernel/ids.ts';
import {
  DELIVERY_COLUMNS,
  EVENT_COLUMNS,
  insertJson,
  iso,
  type EventRow,
  type Work,
} from './delivery-rows.ts';
import type { IntentRow } from './plan-context.ts';
import { refreshIntentStatus } from './status.ts';

interface Finished {
  tenant_id: string;
  id: string;
  status: string;
  reason: string | null;
}

export function planOutput(now: Date) {
  const out = {
    deliveries: [] as Record<string, unknown>[],
    events: [] as EventRow[],
    work: [] as Work[],
    deferred: [] as { tenant_id: string; id: string; not_before: string }[],
    finished: [] as Finished[],
    frequency: [] as {
      tenant_id: string;
      customer_id: string;
      intent_id: string;
      local_day: string;
      created_at: string;
    }[],
    event(i: IntentRow, type: string, e: Partial<EventRow> = {}) {
      out.events.push({
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
    },
    /** The intent ends here, its status said by an event of its own. */
    finish(
      i: IntentRow,
      status: 'suppressed' | 'failed',
      reason: string,
      detail?: Record<string, unknown>,
    ) {
      out.finished.push({ tenant_id: i.tenant_id, id: i.id, status, reason });
      out.event(i, status, { reason, detail: detail ?? null });
    },
    /** The intent ends suppressed, its deliveries' events saying why. */
    suppressIntent(i: IntentRow, reason: string) {
      out.finished.push({ tenant_id: i.tenant_id, id: i.id, status: 'suppressed', reason });
    },
    /** A delivery that will not be sent on `channel`, and why. */
    suppressDelivery(i: IntentRow, channel: ChannelName, reason: string) {
      const id = newId();
      out.deliveries.push({
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
      out.event(i, 'suppressed', { delivery_id: id, channel, reason });
    },
  };
  return out;
}

export type PlanOutput = ReturnType<typeof planOutput>;

/** Writes the plan in the claim's transaction; intents with nothing sending get their status. */
export async function savePlan(
  tx: Db,
  out: PlanOutput,
  intents: IntentRow[],
  tenantIds: string[],
  now: Date,
) {
  await insertJson(
    tx,
    'message_deliveries',
    DELIVERY_COLUMNS,
    out.deliveries.map((d) => Object.fromEntries(DELIVERY_COLUMNS.map((c) => [c, d[c] ?? null]))),
  );
  await insertJson(
    tx,
    'message_frequency',
    ['tenant_id', 'customer_id', 'intent_id', 'local_day', 'created_at'],
    out.frequency,
  );
  await insertJson(tx, 'message_events', EVENT_COLUMNS, out.events);
  if (out.deferred.length)
    await tx.execute(
      sql`update message_intents i set status = 'queued', not_before = u.not_before, updated_at = ${iso(now)}::timestamptz
          from json_to_recordset(${JSON.stringify(out.deferred)}::json) as u(tenant_id uuid, id uuid, not_before timestamptz)
          where i.tenant_id = u.tenant_id and i.id = u.id`,
    );
  if (out.finished.length)
    await tx.execute(
      sql`update message_intents i set status = u.status, reason = u.reason, updated_at = ${iso(now)}::timestamptz
          from json_to_recordset(${JSON.stringify(out.finished)}::json) as u(tenant_id uuid, id uuid, status text, reason text)
          where i.tenant_id = u.tenant_id and i.id = u.id`,
    );
  const done = new Set([...out.deferred, ...out.finished].map((x) => x.id));
  // Intents with nothing to send now (render failures, only a waiting fallback…) get their
  // status from their deliveries; the others stay `processing` until recorded.
  const sending = new Set(out.work.map((w) => w.intentId));
  const settle = intents.filter((i) => !done.has(i.id) && !sending.has(i.id)).map((i) => i.id);
  if (settle.length) await refreshIntentStatus(tx, tenantIds, settle, now);
}
