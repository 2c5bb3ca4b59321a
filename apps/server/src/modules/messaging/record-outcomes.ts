// Step 3 of the pipeline, in one transaction: each delivery's outcome with its timeline row. A
// temporary failure waits with backoff for another attempt; a permanent one (or too many
// attempts) is final and wakes the delivery waiting as its fallback. Only deliveries this
// worker still holds are recorded: a lease that ended belongs to whoever took it over.
import { sql } from 'drizzle-orm';
import type { SendResult } from '../../channels/port.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../kernel/ids.ts';
import type { SendResults } from './adapter-send.ts';
import { EVENT_COLUMNS, insertJson, iso, queryRows, type Work } from './delivery-rows.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { backoffMs, MAX_ATTEMPTS } from './rules.ts';
import { refreshIntentStatus } from './status.ts';

interface Outcome {
  w: Work;
  status: string;
  provider: string;
  pmid: string | null;
  error: string | null;
  reason: string | null;
  next: string | null;
}

function outcomeOf(w: Work, r: SendResult, provider: string, now: Date): Outcome {
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
}

/** Records outcomes; temporary failures wait with backoff, permanent ones are final. */
export async function recordOutcomes(deps: PipelineDeps, work: Work[], results: SendResults) {
  if (!work.length) return;
  const now = deps.clock.now();
  const updates = work.map((w) => {
    const { result, provider } = results.get(w.deliveryId)!;
    return outcomeOf(w, result, provider, now);
  });
  await deps.adminDb.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const mine = await applyOutcomes(tx, updates, now);
    const finalFailures = mine.filter((u) => u.status === 'failed').map((u) => u.w.deliveryId);
    if (finalFailures.length)
      await tx.execute(
        sql`update message_deliveries set next_attempt_at = ${iso(now)}::timestamptz
            where status = 'waiting' and fallback_of = any(${pgArray(finalFailures)}::uuid[])
              and tenant_id = any(${pgArray([...new Set(mine.map((u) => u.w.tenantId))])}::uuid[])`,
      );
    await settleIntents(tx, mine, now);
  });
}

/** Writes the outcomes of the deliveries still leased to this worker, with their events. */
async function applyOutcomes(tx: Db, updates: Outcome[], now: Date): Promise<Outcome[]> {
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
  return mine;
}

/**
 * One delivery out is enough for the intent to count as sent (a cheap key update); only
 * intents with failures or retries need their status worked out from all their deliveries.
 */
async function settleIntents(tx: Db, mine: Outcome[], now: Date) {
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
}
