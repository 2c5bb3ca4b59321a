// Step 1 of the pipeline, in one transaction: claim due intents (FOR UPDATE SKIP LOCKED), read
// what deciding needs (plan-context.ts), hold quiet hours (quiet-hours.ts), choose channels by
// consent and reachability (channel-choice.ts), apply the frequency caps under a per-customer
// lock (frequency-caps.ts), render (render-deliveries.ts) and insert each delivery already
// leased — claim and lease commit together (plan-output.ts).
import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import type { Db } from '../../db/database.ts';
import { chooseChannels } from './channel-choice.ts';
import { iso, queryRows, type Work } from './delivery-rows.ts';
import { frequencyCaps } from './frequency-caps.ts';
import { adapterCache, channelDeps, leaseEnd, type PipelineDeps } from './pipeline-deps.ts';
import { loadPlanContext, type IntentRow } from './plan-context.ts';
import { planOutput, savePlan } from './plan-output.ts';
import { admitIntents } from './quiet-hours.ts';
import { renderDeliveries } from './render-deliveries.ts';
import { builtInTemplate } from './templates.ts';

/** Claims due intents, decides, renders and leases their deliveries in one commit. */
export async function planIntents(deps: PipelineDeps): Promise<{ planned: number; work: Work[] }> {
  const now = deps.clock.now();
  return deps.adminDb.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const intents = await claimIntents(tx, deps, now);
    if (!intents.length) return { planned: 0, work: [] };
    const context = await loadPlanContext(tx, intents);
    const out = planOutput(now);
    const live = admitIntents(intents, context, out, now);
    const caps = await frequencyCaps(tx, live, context.tenantIds, out, now);
    const adapterFor = adapterCache({ ...deps, adminDb: tx });
    const reach = { ...channelDeps(deps), adminDb: tx };
    const step = { context, out, now, leaseUntil: leaseEnd(deps, now), publicUrl: deps.publicUrl };
    for (const { intent: i, customer, tz } of live) {
      const tenant = context.tenants.get(i.tenant_id)!;
      const template = builtInTemplate(i.template_key);
      if (!template) {
        out.finish(i, 'failed', 'template_not_found');
        continue;
      }
      const channels = await chooseChannels(
        i,
        customer,
        template,
        context.consents,
        adapterFor,
        reach,
      );
      if (!channels.chosen.length) {
        for (const r of channels.refused) out.suppressDelivery(i, r.channel, r.reason);
        out.suppressIntent(i, channels.refused[0]?.reason ?? 'no_channel');
        continue;
      }
      if (channels.explicit)
        for (const r of channels.refused) out.suppressDelivery(i, r.channel, r.reason);
      const capped =
        i.purpose === 'marketing' && customer ? caps.take(i, customer, tz, tenant) : null;
      if (capped) {
        for (const c of channels.chosen) out.suppressDelivery(i, c.channel, capped);
        out.suppressIntent(i, capped);
        continue;
      }
      renderDeliveries(step, { i, customer, tenant, template }, channels);
    }
    await savePlan(tx, out, intents, context.tenantIds, now);
    return { planned: intents.length, work: out.work };
  });
}

/**
 * Claims due intents and answers them oldest first (ids are time-ordered): where a frequency cap
 * lets only some of a customer's messages in a batch go, the earlier ones go and the later ones
 * are held back. UPDATE … RETURNING keeps no order of its own. (Ordering the claim itself by id
 * too would make a campaign's thousands of intents due at one instant be sorted on every claim.)
 */
async function claimIntents(tx: Db, deps: PipelineDeps, now: Date): Promise<IntentRow[]> {
  const rows = await queryRows<IntentRow>(
    tx,
    sql`update message_intents m set status = 'processing', updated_at = ${iso(now)}::timestamptz
        from (select tenant_id, id from message_intents
              where status = 'queued' and not_before <= ${iso(now)}::timestamptz
              ${deps.onlyTenants ? sql`and tenant_id = any(${pgArray(deps.onlyTenants)}::uuid[])` : sql``}
              order by not_before limit ${deps.batchSize ?? 500} for update skip locked) due
        where m.tenant_id = due.tenant_id and m.id = due.id
        returning m.tenant_id, m.id, m.customer_id, m.to_channel, m.to_address, m.template_key, m.data,
                  m.purpose, m.priority, m.channels, m.attachments`,
  );
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
