import { z } from 'zod';
import { TEAM_ROLES } from './identity.tables.ts';

export const PasswordInput = z
  .string()
  .min(8)
  .max(200)
  .refine((p) => p.trim().length >= 8, 'at least 8 characters besides spaces')
  .describe('At least 8 characters');

const OptionalPhone = z.string().trim().max(32).nullish();
const OptionalEmail = z
  .union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email().max(254))])
  .nullish();

export const StaffMemberSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    role: z.enum(TEAM_ROLES),
    status: z.enum(['active', 'disabled']),
    passwordPending: z.boolean().describe('Invited; has not set a password yet'),
    totpEnabled: z.boolean().describe('Two-step sign-in is on'),
    storeIds: z.array(z.string()),
    lastSignInAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffMember' });

export const LinkSentSchema = z
  .object({
    channel: z.enum(['email', 'sms']),
    to: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'PasswordLinkSent' });

export const AddStaffBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    phone: OptionalPhone,
    email: OptionalEmail,
    role: z.enum(TEAM_ROLES),
    storeIds: z.array(z.uuid()).max(200).default([]),
    password: PasswordInput.optional().describe(
      'Set a first password here, or leave it out to send an invitation link',
    ),
  })
  .refine((b) => Boolean(b.phone) || Boolean(b.email), {
    path: ['phone'],
    message: 'give a phone or an e-mail',
  })
  .meta({
    example: {
      name: '李顾问',
      phone: '13800138123',
      email: 'li@example.com',
      role: 'advisor',
      storeIds: ['01930000-0000-7000-8000-000000000001'],
    },
  });

export const AddStaffResponse = z.object({
  member: StaffMemberSchema,
  invitation: LinkSentSchema.nullable().describe('Where the invitation link went, if one was sent'),
});

export const UpdateStaffBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    phone: OptionalPhone,
    email: OptionalEmail,
    role: z.enum(TEAM_ROLES),
    storeIds: z.array(z.uuid()).max(200),
  })
  .partial()
  .meta({ example: { role: 'manager', storeIds: ['01930000-0000-7000-8000-000000000001'] } });

export const LinkTokenBody = z.object({
  token: z.string().trim().min(10).max(200).describe('The secret from the link'),
});
export const PasswordLinkInfo = z
  .object({
    purpose: z.enum(['invite', 'reset']),
    name: z.string(),
    login: z.string(),
    tenant: z.object({ slug: z.string(), name: z.string() }),
    expiresAt: z.string(),
  })
  .meta({ id: 'PasswordLinkInfo' });
export const SetPasswordBody = LinkTokenBody.extend({ password: PasswordInput });
export const SetPasswordResponse = z.object({
  tenant: z.string().describe('Tenant code to sign in with'),
  login: z.string(),
});

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: PasswordInput })
  .meta({ example: { currentPassword: 'Old-pass-2026', newPassword: 'New-pass-2026' } });

export const SecuritySchema = z
  .object({
    totpAllowed: z.boolean().describe('The role may turn on two-step sign-in (owner, manager)'),
    totpEnabled: z.boolean(),
    totpEnabledAt: z.string().nullable(),
    recoveryCodesLeft: z.number().int(),
    passwordChangedAt: z.string().nullable(),
  })
  .meta({ id: 'StaffSecurity' });

const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '6 digits');
const RecoveryCode = z.string().trim().min(10).max(20);

export const TotpEnrolment = z.object({
  secret: z.string().describe('Base32 secret, for typing into the app by hand'),
  otpauthUri: z.string().describe('otpauth:// URI to show as a QR code'),
});
export const TotpCodeBody = z.object({ code: TotpCode });
export const TotpDisableBody = z
  .object({ code: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine((b) => Boolean(b.code) !== Boolean(b.recoveryCode), {
    path: ['code'],
    message: 'give either a code or a recovery code',
  });
export const RecoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('Shown once: each signs in once without the app'),
});
export const SecondFactorFields = {
  totpCode: TotpCode.optional().describe('Two-step sign-in: the authenticator code'),
  recoveryCode: RecoveryCode.optional().describe('Two-step sign-in: a recovery code instead'),
};
