// Partner merchants (合作商家) and their portal accounts, as the business's owners and managers
// keep them.
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { createStaffUser, disablePartnerStaff, listPartnerStaff } from '../identity/index.ts';
import type { CreatePartnerInput, PartnerDto, UpdatePartnerInput } from './partners.schemas.ts';
import { partners } from './partners.tables.ts';

export type PartnerRow = typeof partners.$inferSelect;

export function partnerDto(p: PartnerRow, accounts: PartnerDto['accounts']): PartnerDto {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    email: p.email,
    status: p.status,
    note: p.note,
    createdAt: p.createdAt.toISOString(),
    accounts,
  };
}

async function accountsOf(ctx: Ctx, partnerIds: string[]) {
  const byPartner = new Map<string, PartnerDto['accounts']>();
  for (const r of await listPartnerStaff(ctx, partnerIds)) {
    const list = byPartner.get(r.partnerId) ?? [];
    list.push({ id: r.id, name: r.name, email: r.email });
    byPartner.set(r.partnerId, list);
  }
  return byPartner;
}

export async function partnerRow(ctx: Ctx, id: string, lock = false): Promise<PartnerRow> {
  const q = ctx.tx.select().from(partners).where(eq(partners.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND', { field: 'partnerId' });
  return row;
}

export async function getPartner(ctx: Ctx, id: string): Promise<PartnerDto> {
  const p = await partnerRow(ctx, id);
  return partnerDto(p, (await accountsOf(ctx, [id])).get(id) ?? []);
}

export async function listPartners(ctx: Ctx): Promise<{ items: PartnerDto[] }> {
  const rows = await ctx.tx
    .select()
    .from(partners)
    .orderBy(asc(partners.status), asc(partners.createdAt), asc(partners.id));
  const accounts = await accountsOf(
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((p) => partnerDto(p, accounts.get(p.id) ?? [])) };
}

export async function createPartner(ctx: Ctx, input: CreatePartnerInput): Promise<PartnerDto> {
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(partners).values({
    tenantId: ctx.tenantId,
    id,
    name: input.name,
    kind: input.kind,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    email: input.email ?? null,
    note: input.note ?? '',
    status: 'active',
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(ctx, {
    action: 'partner.created',
    entityType: 'partner',
    entityId: id,
    changes: input,
  });
  return getPartner(ctx, id);
}

export async function updatePartner(
  ctx: Ctx,
  id: string,
  input: UpdatePartnerInput,
): Promise<PartnerDto> {
  const current = await partnerRow(ctx, id, true);
  const patch: Partial<typeof partners.$inferInsert> = {};
  for (const [k, v] of Object.entries(input))
    if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
  if (Object.keys(patch).length) {
    await ctx.tx
      .update(partners)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(partners.id, id));
    await recordAudit(ctx, {
      action:
        input.status && input.status !== current.status
          ? `partner.${input.status}`
          : 'partner.updated',
      entityType: 'partner',
      entityId: id,
      changes: input,
    });
  }
  return getPartner(ctx, id);
}

/** A portal sign-in for the partner: a staff user with role partner bound to it. */
export async function createPartnerAccount(
  ctx: Ctx,
  partnerId: string,
  input: { name: string; email: string; password: string },
): Promise<PartnerDto['accounts'][number]> {
  await partnerRow(ctx, partnerId);
  const { id } = await createStaffUser(ctx, {
    name: input.name,
    email: input.email,
    password: input.password,
    role: 'partner',
    partnerId,
  });
  await recordAudit(ctx, {
    action: 'partner.accountCreated',
    entityType: 'partner',
    entityId: partnerId,
    changes: { accountId: id, name: input.name, email: input.email },
  });
  return { id, name: input.name, email: input.email.trim().toLowerCase() };
}

/** Takes a portal sign-in away: the account is disabled (its sessions stop working at once). */
export async function disablePartnerAccount(
  ctx: Ctx,
  partnerId: string,
  accountId: string,
): Promise<void> {
  await partnerRow(ctx, partnerId);
  if (!(await disablePartnerStaff(ctx, partnerId, accountId)))
    throw new AppError('NOT_FOUND', { field: 'accountId' });
  await recordAudit(ctx, {
    action: 'partner.accountDisabled',
    entityType: 'partner',
    entityId: partnerId,
    changes: { accountId },
  });
  await recordAudit(ctx, { action: 'staff.disabled', entityType: 'staff', entityId: accountId });
}
