// Partner portal accounts: staff users with role partner bound to a partner merchant. The partners
// module keeps them through these (the accounts are created with createStaffUser).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { staffUsers } from './identity.tables.ts';

export interface PartnerStaffAccount {
  id: string;
  name: string;
  email: string | null;
  partnerId: string;
}

/** The active accounts of these partners, oldest first. */
export async function listPartnerStaff(
  ctx: Ctx,
  partnerIds: string[],
): Promise<PartnerStaffAccount[]> {
  if (!partnerIds.length) return [];
  const rows = await ctx.tx
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      partnerId: staffUsers.partnerId,
    })
    .from(staffUsers)
    .where(and(inArray(staffUsers.partnerId, partnerIds), eq(staffUsers.status, 'active')))
    .orderBy(asc(staffUsers.createdAt), asc(staffUsers.id));
  return rows.map((r) => ({ ...r, partnerId: r.partnerId! }));
}

/** A staff member's name and the partner they act for (null: bound to none); null if unknown. */
export async function partnerOfStaff(
  ctx: Ctx,
  staffId: string,
): Promise<{ id: string; name: string; partnerId: string | null } | null> {
  const [me] = await ctx.tx
    .select({ id: staffUsers.id, name: staffUsers.name, partnerId: staffUsers.partnerId })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId));
  return me ?? null;
}

/**
 * Disables an active account of this partner (its sessions stop working at once); false when
 * there is none such.
 */
export async function disablePartnerStaff(
  ctx: Ctx,
  partnerId: string,
  accountId: string,
): Promise<boolean> {
  const done = await ctx.tx
    .update(staffUsers)
    .set({ status: 'disabled', updatedAt: ctx.clock.now() })
    .where(
      and(
        eq(staffUsers.id, accountId),
        eq(staffUsers.partnerId, partnerId),
        eq(staffUsers.status, 'active'),
      ),
    )
    .returning({ id: staffUsers.id });
  return done.length > 0;
}

/** Binds an existing partner-role staff member to a partner under this sign-in e-mail (demo). */
export async function bindPartnerStaff(
  ctx: Ctx,
  staffId: string,
  input: { partnerId: string; email: string },
): Promise<void> {
  await ctx.tx
    .update(staffUsers)
    .set({ partnerId: input.partnerId, email: input.email })
    .where(eq(staffUsers.id, staffId));
}
