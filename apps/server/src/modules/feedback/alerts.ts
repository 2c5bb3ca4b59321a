// Telling the store's managers at once (an SLA breach, a bad survey answer): a text to each
// manager of the store (else the owners) by SMS or e-mail, and an event to the open consoles.
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { listStaffMembers, staffUsers } from '../identity/index.ts';
import { publishToStaff } from '../inbox/index.ts';
import { sendMessage } from '../messaging/index.ts';

/** The managers who work in the store; the owners when it has none (or no store is known). */
export async function storeManagers(ctx: Ctx, storeId: string | null) {
  const managers = (await listStaffMembers(ctx, { roles: ['manager'] })).filter(
    (m) => storeId !== null && (m.storeIds ?? []).includes(storeId),
  );
  if (managers.length) return managers;
  return listStaffMembers(ctx, { roles: ['owner'] });
}

export interface Alert {
  storeId: string | null;
  /** What the text says (zh-CN: the managers' console language). */
  text: string;
  /** For the console's live event. */
  kind: 'sla_breach' | 'survey_warning';
  ticketId: string | null;
}

/**
 * Sends the alert to the store's managers in the caller's transaction (the caller makes sure it
 * happens once) and answers whom it reached.
 */
export async function alertManagers(ctx: Ctx, alert: Alert): Promise<string[]> {
  const people = await storeManagers(ctx, alert.storeId);
  if (!people.length) return [];
  const contacts = await ctx.tx
    .select({ id: staffUsers.id, phone: staffUsers.phone, email: staffUsers.email })
    .from(staffUsers)
    .where(
      inArray(
        staffUsers.id,
        people.map((p) => p.id),
      ),
    );
  for (const c of contacts) {
    if (c.phone)
      await sendMessage(ctx, {
        channel: 'sms',
        to: c.phone,
        body: alert.text,
        purpose: 'transactional',
      });
    else if (c.email)
      await sendMessage(ctx, {
        channel: 'email',
        to: c.email,
        subject: alert.text.slice(0, 40),
        body: alert.text,
        purpose: 'transactional',
      });
  }
  await publishToStaff(
    ctx.tenantId,
    { type: 'feedback.alert', data: { kind: alert.kind, ticketId: alert.ticketId } },
    ctx.tx,
  );
  return people.map((p) => p.id);
}
