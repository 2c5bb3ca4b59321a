// Attribution: a booking or a paid order counts as the conversion of the campaign that touched
// the customer last within its window; a refund takes the credit back.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { messageIntents, touchedBetween } from '../messaging/index.ts';
import { unlessRefunded, withdrawOrderCredit, type ConversionInput } from '../service/index.ts';
import { campaignAttributions } from './campaigns.tables.ts';

/**
 * Credits a booking or paid order to the campaign that touched the customer last within that
 * campaign's window (a message that was not suppressed or failed, or — for the control group —
 * being held out). Idempotent: one attribution per (kind, reference), first writer wins.
 */
export async function attributeConversion(ctx: Ctx, input: ConversionInput): Promise<boolean> {
  const at = input.at.toISOString();
  const rows = await queryRows<{ id: string }>(
    ctx.tx,
    sql`insert into campaign_attributions
          (tenant_id, id, campaign_id, run_no, customer_id, held_out, variant, kind, reference_id,
           revenue_fen, converted_at, event_id)
        select r.tenant_id, ${newId()}::uuid, r.campaign_id, r.run_no, r.customer_id, r.held_out,
               r.variant, ${input.kind}, ${input.referenceId}::uuid, ${input.revenueFen}::bigint,
               ${at}::timestamptz, ${input.eventId}::uuid
        from campaign_recipients r
        join campaigns c on c.tenant_id = r.tenant_id and c.id = r.campaign_id
        left join ${messageIntents} i on i.tenant_id = r.tenant_id and i.id = r.intent_id
        where r.tenant_id = ${ctx.tenantId}::uuid and r.customer_id = ${input.customerId}::uuid
          and r.touched_at <= ${at}::timestamptz
          and r.touched_at >= ${at}::timestamptz - make_interval(days => c.attribution_days)
          and (r.held_out or (r.status = 'queued' and i.status not in ('failed', 'suppressed')))
          and not ${touchedBetween({
            tenantId: sql`r.tenant_id`,
            customerId: sql`r.customer_id`,
            sourceType: 'rule',
            after: sql`r.touched_at`,
            until: sql`${at}::timestamptz`,
          })}
          ${unlessRefunded(input)}
        order by r.touched_at desc, r.campaign_id desc
        limit 1
        on conflict (tenant_id, kind, reference_id) do nothing
        returning id`,
  );
  return rows.length > 0;
}

/** A refunded order is no conversion: its credit to a campaign is taken back. Answers rows removed. */
export const withdrawOrderConversion = (ctx: Ctx, orderId: string): Promise<number> =>
  withdrawOrderCredit(ctx, campaignAttributions, orderId);
