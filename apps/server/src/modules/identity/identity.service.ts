import { keyedHash } from '../../kernel/secret-box.ts';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { and, eq, gte, isNull, ne, or, sql, desc, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { randomDigits, randomToken, safeEqual } from '../../kernel/crypto.ts';
import { issueToken } from '../../http/auth-tokens.ts';
import { normalizePhone } from '../../kernel/phone.ts';
import { sendMessage } from '../messaging/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { SignInConsentHook, SignInReferralHook } from '../../app/module.ts';
import { findOrCreateCustomerByPhone, getCustomerCard, isErasedPhone } from '../customers/index.ts';
import { listStoresFor, getTenant } from '../tenancy/index.ts';
import { checkSecondFactor } from './second-factor.ts';
import {
  apiKeys,
  otpChallenges,
  sessions,
  staffStores,
  staffUsers,
  type StaffRole,
} from './identity.tables.ts';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
export const STAFF_SESSION_MS = 12 * 60 * 60 * 1000;
export const CUSTOMER_SESSION_MS = 30 * 24 * 60 * 60 * 1000;
export const OTP_TTL_MS = 5 * 60 * 1000;
export const OTP_RESEND_MS = 60 * 1000;
export const OTP_MAX_PER_HOUR = 5;
export const OTP_MAX_ATTEMPTS = 5;

const ARGON2ID = 2; // @node-rs/argon2 Algorithm.Argon2id (a const enum, so not importable here)
export const hashPassword = (password: string) => argonHash(password, { algorithm: ARGON2ID });
// Verified against for unknown logins, so a wrong login costs the same time as a wrong password.
let dummyHash: Promise<string> | null = null;

// ---- sessions and keys (used by the HTTP layer to authenticate) ----

export interface SessionLookup {
  hash: string;
  subjectType: 'staff' | 'customer';
  now: Date;
}

export interface ResolvedSession {
  id: string;
  subjectId: string;
  csrfToken: string;
  role: StaffRole | null;
  status: string | null;
}

/**
 * The session a token's hash names, as one statement run inside the tenant's scope: the HTTP
 * layer sends it in the same round trip as the start of the request's transaction
 * (db/tenant-scope.ts `lead`). Read its rows with `sessionFromRows`.
 */
export function sessionStatement(q: SessionLookup): SQL {
  return sql`select s.id, s.subject_id as "subjectId", s.csrf_token as "csrfToken", u.role, u.status
    from ${sessions} s
    left join ${staffUsers} u on u.tenant_id = s.tenant_id and u.id = s.subject_id
    where s.token_hash = ${q.hash} and s.subject_type = ${q.subjectType}
      and s.expires_at > ${q.now.toISOString()}::timestamptz`;
}

/** The live session in the rows of `sessionStatement`, or null (staff must still be active). */
export function sessionFromRows(
  rows: readonly Record<string, unknown>[],
  subjectType: SessionLookup['subjectType'],
): ResolvedSession | null {
  const s = rows[0] as ResolvedSession | undefined;
  if (!s) return null;
  if (subjectType === 'staff' && (s.role === null || s.status !== 'active')) return null;
  return s;
}

export async function resolveSession(tx: Db, q: SessionLookup): Promise<ResolvedSession | null> {
  return sessionFromRows(
    await queryRows<Record<string, unknown>>(tx, sessionStatement(q)),
    q.subjectType,
  );
}

export async function resolveApiKey(tx: Db, q: { hash: string; now: Date }) {
  const [k] = await tx
    .select({ id: apiKeys.id, role: apiKeys.role })
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, q.hash), isNull(apiKeys.revokedAt)));
  return k ?? null;
}

export async function createSession(
  ctx: Ctx,
  subject: { type: 'staff' | 'customer'; id: string },
  meta: { ip: string; userAgent: string | undefined },
) {
  const { token, hash } = issueToken('session', ctx.tenantId);
  const csrfToken = randomToken(24);
  const now = ctx.clock.now();
  const id = newId();
  await ctx.tx.insert(sessions).values({
    tenantId: ctx.tenantId,
    id,
    subjectType: subject.type,
    subjectId: subject.id,
    tokenHash: hash,
    csrfToken,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(
      now.getTime() + (subject.type === 'staff' ? STAFF_SESSION_MS : CUSTOMER_SESSION_MS),
    ),
    createdAt: now,
    lastSeenAt: now,
  });
  return {
    token,
    csrfToken,
    sessionId: id,
    maxAgeSeconds: (subject.type === 'staff' ? STAFF_SESSION_MS : CUSTOMER_SESSION_MS) / 1000,
  };
}

export async function endSession(ctx: Ctx): Promise<void> {
  if ((ctx.actor.type === 'staff' || ctx.actor.type === 'customer') && ctx.actor.sessionId) {
    await ctx.tx.delete(sessions).where(eq(sessions.id, ctx.actor.sessionId));
  }
}

/** Ends a staff member's sessions (all of them, or all but the one in use). */
export async function endStaffSessions(
  ctx: Ctx,
  staffId: string,
  keepSessionId: string | null = null,
): Promise<number> {
  const ended = await ctx.tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.subjectType, 'staff'),
        eq(sessions.subjectId, staffId),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

// ---- staff ----

export async function createStaffUser(
  ctx: Ctx,
  input: {
    name: string;
    phone?: string | null;
    email?: string | null;
    /** Absent: an invitation — the person sets their password through a link. */
    password?: string | null;
    role: StaffRole;
    storeIds?: string[];
    /** Role partner: the partner merchant the account acts for. */
    partnerId?: string | null;
  },
) {
  const phone = input.phone ? normalizeOrThrow(input.phone) : null;
  const email = input.email ? input.email.trim().toLowerCase() : null;
  const clash = await ctx.tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(
      or(
        phone ? eq(staffUsers.phone, phone) : sql`false`,
        email ? eq(staffUsers.email, email) : sql`false`,
      ),
    );
  if (clash.length) throw new AppError('STAFF_LOGIN_TAKEN', { field: phone ? 'phone' : 'email' });
  const id = newId();
  await ctx.tx.insert(staffUsers).values({
    tenantId: ctx.tenantId,
    id,
    name: input.name,
    phone,
    email,
    // An invited person's hash is of a random secret nobody knows: no password signs in.
    passwordHash: await hashPassword(input.password ?? randomToken(32)),
    passwordPending: !input.password,
    passwordChangedAt: input.password ? ctx.clock.now() : null,
    role: input.role,
    partnerId: input.partnerId ?? null,
  });
  if (input.storeIds?.length) {
    await ctx.tx
      .insert(staffStores)
      .values(input.storeIds.map((storeId) => ({ tenantId: ctx.tenantId, staffId: id, storeId })));
  }
  await recordAudit(ctx, {
    action: 'staff.created',
    entityType: 'staff',
    entityId: id,
    changes: {
      name: input.name,
      role: input.role,
      partnerId: input.partnerId ?? null,
      storeIds: input.storeIds ?? [],
      invited: !input.password,
    },
  });
  return { id };
}

function normalizeOrThrow(phone: string): string {
  const r = normalizePhone(phone);
  if (!r.ok) throw new AppError('PHONE_INVALID', { field: 'phone' });
  return r.e164;
}

export async function signInStaff(
  ctx: Ctx,
  input: {
    login: string;
    password: string;
    /** Required once the account has two-step sign-in: a code of the authenticator app… */
    totpCode?: string | undefined;
    /** …or one of the recovery codes. */
    recoveryCode?: string | undefined;
    ip: string;
    userAgent: string | undefined;
  },
) {
  const login = input.login.trim();
  const byEmail = login.includes('@');
  let where;
  if (byEmail) where = eq(staffUsers.email, login.toLowerCase());
  else {
    const p = normalizePhone(login);
    where = p.ok ? eq(staffUsers.phone, p.e164) : sql`false`;
  }
  const [user] = await ctx.tx.select().from(staffUsers).where(where);
  const now = ctx.clock.now();
  if (!user || user.status !== 'active') {
    dummyHash ??= hashPassword(randomToken(16));
    await argonVerify(await dummyHash, input.password).catch(() => false);
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const retryAfterSeconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('AUTH_LOCKED', {
      details: { retryAfterSeconds },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
  const passwordOk = await argonVerify(user.passwordHash, input.password).catch(() => false);
  // Two-step sign-in: with the right password, an enrolled account still needs its code. A
  // missing code is not a failure (the form asks for it); a wrong one counts like a wrong password.
  const second =
    passwordOk && user.totpEnabledAt ? await checkSecondFactor(ctx, user, input) : null;
  if (second === 'missing')
    return {
      ok: false as const,
      error: new AppError('AUTH_TOTP_REQUIRED', { field: 'totpCode' }),
    };
  const ok = passwordOk && (second === null || second === 'ok');
  if (!ok) {
    const failures = user.failedSignIns + 1;
    const lock = failures >= LOCKOUT_THRESHOLD;
    await ctx.tx
      .update(staffUsers)
      .set({
        failedSignIns: lock ? 0 : failures,
        lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MS) : user.lockedUntil,
      })
      .where(eq(staffUsers.id, user.id));
    if (lock) {
      await recordAudit(
        { ...ctx, actor: { type: 'system', id: null } },
        {
          action: 'staff.locked',
          entityType: 'staff',
          entityId: user.id,
          changes: { ip: input.ip },
        },
      );
    }
    // The failure count must survive the error response: commit it, then reject.
    return {
      ok: false as const,
      error: passwordOk
        ? new AppError('AUTH_TOTP_INVALID', { field: 'totpCode' })
        : new AppError('AUTH_INVALID_CREDENTIALS'),
    };
  }
  await ctx.tx
    .update(staffUsers)
    .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now })
    .where(eq(staffUsers.id, user.id));
  const session = await createSession(ctx, { type: 'staff', id: user.id }, input);
  await recordAudit(
    {
      ...ctx,
      actor: { type: 'staff', id: user.id, role: user.role, sessionId: session.sessionId },
    },
    { action: 'staff.signedIn', entityType: 'staff', entityId: user.id, changes: { ip: input.ip } },
  );
  return { ok: true as const, session, staffId: user.id };
}

/** The stores a staff member is assigned to (an owner's assignments too; owners see every store). */
export async function staffStoreIds(ctx: Ctx, staffId: string): Promise<string[]> {
  const rows = await ctx.tx
    .select({ storeId: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, staffId));
  return rows.map((r) => r.storeId);
}

export async function getStaffMe(ctx: Ctx, staffId: string) {
  const [user] = await ctx.tx.select().from(staffUsers).where(eq(staffUsers.id, staffId));
  if (!user) throw new AppError('AUTH_REQUIRED');
  const tenant = await getTenant(ctx);
  const assigned = await ctx.tx
    .select({ storeId: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, staffId));
  const stores = await listStoresFor(
    ctx,
    user.role === 'owner' ? null : assigned.map((a) => a.storeId),
  );
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    partnerId: user.partnerId,
    phone: user.phone,
    email: user.email,
    tenant: {
      id: tenant.tenantId,
      slug: tenant.slug,
      name: tenant.name,
      timezone: tenant.timezone,
    },
    stores,
  };
}

// ---- car owners: one-time code by SMS ----

// Keyed: a plain hash of a six-digit code is read back by trying a million codes.
const otpHash = (tenantId: string, phone: string, code: string) =>
  keyedHash(`otp:${tenantId}:${phone}:${code}`);

/** The privacy module's consent check (wired by the root): no code and no sign-in without it. */
const signInConsentHooks: SignInConsentHook[] = [];
export const onCustomerSignInConsent = (hook: SignInConsentHook) => signInConsentHooks.push(hook);

async function checkConsent(ctx: Ctx, acceptedVersion: string | undefined) {
  const after: ((customerId: string) => Promise<void>)[] = [];
  for (const hook of signInConsentHooks)
    after.push(await hook(ctx, { acceptedVersion: acceptedVersion ?? null }));
  return after;
}

export async function requestSignInCode(
  ctx: Ctx,
  input: { phone: string; ip: string; privacyPolicyVersion?: string | undefined },
) {
  const phone = normalizeOrThrow(input.phone);
  await checkConsent(ctx, input.privacyPolicyVersion);
  // An erased customer is never signed in again, and no code is sent to them.
  if (await isErasedPhone(ctx, phone)) throw new AppError('CUSTOMER_ERASED', { field: 'phone' });
  const now = ctx.clock.now();
  const recent = await ctx.tx
    .select({ createdAt: otpChallenges.createdAt })
    .from(otpChallenges)
    .where(
      and(
        eq(otpChallenges.phone, phone),
        gte(otpChallenges.createdAt, new Date(now.getTime() - 60 * 60 * 1000)),
      ),
    )
    .orderBy(desc(otpChallenges.createdAt));
  const last = recent[0];
  const retryAfter =
    last && now.getTime() - last.createdAt.getTime() < OTP_RESEND_MS
      ? Math.ceil((OTP_RESEND_MS - (now.getTime() - last.createdAt.getTime())) / 1000)
      : recent.length >= OTP_MAX_PER_HOUR
        ? Math.ceil(
            (recent[recent.length - 1]!.createdAt.getTime() + 60 * 60 * 1000 - now.getTime()) /
              1000,
          )
        : 0;
  if (retryAfter > 0) {
    throw new AppError('OTP_RATE_LIMITED', {
      field: 'phone',
      details: { retryAfterSeconds: retryAfter },
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
  const code = randomDigits(6);
  await ctx.tx.insert(otpChallenges).values({
    tenantId: ctx.tenantId,
    id: newId(),
    phone,
    codeHash: otpHash(ctx.tenantId, phone, code),
    expiresAt: new Date(now.getTime() + OTP_TTL_MS),
    ip: input.ip,
    createdAt: now,
  });
  const tenant = await getTenant(ctx);
  await sendMessage(ctx, {
    channel: 'sms',
    to: phone,
    purpose: 'auth',
    body: `【${tenant.name}】您的登录验证码是 {secret}，5 分钟内有效。如非本人操作请忽略。`,
    secret: code,
  });
  return { expiresInSeconds: OTP_TTL_MS / 1000, resendAfterSeconds: OTP_RESEND_MS / 1000 };
}

/** Reactions to a sign-in carrying a referral code (the referrals module's, wired by the root). */
const signInReferralHooks: SignInReferralHook[] = [];
export const onCustomerSignInWithReferral = (hook: SignInReferralHook) =>
  signInReferralHooks.push(hook);

export async function signInCustomer(
  ctx: Ctx,
  input: {
    phone: string;
    code: string;
    ip: string;
    userAgent: string | undefined;
    referralCode?: string | undefined;
    privacyPolicyVersion?: string | undefined;
  },
) {
  const phone = normalizeOrThrow(input.phone);
  const recordConsent = await checkConsent(ctx, input.privacyPolicyVersion);
  if (await isErasedPhone(ctx, phone))
    return { ok: false as const, error: new AppError('CUSTOMER_ERASED', { field: 'phone' }) };
  const now = ctx.clock.now();
  const [challenge] = await ctx.tx
    .select()
    .from(otpChallenges)
    .where(and(eq(otpChallenges.phone, phone), isNull(otpChallenges.consumedAt)))
    .orderBy(desc(otpChallenges.createdAt))
    .limit(1);
  if (!challenge)
    return { ok: false as const, error: new AppError('OTP_INVALID', { field: 'code' }) };
  if (challenge.expiresAt <= now)
    return { ok: false as const, error: new AppError('OTP_EXPIRED', { field: 'code' }) };
  if (challenge.attempts >= OTP_MAX_ATTEMPTS)
    return { ok: false as const, error: new AppError('OTP_TOO_MANY_ATTEMPTS', { field: 'code' }) };
  if (!safeEqual(challenge.codeHash, otpHash(ctx.tenantId, phone, input.code.trim()))) {
    await ctx.tx
      .update(otpChallenges)
      .set({ attempts: challenge.attempts + 1 })
      .where(eq(otpChallenges.id, challenge.id));
    const exhausted = challenge.attempts + 1 >= OTP_MAX_ATTEMPTS;
    return {
      ok: false as const,
      error: new AppError(exhausted ? 'OTP_TOO_MANY_ATTEMPTS' : 'OTP_INVALID', { field: 'code' }),
    };
  }
  const afterSignIn: ((customerId: string) => Promise<void>)[] = [];
  if (input.referralCode)
    for (const hook of signInReferralHooks)
      afterSignIn.push(await hook(ctx, { phone, referralCode: input.referralCode }));
  await ctx.tx
    .update(otpChallenges)
    .set({ consumedAt: now })
    .where(eq(otpChallenges.id, challenge.id));
  const customer = await findOrCreateCustomerByPhone(ctx, { phone, source: 'app' });
  for (const after of [...afterSignIn, ...recordConsent]) await after(customer.id);
  const session = await createSession(ctx, { type: 'customer', id: customer.id }, input);
  return { ok: true as const, session, customerId: customer.id };
}

export async function getCustomerMe(ctx: Ctx, customerId: string) {
  const tenant = await getTenant(ctx);
  const card = await getCustomerCard(ctx, customerId);
  return { ...card, tenant: { slug: tenant.slug, name: tenant.name } };
}

/**
 * Erasure: the customer's app sessions end at once and their pending sign-in codes are dropped
 * (the phone is on the erased list from then on).
 */
export async function forgetCustomerCredentials(ctx: Ctx, customerId: string, phone: string) {
  await ctx.tx
    .delete(sessions)
    .where(and(eq(sessions.subjectType, 'customer'), eq(sessions.subjectId, customerId)));
  await ctx.tx.delete(otpChallenges).where(eq(otpChallenges.phone, phone));
}

// ---- API keys for integrators ----

/** How a key is shown after creation: its kind and last characters, enough to tell keys apart. */
const keyHint = (token: string) => `lk_…${token.slice(-6)}`;

export async function createApiKey(ctx: Ctx, input: { name: string; role: StaffRole }) {
  const { token, hash } = issueToken('api_key', ctx.tenantId);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx.insert(apiKeys).values({
    tenantId: ctx.tenantId,
    id,
    name: input.name,
    prefix: keyHint(token),
    secretHash: hash,
    role: input.role,
    createdBy: ctx.actor.id,
    createdAt: now,
  });
  await recordAudit(ctx, {
    action: 'apiKey.created',
    entityType: 'api_key',
    entityId: id,
    changes: { name: input.name, role: input.role },
  });
  return {
    id,
    name: input.name,
    role: input.role,
    prefix: keyHint(token),
    key: token,
    createdAt: now.toISOString(),
  };
}

export async function listApiKeys(ctx: Ctx) {
  const rows = await ctx.tx.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    role: k.role,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiKey(ctx: Ctx, id: string) {
  const res = await ctx.tx
    .update(apiKeys)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!res.length) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, { action: 'apiKey.revoked', entityType: 'api_key', entityId: id });
}

/** Deletes expired sessions and sign-in codes (maintenance job, owner connection). */
/** Sessions, sign-in codes and password links past their time go (run hourly). */
export async function purgeExpiredCredentials(adminDb: Db, now: Date) {
  const cutoff = now.toISOString();
  await adminDb.execute(sql`delete from sessions where expires_at < ${cutoff}::timestamptz`);
  await adminDb.execute(
    sql`delete from otp_challenges where expires_at < (${cutoff}::timestamptz - interval '1 day')`,
  );
  await adminDb.execute(
    sql`delete from staff_password_links where expires_at < (${cutoff}::timestamptz - interval '1 day')`,
  );
}

/** A customer merge: the person's open app sessions now act as the survivor. */
export async function moveCustomerSessions(
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx
    .update(sessions)
    .set({ subjectId: merge.survivorId })
    .where(and(eq(sessions.subjectType, 'customer'), eq(sessions.subjectId, merge.duplicateId)));
}
