// Telling the store's managers at once (an SLA breach, a bad survey answer): a text to each
// manager of the store (else the owners) by SMS or e-mail, and an event to the open consoles.
import type { Ctx } from '../../kernel/context.ts';
import { storeContacts, tellStaff } from '../identity/index.ts';
import { publishToStaff } from '../inbox/index.ts';

/** The managers who work in the store; the owners when it has none (or no store is known). */
export function storeManagers(ctx: Ctx, storeId: string | null) {
  return storeContacts(ctx, { storeId, roles: ['manager'], otherwise: ['owner'] });
}

export interface Alert {
  storeId: string | null;
  /** What the text says (zh-CN: the managers' console language). */
  text: string;
  /** For the console's live event. */
  kind: 'sla_breach' | 'survey_warning';
  ticketId: string | null;
  /** Once per alert: the same key never tells anyone twice. */
  dedupeKey: string;
}

/**
 * Sends the alert to the store's managers in the caller's transaction (the caller makes sure it
 * happens once) and answers whom it reached.
 */
export async function alertManagers(ctx: Ctx, alert: Alert): Promise<string[]> {
  const people = await storeManagers(ctx, alert.storeId);
  if (!people.length) return [];
  await tellStaff(ctx, people, {
    subject: alert.text.slice(0, 40),
    text: alert.text,
    short: alert.text,
    dedupeKey: alert.dedupeKey,
  });
  await publishToStaff(
    ctx.tenantId,
    { type: 'feedback.alert', data: { kind: alert.kind, ticketId: alert.ticketId } },
    ctx.tx,
  );
  return people.map((p) => p.id);
}
