import { registerSealedColumn } from '../../kernel/sealed-columns.ts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { STAFF_ROLES } from '../../kernel/roles.ts';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { stores, tenants } from '../tenancy/index.ts';

export { STAFF_ROLES, TEAM_ROLES, type StaffRole, type TeamRole } from '../../kernel/roles.ts';

/**
 * The partners table seen only as a foreign-key target (a partner portal account belongs to its
 * partner): its name and key, never queried. The partners module, which builds on identity, owns
 * and writes it.
 */
const partnersKey = pgTable('partners', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
});

export const staffUsers = pgTable(
  'staff_users',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    /** Role partner: the partner merchant this portal account acts for. */
    partnerId: uuid('partner_id'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    /** Invited and has not yet set a password through the link (the stored hash is unusable). */
    passwordPending: boolean('password_pending').notNull().default(false),
    passwordChangedAt: instant('password_changed_at'),
    /** TOTP shared secret, sealed (kernel/secret-box); set at enrolment, in force once enabled. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: instant('totp_enabled_at'),
    /** The last 30-second step a code was accepted for: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: instant('locked_until'),
    lastSignInAt: instant('last_sign_in_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('staff_users_tenant_phone_key').on(t.tenantId, t.phone),
    unique('staff_users_tenant_email_key').on(t.tenantId, t.email),
    foreignKey({
      columns: [t.tenantId, t.partnerId],
      foreignColumns: [partnersKey.tenantId, partnersKey.id],
    }),
    check('staff_users_partner_role', sql`${t.partnerId} is null or ${t.role} = 'partner'`),
  ],
);

/** The stores a staff member works in (owners work in all). */
export const staffStores = pgTable(
  'staff_stores',
  {
    tenantId: tenantId(),
    staffId: uuid('staff_id').notNull(),
    storeId: uuid('store_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.staffId, t.storeId] }),
    foreignKey({
      columns: [t.tenantId, t.staffId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.storeId],
      foreignColumns: [stores.tenantId, stores.id],
    }).onDelete('cascade'),
  ],
);

/** Signed-in sessions of staff and customers. The token itself is never stored, only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    subjectType: text('subject_type', { enum: ['staff', 'customer'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    expiresAt: instant('expires_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('sessions_tenant_token_key').on(t.tenantId, t.tokenHash),
  ],
);

/** One-time sign-in codes sent to a car owner's phone. */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: instant('expires_at').notNull(),
    consumedAt: instant('consumed_at'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('otp_challenges_phone_idx').on(t.tenantId, t.phone, t.createdAt),
  ],
);

/** Keys for integrators (`Authorization: Bearer lk_…`). */
export const apiKeys = pgTable(
  'api_keys',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    createdBy: uuid('created_by'),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('api_keys_tenant_secret_key').on(t.tenantId, t.secretHash),
  ],
);

/**
 * Links that let a staff member set their password: an invitation or a reset. Only the
 * token's hash is kept; a link works once and until it expires.
 */
export const staffPasswordLinks = pgTable(
  'staff_password_links',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    staffId: uuid('staff_id').notNull(),
    purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('staff_password_links_tenant_token_key').on(t.tenantId, t.tokenHash),
    index('staff_password_links_staff_idx').on(t.tenantId, t.staffId),
    foreignKey({
      columns: [t.tenantId, t.staffId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }).onDelete('cascade'),
  ],
);

/** One-time recovery codes for a staff member's two-step sign-in, hashed. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    staffId: uuid('staff_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: instant('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.staffId, t.codeHash] }),
    foreignKey({
      columns: [t.tenantId, t.staffId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }).onDelete('cascade'),
  ],
);

/** The TOTP secret of a staff member: sealed, bound to its tenant and person (secret box). */
export const totpSecretField = (staffId: string) => `staff_users.totp_secret.${staffId}`;
registerSealedColumn({
  table: 'staff_users',
  column: 'totp_secret',
  keys: ['id'],
  shape: 'text',
  field: (key) => totpSecretField(key.id!),
});
