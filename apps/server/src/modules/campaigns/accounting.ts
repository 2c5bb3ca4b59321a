// The accounting of a campaign: where each recipient stands — held out, still pending, sent,
// suppressed or failed — counted per campaign from the recipients and their messages.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { messageIntents } from '../messaging/index.ts';

export interface Accounting {
  targeted: number;
  heldOut: number;
  pending: number;
  sent: number;
  suppressed: number;
  failed: number;
}

export const emptyAccounting = (): Accounting => ({
  targeted: 0,
  heldOut: 0,
  pending: 0,
  sent: 0,
  suppressed: 0,
  failed: 0,
});

/**
 * Where each recipient stands: held out; failed before a message existed (coupon could not be
 * issued); else the message intent's status (queued and processing are still pending).
 */
const OUTCOME = sql`case
    when r.held_out then 'held_out'
    when r.status = 'failed' then 'failed'
    when r.status = 'pending' then 'pending'
    when i.status = 'sent' then 'sent'
    when i.status = 'suppressed' then 'suppressed'
    when i.status = 'failed' then 'failed'
    else 'pending' end`;

export async function accountingFor(ctx: Ctx, ids: string[]): Promise<Map<string, Accounting>> {
  const out = new Map<string, Accounting>();
  if (!ids.length) return out;
  const rows = await queryRows<{ campaign_id: string; outcome: string; n: number }>(
    ctx.tx,
    sql`select r.campaign_id, ${OUTCOME} as outcome, count(*)::int as n
        from campaign_recipients r
        left join ${messageIntents} i on i.tenant_id = r.tenant_id and i.id = r.intent_id
        where r.tenant_id = ${ctx.tenantId}::uuid
          and r.campaign_id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
        group by 1, 2`,
  );
  for (const r of rows) {
    const a = out.get(r.campaign_id) ?? emptyAccounting();
    const n = Number(r.n);
    a.targeted += n;
    if (r.outcome === 'held_out') a.heldOut += n;
    else if (r.outcome === 'sent') a.sent += n;
    else if (r.outcome === 'suppressed') a.suppressed += n;
    else if (r.outcome === 'failed') a.failed += n;
    else a.pending += n;
    out.set(r.campaign_id, a);
  }
  return out;
}
