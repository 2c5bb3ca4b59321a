// The owner manages the team (add or invite, roles, stores, deactivate, password-reset links);
// every staff member manages their own password and two-step sign-in. Every change is in the
// audit log; taking access away (deactivation, a new password) ends the person's sessions.
import { verify as argonVerify } from '@node-rs/argon2';
import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { sendMessage } from '../messaging/index.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { issueToken } from '../../http/auth-tokens.ts';
import { normalizePhone } from '../../kernel/phone.ts';
import { openField, sealField } from '../../kernel/secret-box.ts';
import { totpSecretField } from './identity.tables.ts';
import { recordAudit } from '../audit/index.ts';
import { getTenant, listStoresFor } from '../tenancy/index.ts';
import { createStaffUser, endStaffSessions, hashPassword } from './identity.service.ts';
import {
  staffPasswordLinks,
  staffRecoveryCodes,
  staffStores,
  staffUsers,
  type StaffRole,
  type TeamRole,
} from './identity.tables.ts';
import {
  RECOVERY_CODE_COUNT,
  newRecoveryCode,
  recoveryCodeHash,
  useRecoveryCode,
  useTotpCode,
} from './second-factor.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

/** Roles that may turn on two-step sign-in. */
export const TOTP_ROLES = ['owner', 'manager'] as const satisfies readonly StaffRole[];

export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;
export const RESET_TTL_MS = 2 * 60 * 60 * 1000;

type StaffRow = typeof staffUsers.$inferSelect;

function staffDto(row: StaffRow, storeIds: string[]) {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    role: row.role as TeamRole,
    status: row.status,
    passwordPending: row.passwordPending,
    totpEnabled: row.totpEnabledAt !== null,
    storeIds,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
export type StaffMemberDto = ReturnType<typeof staffDto>;

const actorStaffId = (ctx: Ctx): string | null =>
  ctx.actor.type === 'staff' ? ctx.actor.id : null;

async function storeIdsOf(ctx: Ctx, staffIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!staffIds.length) return map;
  const rows = await ctx.tx
    .select({ staffId: staffStores.staffId, storeId: staffStores.storeId })
    .from(staffStores)
    .where(inArray(staffStores.staffId, staffIds));
  for (const r of rows) map.set(r.staffId, [...(map.get(r.staffId) ?? []), r.storeId]);
  return map;
}

export async function listStaff(ctx: Ctx): Promise<StaffMemberDto[]> {
  const rows = await ctx.tx
    .select()
    .from(staffUsers)
    .where(ne(staffUsers.role, 'partner'))
    .orderBy(asc(staffUsers.status), asc(staffUsers.createdAt));
  const stores = await storeIdsOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => staffDto(r, stores.get(r.id) ?? []));
}

/** A team member's row, locked for the change; partner accounts are not found here. */
async function memberRow(ctx: Ctx, id: string): Promise<StaffRow> {
  const [row] = await ctx.tx
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.id, id), ne(staffUsers.role, 'partner')))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getStaffMember(ctx: Ctx, id: string): Promise<StaffMemberDto> {
  const row = await memberRow(ctx, id);
  return staffDto(row, (await storeIdsOf(ctx, [id])).get(id) ?? []);
}

async function checkStores(ctx: Ctx, storeIds: string[]): Promise<void> {
  const known = await listStoresFor(ctx, storeIds);
  if (known.length !== new Set(storeIds).size)
    throw new AppError('VALIDATION_FAILED', {
      field: 'storeIds',
      message: { 'zh-CN': '门店不存在', en: 'No such store' },
    });
}

/**
 * Locks the active owners, in id order, before a change locks the person it changes: two owners
 * demoting each other at once then queue on the same first lock instead of deadlocking.
 */
async function lockActiveOwners(ctx: Ctx) {
  return ctx.tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'owner'), eq(staffUsers.status, 'active')))
    .orderBy(asc(staffUsers.id))
    .for('update');
}

/** Refuses a change that would leave the tenant without an active owner (owners locked first). */
async function keepAnOwner(ctx: Ctx, losingOwnerId: string): Promise<void> {
  const owners = await lockActiveOwners(ctx);
  if (!owners.some((o) => o.id !== losingOwnerId)) throw new AppError('STAFF_LAST_OWNER');
}

function normalizeContact(input: { phone?: string | null; email?: string | null }) {
  let phone: string | null | undefined = input.phone === '' ? null : input.phone;
  if (phone) {
    const p = normalizePhone(phone);
    if (!p.ok) throw new AppError('PHONE_INVALID', { field: 'phone' });
    phone = p.e164;
  }
  const email = input.email
    ? input.email.trim().toLowerCase()
    : input.email === ''
      ? null
      : input.email;
  return { phone, email };
}

export interface LinkOptions {
  /** The installation's public origin: the link points at its console. */
  publicUrl: string;
}

export async function addStaffMember(
  ctx: Ctx,
  input: {
    name: string;
    phone?: string | null | undefined;
    email?: string | null | undefined;
    role: TeamRole;
    storeIds: string[];
    password?: string | undefined;
  },
  link: LinkOptions,
) {
  await checkStores(ctx, input.storeIds);
  const { id } = await createStaffUser(ctx, {
    name: input.name,
    phone: input.phone ?? null,
    email: input.email ?? null,
    password: input.password ?? null,
    role: input.role,
    storeIds: [...new Set(input.storeIds)],
  });
  const row = await memberRow(ctx, id);
  const invitation = input.password ? null : await issuePasswordLink(ctx, row, 'invite', link);
  return { member: staffDto(row, [...new Set(input.storeIds)]), invitation };
}

export async function updateStaffMember(
  ctx: Ctx,
  id: string,
  patch: {
    name?: string | undefined;
    phone?: string | null | undefined;
    email?: string | null | undefined;
    role?: TeamRole | undefined;
    storeIds?: string[] | undefined;
  },
): Promise<StaffMemberDto> {
  await lockActiveOwners(ctx);
  const row = await memberRow(ctx, id);
  const contact = normalizeContact(patch);
  const set: Partial<typeof staffUsers.$inferInsert> = {};
  const changes: Record<string, unknown> = {};
  if (patch.name !== undefined && patch.name !== row.name) {
    set.name = patch.name;
    changes.name = { from: row.name, to: patch.name };
  }
  for (const key of ['phone', 'email'] as const) {
    const value = contact[key];
    if (value !== undefined && value !== row[key]) {
      set[key] = value;
      changes[key] = { from: row[key], to: value };
    }
  }
  if ((set.phone === undefined ? row.phone : set.phone) === null)
    if ((set.email === undefined ? row.email : set.email) === null)
      throw new AppError('VALIDATION_FAILED', {
        field: 'phone',
        message: { 'zh-CN': '手机号和邮箱至少填一项', en: 'Give a phone or an e-mail' },
      });
  if (patch.role !== undefined && patch.role !== row.role) {
    if (id === actorStaffId(ctx)) throw new AppError('STAFF_SELF_CHANGE', { field: 'role' });
    if (row.role === 'owner' && row.status === 'active') await keepAnOwner(ctx, id);
    set.role = patch.role;
  }
  if (set.phone || set.email) {
    const clash = await ctx.tx
      .select({ id: staffUsers.id, phone: staffUsers.phone })
      .from(staffUsers)
      .where(
        and(
          ne(staffUsers.id, id),
          or(
            set.phone ? eq(staffUsers.phone, set.phone) : undefined,
            set.email ? eq(staffUsers.email, set.email) : undefined,
          ),
        ),
      );
    if (clash[0])
      throw new AppError('STAFF_LOGIN_TAKEN', {
        field: set.phone && clash[0].phone === set.phone ? 'phone' : 'email',
      });
  }
  if (Object.keys(set).length) {
    await ctx.tx
      .update(staffUsers)
      .set({ ...set, updatedAt: ctx.clock.now() })
      .where(eq(staffUsers.id, id));
  }
  if (Object.keys(changes).length)
    await recordAudit(ctx, { action: 'staff.updated', entityType: 'staff', entityId: id, changes });
  if (set.role)
    await recordAudit(ctx, {
      action: 'staff.roleChanged',
      entityType: 'staff',
      entityId: id,
      changes: { from: row.role, to: set.role },
    });
  if (patch.storeIds !== undefined) {
    const next = [...new Set(patch.storeIds)].sort();
    const current = ((await storeIdsOf(ctx, [id])).get(id) ?? []).sort();
    if (next.join() !== current.join()) {
      await checkStores(ctx, next);
      await ctx.tx.delete(staffStores).where(eq(staffStores.staffId, id));
      if (next.length)
        await ctx.tx
          .insert(staffStores)
          .values(next.map((storeId) => ({ tenantId: ctx.tenantId, staffId: id, storeId })));
      await recordAudit(ctx, {
        action: 'staff.storesChanged',
        entityType: 'staff',
        entityId: id,
        changes: { from: current, to: next },
      });
    }
  }
  return getStaffMember(ctx, id);
}

/** Takes a person's access away at once: the account is disabled and their sessions end. */
export async function deactivateStaffMember(ctx: Ctx, id: string): Promise<StaffMemberDto> {
  if (id === actorStaffId(ctx)) throw new AppError('STAFF_SELF_CHANGE');
  await lockActiveOwners(ctx);
  const row = await memberRow(ctx, id);
  if (row.status === 'disabled') return getStaffMember(ctx, id);
  if (row.role === 'owner') await keepAnOwner(ctx, id);
  await ctx.tx
    .update(staffUsers)
    .set({ status: 'disabled', updatedAt: ctx.clock.now() })
    .where(eq(staffUsers.id, id));
  const sessionsEnded = await endStaffSessions(ctx, id);
  await ctx.tx
    .delete(staffPasswordLinks)
    .where(and(eq(staffPasswordLinks.staffId, id), isNull(staffPasswordLinks.usedAt)));
  await recordAudit(ctx, {
    action: 'staff.deactivated',
    entityType: 'staff',
    entityId: id,
    changes: { sessionsEnded },
  });
  return getStaffMember(ctx, id);
}

export async function reactivateStaffMember(ctx: Ctx, id: string): Promise<StaffMemberDto> {
  const row = await memberRow(ctx, id);
  if (row.status === 'active') return getStaffMember(ctx, id);
  await ctx.tx
    .update(staffUsers)
    .set({ status: 'active', failedSignIns: 0, lockedUntil: null, updatedAt: ctx.clock.now() })
    .where(eq(staffUsers.id, id));
  await recordAudit(ctx, { action: 'staff.reactivated', entityType: 'staff', entityId: id });
  return getStaffMember(ctx, id);
}

/** Turns off a person's two-step sign-in (their phone is lost and so are the recovery codes). */
export async function resetMemberTotp(ctx: Ctx, id: string): Promise<StaffMemberDto> {
  if (id === actorStaffId(ctx)) throw new AppError('STAFF_SELF_CHANGE');
  const row = await memberRow(ctx, id);
  if (!row.totpEnabledAt && !row.totpSecret) return getStaffMember(ctx, id);
  await ctx.tx
    .update(staffUsers)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: ctx.clock.now() })
    .where(eq(staffUsers.id, id));
  await ctx.tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, id));
  await recordAudit(ctx, { action: 'staff.totpReset', entityType: 'staff', entityId: id });
  return getStaffMember(ctx, id);
}

// ---- password links (invitation and reset) ----

function linkMessage(
  purpose: 'invite' | 'reset',
  locale: string,
  p: { tenant: string; name: string; url: string },
) {
  if (locale === 'en')
    return purpose === 'invite'
      ? {
          subject: `${p.tenant}: set your Liuke password`,
          body: `[${p.tenant}] ${p.name}, you have been added to the Liuke staff console. Open this link within 72 hours to set your password: ${p.url}`,
        }
      : {
          subject: `${p.tenant}: reset your Liuke password`,
          body: `[${p.tenant}] ${p.name}, open this link within 2 hours to set a new password: ${p.url} If you did not ask for this, ignore this message.`,
        };
  return purpose === 'invite'
    ? {
        subject: `${p.tenant}：设置留客员工账号密码`,
        body: `【${p.tenant}】${p.name}，您已被添加为留客员工后台的成员。请在 72 小时内打开链接设置密码：${p.url}`,
      }
    : {
        subject: `${p.tenant}：重设留客员工账号密码`,
        body: `【${p.tenant}】${p.name}，请在 2 小时内打开链接设置新密码：${p.url} 如非本人申请请忽略。`,
      };
}

/**
 * Makes a new link for `row` (earlier unused links stop working) and sends it to the person's
 * e-mail, else their phone. Only the token's hash is stored; the token itself travels once,
 * as the message's secret.
 */
async function issuePasswordLink(
  ctx: Ctx,
  row: StaffRow,
  purpose: 'invite' | 'reset',
  link: LinkOptions,
) {
  const to = row.email ?? row.phone;
  if (!to) throw new AppError('STAFF_NO_CONTACT');
  const channel = row.email ? ('email' as const) : ('sms' as const);
  const now = ctx.clock.now();
  await ctx.tx
    .delete(staffPasswordLinks)
    .where(and(eq(staffPasswordLinks.staffId, row.id), isNull(staffPasswordLinks.usedAt)));
  const { token, hash } = issueToken('password_link', ctx.tenantId);
  const expiresAt = new Date(now.getTime() + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS));
  await ctx.tx.insert(staffPasswordLinks).values({
    tenantId: ctx.tenantId,
    id: newId(),
    staffId: row.id,
    purpose,
    tokenHash: hash,
    expiresAt,
    createdBy: actorStaffId(ctx),
    createdAt: now,
  });
  const tenant = await getTenant(ctx);
  const text = linkMessage(purpose, tenant.locale, {
    tenant: tenant.name,
    name: row.name,
    url: `${link.publicUrl.replace(/\/$/, '')}/console/set-password#{secret}`,
  });
  await sendMessage(ctx, {
    channel,
    to,
    subject: text.subject,
    body: text.body,
    purpose: 'auth',
    secret: token,
  });
  await recordAudit(ctx, {
    action: purpose === 'invite' ? 'staff.invitationSent' : 'staff.passwordResetSent',
    entityType: 'staff',
    entityId: row.id,
    changes: { channel, expiresAt: expiresAt.toISOString() },
  });
  return { channel, to, expiresAt: expiresAt.toISOString() };
}

export async function sendPasswordLink(ctx: Ctx, id: string, link: LinkOptions) {
  const row = await memberRow(ctx, id);
  if (row.status !== 'active') throw new AppError('STAFF_NOT_ACTIVE');
  return issuePasswordLink(ctx, row, row.passwordPending ? 'invite' : 'reset', link);
}

/** The link's row and person, or the reason it cannot be used. */
async function usableLink(ctx: Ctx, tokenHash: string) {
  const [found] = await ctx.tx
    .select({ link: staffPasswordLinks, user: staffUsers })
    .from(staffPasswordLinks)
    .innerJoin(
      staffUsers,
      and(
        eq(staffUsers.tenantId, staffPasswordLinks.tenantId),
        eq(staffUsers.id, staffPasswordLinks.staffId),
      ),
    )
    .where(eq(staffPasswordLinks.tokenHash, tokenHash))
    .for('update', { of: staffPasswordLinks });
  if (!found || found.link.usedAt || found.user.status !== 'active')
    throw new AppError('PASSWORD_LINK_INVALID', { field: 'token' });
  if (found.link.expiresAt <= ctx.clock.now())
    throw new AppError('PASSWORD_LINK_EXPIRED', { field: 'token' });
  return found;
}

/** What the set-password page shows before the person chooses a password. */
export async function inspectPasswordLink(ctx: Ctx, tokenHash: string) {
  const { link, user } = await usableLink(ctx, tokenHash);
  const tenant = await getTenant(ctx);
  return {
    purpose: link.purpose,
    name: user.name,
    login: user.email ?? user.phone ?? '',
    tenant: { slug: tenant.slug, name: tenant.name },
    expiresAt: link.expiresAt.toISOString(),
  };
}

/** Sets the password through a link: the link is used up and every session of the person ends. */
export async function setPasswordByLink(ctx: Ctx, tokenHash: string, password: string) {
  const { link, user } = await usableLink(ctx, tokenHash);
  const now = ctx.clock.now();
  await ctx.tx
    .update(staffPasswordLinks)
    .set({ usedAt: now })
    .where(eq(staffPasswordLinks.id, link.id));
  await ctx.tx
    .update(staffUsers)
    .set({
      passwordHash: await hashPassword(password),
      passwordPending: false,
      passwordChangedAt: now,
      failedSignIns: 0,
      lockedUntil: null,
      updatedAt: now,
    })
    .where(eq(staffUsers.id, user.id));
  const sessionsEnded = await endStaffSessions(ctx, user.id);
  await recordAudit(
    { ...ctx, actor: { type: 'staff', id: user.id, role: user.role, sessionId: null } },
    {
      action: 'staff.passwordSet',
      entityType: 'staff',
      entityId: user.id,
      changes: { via: link.purpose, sessionsEnded },
    },
  );
  const tenant = await getTenant(ctx);
  return { tenant: tenant.slug, login: user.email ?? user.phone ?? '' };
}

// ---- my account ----

function me(ctx: Ctx): { id: string; sessionId: string | null } {
  if (ctx.actor.type !== 'staff') throw new AppError('FORBIDDEN');
  return { id: ctx.actor.id, sessionId: ctx.actor.sessionId };
}

async function myRow(ctx: Ctx): Promise<StaffRow> {
  const [row] = await ctx.tx
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.id, me(ctx).id))
    .for('update');
  if (!row) throw new AppError('AUTH_REQUIRED');
  return row;
}

export async function changeOwnPassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
): Promise<{ otherSessionsEnded: number }> {
  const row = await myRow(ctx);
  const ok = await argonVerify(row.passwordHash, input.currentPassword).catch(() => false);
  if (!ok) throw new AppError('PASSWORD_WRONG', { field: 'currentPassword' });
  if (input.newPassword === input.currentPassword)
    throw new AppError('VALIDATION_FAILED', {
      field: 'newPassword',
      message: {
        'zh-CN': '新密码不能与当前密码相同',
        en: 'The new password must differ from the current one',
      },
    });
  const now = ctx.clock.now();
  await ctx.tx
    .update(staffUsers)
    .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: now })
    .where(eq(staffUsers.id, row.id));
  const otherSessionsEnded = await endStaffSessions(ctx, row.id, me(ctx).sessionId);
  await recordAudit(ctx, {
    action: 'staff.passwordChanged',
    entityType: 'staff',
    entityId: row.id,
    changes: { otherSessionsEnded },
  });
  return { otherSessionsEnded };
}

export async function securityStatus(ctx: Ctx) {
  const row = await myRow(ctx);
  const codes = await ctx.tx
    .select({ usedAt: staffRecoveryCodes.usedAt })
    .from(staffRecoveryCodes)
    .where(eq(staffRecoveryCodes.staffId, row.id));
  return {
    totpAllowed: (TOTP_ROLES as readonly string[]).includes(row.role),
    totpEnabled: row.totpEnabledAt !== null,
    totpEnabledAt: row.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: row.totpEnabledAt ? codes.filter((c) => !c.usedAt).length : 0,
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
  };
}

/** Starts (or restarts) enrolment: a new secret, kept sealed, in force once a code confirms it. */
export async function startTotpEnrolment(ctx: Ctx) {
  const row = await myRow(ctx);
  if (row.totpEnabledAt) throw new AppError('TOTP_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await ctx.tx
    .update(staffUsers)
    .set({
      totpSecret: sealField(ctx.tenantId, totpSecretField(row.id), secret),
      totpLastStep: null,
    })
    .where(eq(staffUsers.id, row.id));
  const tenant = await getTenant(ctx);
  const account = row.email ?? row.phone ?? row.name;
  return {
    secret,
    otpauthUri: otpauthUri({ issuer: `留客 ${tenant.name}`, account, secret }),
  };
}

/** Confirms enrolment with a code from the app; answers the recovery codes, shown this once. */
export async function confirmTotp(ctx: Ctx, code: string): Promise<{ recoveryCodes: string[] }> {
  const row = await myRow(ctx);
  if (row.totpEnabledAt) throw new AppError('TOTP_ALREADY_ENABLED');
  if (!row.totpSecret) throw new AppError('TOTP_NOT_ENROLLING');
  const step = verifyTotp(
    openField(ctx.tenantId, totpSecretField(row.id), row.totpSecret),
    code,
    ctx.clock.now().getTime(),
    null,
  );
  if (step === null) throw new AppError('TOTP_CODE_INVALID', { field: 'code' });
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await ctx.tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, row.id));
  await ctx.tx.insert(staffRecoveryCodes).values(
    recoveryCodes.map((c) => ({
      tenantId: ctx.tenantId,
      staffId: row.id,
      codeHash: recoveryCodeHash(ctx.tenantId, row.id, c),
    })),
  );
  await ctx.tx
    .update(staffUsers)
    .set({ totpEnabledAt: ctx.clock.now(), totpLastStep: step })
    .where(eq(staffUsers.id, row.id));
  await recordAudit(ctx, { action: 'staff.totpEnabled', entityType: 'staff', entityId: row.id });
  return { recoveryCodes };
}

/** Turns two-step sign-in off; needs a current code (or a recovery code). */
export async function disableTotp(
  ctx: Ctx,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<void> {
  const row = await myRow(ctx);
  if (!row.totpEnabledAt) throw new AppError('TOTP_NOT_ENABLED');
  const ok = input.code
    ? await useTotpCode(ctx, row, input.code)
    : input.recoveryCode
      ? await useRecoveryCode(ctx, row.id, input.recoveryCode)
      : false;
  if (!ok) throw new AppError('TOTP_CODE_INVALID', { field: input.code ? 'code' : 'recoveryCode' });
  await ctx.tx
    .update(staffUsers)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(staffUsers.id, row.id));
  await ctx.tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, row.id));
  await recordAudit(ctx, { action: 'staff.totpDisabled', entityType: 'staff', entityId: row.id });
}
