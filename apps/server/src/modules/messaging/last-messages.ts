// The newest message of a kind to each of several customers (the call list's "last contact"):
// one index range per customer on (tenant, customer, created_at), newest first.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Ctx } from '../../kernel/context.ts';

export interface LastMessage {
  customerId: string;
  intentId: string;
  templateKey: string;
  status: 'queued' | 'processing' | 'sent' | 'failed' | 'suppressed';
  at: Date;
}

/**
 * Per customer, the newest intent whose template key starts with `templatePrefix` (e.g.
 * `reminder.`) and that was not withdrawn or failed: what the customer was last told.
 */
export async function lastMessagesTo(
  ctx: Ctx,
  customerIds: readonly string[],
  templatePrefix: string,
): Promise<Map<string, LastMessage>> {
  const out = new Map<string, LastMessage>();
  if (!customerIds.length) return out;
  const rows = await queryRows<{
    customer_id: string;
    id: string;
    template_key: string;
    status: LastMessage['status'];
    created_at: string | Date;
  }>(
    ctx.tx,
    sql`select c.id as customer_id, m.id, m.template_key, m.status, m.created_at
        from unnest(${pgArray([...new Set(customerIds)])}::uuid[]) c(id)
        cross join lateral (
          select mi.id, mi.template_key, mi.status, mi.created_at from message_intents mi
          where mi.tenant_id = ${ctx.tenantId}::uuid and mi.customer_id = c.id
            and mi.template_key like ${templatePrefix.replace(/[\\%_]/g, '\\$&') + '%'}
            and mi.status not in ('failed', 'suppressed')
          order by mi.created_at desc limit 1) m`,
  );
  for (const r of rows)
    out.set(r.customer_id, {
      customerId: r.customer_id,
      intentId: r.id,
      templateKey: r.template_key,
      status: r.status,
      at: new Date(r.created_at),
    });
  return out;
}
