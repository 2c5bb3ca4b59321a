// The staff directory other modules read for work assignment: who a person is (name, role,
// status) and which stores they work in (owners work in all), without reaching into the tables.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import { staffStores, staffUsers } from './identity.tables.ts';

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  /** The stores the person works in; null for an owner (every store). */
  storeIds: string[] | null;
}

/**
 * Staff members by id (`ids`) or by role (`roles`, active only), with their stores. Unknown ids
 * are simply absent from the answer.
 */
export async function listStaffMembers(
  ctx: Ctx,
  filter: { ids?: readonly string[]; roles?: readonly StaffRole[] },
): Promise<StaffMember[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  const rows = await ctx.tx
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      role: staffUsers.role,
      status: staffUsers.status,
    })
    .from(staffUsers)
    .where(
      and(
        filter.ids ? inArray(staffUsers.id, [...filter.ids]) : undefined,
        filter.roles
          ? and(inArray(staffUsers.role, [...filter.roles]), eq(staffUsers.status, 'active'))
          : undefined,
      ),
    )
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
  if (!rows.length) return [];
  const links = await ctx.tx
    .select({ staffId: staffStores.staffId, storeId: staffStores.storeId })
    .from(staffStores)
    .where(
      inArray(
        staffStores.staffId,
        rows.map((r) => r.id),
      ),
    );
  const storesOf = new Map<string, string[]>();
  for (const l of links) storesOf.set(l.staffId, [...(storesOf.get(l.staffId) ?? []), l.storeId]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    active: r.status === 'active',
    storeIds: r.role === 'owner' ? null : (storesOf.get(r.id) ?? []),
  }));
}
