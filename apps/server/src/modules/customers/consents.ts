// Consent per channel and purpose (PIPL / GDPR): each grant or withdrawal is a new row with
// when and how it was given; the newest row per (channel, purpose) is in force.
import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { CHANNELS, CONSENT_PURPOSES, customerConsents } from './customers.tables.ts';
import type { CONSENT_METHODS } from './customers.tables.ts';

export type Channel = (typeof CHANNELS)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface ConsentState {
  channel: Channel;
  purpose: ConsentPurpose;
  granted: boolean;
  method: ConsentMethod | null;
  recordedAt: string | null;
}

/** Every channel × purpose, with what is in force (no row: not granted). */
export async function currentConsents(ctx: Ctx, customerId: string): Promise<ConsentState[]> {
  const rows = await ctx.tx
    .selectDistinctOn([customerConsents.channel, customerConsents.purpose])
    .from(customerConsents)
    .where(eq(customerConsents.customerId, customerId))
    .orderBy(
      customerConsents.channel,
      customerConsents.purpose,
      desc(customerConsents.recordedAt),
      desc(customerConsents.id),
    )
    .prepare('customer_consents_current')
    .execute();
  return CHANNELS.flatMap((channel) =>
    CONSENT_PURPOSES.map((purpose) => {
      const r = rows.find((x) => x.channel === channel && x.purpose === purpose);
      return {
        channel,
        purpose,
        granted: r?.granted ?? false,
        method: r?.method ?? null,
        recordedAt: r?.recordedAt.toISOString() ?? null,
      };
    }),
  );
}

/** Records the changes among `wanted` (a no-op for what is already in force). */
export async function recordConsents(
  ctx: Ctx,
  customerId: string,
  wanted: { channel: Channel; purpose: ConsentPurpose; granted: boolean }[],
  method: ConsentMethod,
): Promise<ConsentState[]> {
  const now = ctx.clock.now();
  const before = await currentConsents(ctx, customerId);
  const changes = wanted.filter(
    (w) =>
      before.find((b) => b.channel === w.channel && b.purpose === w.purpose)?.granted !== w.granted,
  );
  if (changes.length) {
    await ctx.tx.insert(customerConsents).values(
      changes.map((c) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        customerId,
        channel: c.channel,
        purpose: c.purpose,
        granted: c.granted,
        method,
        recordedAt: now,
        recordedBy: ctx.actor.id,
      })),
    );
    await recordAudit(ctx, {
      action: 'customer.consentChanged',
      entityType: 'customer',
      entityId: customerId,
      changes: { method, consents: changes },
    });
  }
  return currentConsents(ctx, customerId);
}

/** The full history, newest first (for the console's consent record). */
export async function consentHistory(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select()
    .from(customerConsents)
    .where(and(eq(customerConsents.customerId, customerId)))
    .orderBy(desc(customerConsents.recordedAt), desc(customerConsents.id));
  return rows.map((r) => ({
    channel: r.channel,
    purpose: r.purpose,
    granted: r.granted,
    method: r.method,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
  }));
}
