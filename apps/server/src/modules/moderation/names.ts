// Who the ids in moderation's answers are, for the moderators who read them: members by the name
// the shop keeps for them, staff members by theirs — each set read once per answer.
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { customers } from '../customers/index.ts';
import { listStaffMembers } from '../identity/index.ts';

const distinct = (ids: readonly (string | null | undefined)[]) => [
  ...new Set(ids.filter((id): id is string => !!id)),
];

/** Members' names by id; a member without a name (or unknown) is absent. */
export async function customerNames(
  ctx: Ctx,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = distinct(ids);
  if (!wanted.length) return new Map();
  const rows = await ctx.tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.tenantId), inArray(customers.id, wanted)));
  return new Map(rows.filter((r) => r.name?.trim()).map((r) => [r.id, r.name!.trim()]));
}

/** Staff members' names by id (an API key or an unknown id is absent). */
export async function staffNames(
  ctx: Ctx,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = distinct(ids);
  if (!wanted.length) return new Map();
  const people = await listStaffMembers(ctx, { ids: wanted });
  return new Map(people.map((p) => [p.id, p.name]));
}
