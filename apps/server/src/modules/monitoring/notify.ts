// Telling staff about matches. Staff have no in-console notification centre, so alerts go the way
// the platform already reaches staff: messaging's `sendToAddress` to their e-mail (an SMS when
// they have only a phone), as the `system.text` template, under a dedupe key per match and person
// so a retried fetch never alerts twice. A crisis goes at once to every active owner and manager;
// a rule's matches go to its chosen recipients (the owners when it names none).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { staffUsers } from '../identity/index.ts';
import { sendToAddress } from '../messaging/index.ts';

export interface Contact {
  id: string;
  email: string | null;
  phone: string | null;
}

/** Active staff by id, or by role when no ids are given. */
export async function contactsOf(
  ctx: Ctx,
  who: { ids?: readonly string[]; roles?: readonly ('owner' | 'manager')[] },
): Promise<Contact[]> {
  if (who.ids && !who.ids.length) return [];
  return ctx.tx
    .select({ id: staffUsers.id, email: staffUsers.email, phone: staffUsers.phone })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.status, 'active'),
        who.ids ? inArray(staffUsers.id, [...who.ids]) : undefined,
        who.roles ? inArray(staffUsers.role, [...who.roles]) : undefined,
      ),
    );
}

/** Queues one message per contact (e-mail, else SMS); a contact that cannot be reached is skipped. */
export async function tellStaff(
  ctx: Ctx,
  contacts: readonly Contact[],
  message: { subject: string; text: string; short: string; dedupeKey: string },
): Promise<number> {
  let queued = 0;
  for (const c of contacts) {
    const to = c.email
      ? { channel: 'email' as const, to: c.email }
      : c.phone
        ? { channel: 'sms' as const, to: c.phone }
        : null;
    if (!to) continue;
    try {
      // A savepoint: a notice that cannot be queued must not undo the items and matches stored.
      await ctx.tx.transaction((sp) =>
        sendToAddress(
          { ...ctx, tx: sp as unknown as Db },
          {
            ...to,
            templateKey: 'system.text',
            data: {
              'message.subject': message.subject,
              'message.text': to.channel === 'sms' ? message.short : message.text,
            },
            purpose: 'transactional',
            dedupeKey: `${message.dedupeKey}:${c.id}`,
          },
        ),
      );
      queued++;
    } catch (err) {
      ctx.log.error({ err, staffId: c.id }, 'could not queue a monitoring alert');
    }
  }
  return queued;
}
