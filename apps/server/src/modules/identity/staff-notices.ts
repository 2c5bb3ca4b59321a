// Telling staff members something at once (a monitoring match, a handover from the assistant, an
// SLA breach, a detractor, an owner's decision on an inspection). Staff have no in-console
// notification centre, so notices go the way the platform already reaches staff: messaging's
// `sendToAddress` to their e-mail (an SMS when they have only a phone), as the `system.text`
// template, under a dedupe key per notice and person so a retried job never tells twice.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { staffStores, staffUsers, type StaffRole } from './identity.tables.ts';
import { sendToAddress } from '../messaging/index.ts';

export interface Contact {
  id: string;
  email: string | null;
  phone: string | null;
}

/** Active staff by id, or by role when no ids are given. */
export async function contactsOf(
  ctx: Ctx,
  who: { ids?: readonly string[]; roles?: readonly StaffRole[] },
): Promise<Contact[]> {
  if (who.ids && !who.ids.length) return [];
  return ctx.tx
    .select(CONTACT)
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.status, 'active'),
        who.ids ? inArray(staffUsers.id, [...who.ids]) : undefined,
        who.roles ? inArray(staffUsers.role, [...who.roles]) : undefined,
      ),
    );
}

const CONTACT = { id: staffUsers.id, email: staffUsers.email, phone: staffUsers.phone };

/**
 * Who answers for a store: its active staff of `roles` (by name), else — no store, or nobody of
 * those roles works there — the tenant's active staff of `otherwise`.
 */
export async function storeContacts(
  ctx: Ctx,
  who: { storeId: string | null; roles: readonly StaffRole[]; otherwise: readonly StaffRole[] },
): Promise<Contact[]> {
  const active = (roles: readonly StaffRole[]) =>
    and(eq(staffUsers.status, 'active'), inArray(staffUsers.role, [...roles]));
  const byName = [asc(staffUsers.name), asc(staffUsers.id)];
  const ofStore = who.storeId
    ? await ctx.tx
        .select(CONTACT)
        .from(staffUsers)
        .innerJoin(
          staffStores,
          and(
            eq(staffStores.tenantId, staffUsers.tenantId),
            eq(staffStores.staffId, staffUsers.id),
          ),
        )
        .where(and(active(who.roles), eq(staffStores.storeId, who.storeId)))
        .orderBy(...byName)
    : [];
  if (ofStore.length) return ofStore;
  return ctx.tx
    .select(CONTACT)
    .from(staffUsers)
    .where(active(who.otherwise))
    .orderBy(...byName);
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
      // A savepoint: a notice that cannot be queued must not undo the change it tells of.
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
      ctx.log.error({ err, staffId: c.id }, 'could not queue a notice to staff');
    }
  }
  return queued;
}
