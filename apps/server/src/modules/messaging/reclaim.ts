// Step 1b of the pipeline: deliveries due again — retries after backoff, fallbacks whose time
// came, leases that ended with their worker — are leased to this worker. A fallback whose
// primary was opened in the meantime is suppressed instead.
import { sql } from 'drizzle-orm';
import type { ChannelMessage, ChannelName } from '../../channels/port.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../kernel/ids.ts';
import {
  EVENT_COLUMNS,
  insertJson,
  iso,
  queryRows,
  type EventRow,
  type Work,
} from './delivery-rows.ts';
import { leaseEnd, type PipelineDeps } from './pipeline-deps.ts';
import { refreshIntentStatus } from './status.ts';

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
  attachments: ChannelMessage['attachments'] | null;
  old_status: string;
  fallback_of: string | null;
  primary_status: string | null;
}

/** Step 1b: leases deliveries that are due again (retries, fallbacks, expired leases). */
export async function claimDeliveries(deps: PipelineDeps): Promise<Work[]> {
  const now = deps.clock.now();
  const leaseUntil = leaseEnd(deps, now);
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
          (select attachments from message_intents i where i.tenant_id = d.tenant_id and i.id = d.intent_id
            and d.channel = 'email') as attachments,
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
      ...(r.attachments?.length ? { attachments: r.attachments } : {}),
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
