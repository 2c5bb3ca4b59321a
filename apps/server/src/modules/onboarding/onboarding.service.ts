import type { Ctx } from '../../kernel/context.ts';
import { recordAudit } from '../audit/index.ts';
import { addStaffMember } from '../identity/index.ts';
import { createStore, createTenantHere } from '../tenancy/index.ts';

export interface OpenShopInput {
  slug: string;
  name: string;
  timezone?: string | undefined;
  storeName?: string | undefined;
  owner: {
    name: string;
    phone?: string | null | undefined;
    email?: string | null | undefined;
    /** Absent: the owner gets an invitation link to set it. */
    password?: string | undefined;
  };
}

/**
 * Opens a shop in the caller's transaction, which must have been opened without a tenant
 * (`ctx.tenantId` empty): the transaction enters the new tenant's scope. Answers the context
 * of the new tenant so the caller may go on (e.g. start the owner's session).
 */
export async function openShop(
  ctx: Ctx,
  input: OpenShopInput,
  opts: { publicUrl: string; via: 'operator' | 'sign-up' | 'cli'; ip?: string },
) {
  const { tenantId } = await createTenantHere(ctx.tx, input);
  const tctx: Ctx = { ...ctx, tenantId };
  await recordAudit(tctx, {
    action: 'tenant.created',
    entityType: 'tenant',
    entityId: tenantId,
    changes: { slug: input.slug, name: input.name, via: opts.via, ip: opts.ip ?? null },
  });
  const store = await createStore(tctx, { code: 'S01', name: input.storeName ?? '总店' });
  const { member, invitation } = await addStaffMember(
    tctx,
    {
      name: input.owner.name,
      phone: input.owner.phone ?? null,
      email: input.owner.email ?? null,
      password: input.owner.password,
      role: 'owner',
      storeIds: [store.id],
    },
    { publicUrl: opts.publicUrl },
  );
  return {
    ctx: tctx,
    result: { tenantId, slug: input.slug, storeId: store.id, ownerId: member.id, invitation },
  };
}
