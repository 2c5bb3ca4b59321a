import { z } from 'zod';
import { STAFF_ROLES } from './identity.tables.ts';
import { StoreSchema } from '../tenancy/index.ts';
import { SecondFactorFields } from './staff-admin.schemas.ts';

export const TenantSlug = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .describe('Tenant code (企业代码), e.g. "demo"');
export const PhoneInput = z
  .string()
  .trim()
  .min(5)
  .max(32)
  .describe('Mobile number; +86 is assumed when no country code is given');

export const StaffSignInBody = z
  .object({
    tenant: TenantSlug,
    login: z.string().trim().min(3).max(254).describe('Phone or e-mail'),
    password: z.string().min(1).max(200),
    ...SecondFactorFields,
  })
  .meta({ example: { tenant: 'demo', login: 'owner@demo.liuke.dev', password: 'Liuke@2026' } });

export const StaffMeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(STAFF_ROLES),
    partnerId: z
      .string()
      .nullable()
      .describe('Role partner: the partner merchant the account acts for (else null)'),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string(), timezone: z.string() }),
    stores: z.array(StoreSchema),
  })
  .meta({ id: 'StaffMe' });

export const StaffSessionResponse = z.object({ staff: StaffMeSchema, csrfToken: z.string() });

export const CodeRequestBody = z
  .object({
    tenant: TenantSlug,
    phone: PhoneInput,
    privacyPolicyVersion: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe(
        'The privacy policy version the owner accepted (GET /api/v1/public/tenants/{slug}/privacy-policy); without the current one: PRIVACY_CONSENT_REQUIRED',
      ),
  })
  .meta({ example: { tenant: 'demo', phone: '13900000001', privacyPolicyVersion: '2026-01' } });
export const CodeRequestResponse = z.object({
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});

export const CustomerSignInBody = z
  .object({
    tenant: TenantSlug,
    phone: PhoneInput,
    code: z
      .string()
      .trim()
      .regex(/^\d{4,8}$/, 'digits'),
    referralCode: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{4,12}$/, 'referral code')
      .optional()
      .describe('A friend’s referral code (老带新): a new customer is attributed to them'),
    privacyPolicyVersion: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe(
        'The privacy policy version the owner accepted (GET /api/v1/public/tenants/{slug}/privacy-policy); without the current one: PRIVACY_CONSENT_REQUIRED',
      ),
  })
  .meta({
    example: {
      tenant: 'demo',
      phone: '13900000001',
      code: '123456',
      privacyPolicyVersion: '2026-01',
    },
  });

export const CustomerMeSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    phone: z.string(),
    memberNo: z.string(),
    memberSince: z.string(),
    tenant: z.object({ slug: z.string(), name: z.string() }),
  })
  .meta({ id: 'CustomerMe' });
export const CustomerSessionResponse = z.object({
  customer: CustomerMeSchema,
  csrfToken: z.string(),
});

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(STAFF_ROLES),
    prefix: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });
export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(['manager', 'advisor', 'technician']).default('advisor'),
  })
  .meta({ example: { name: 'DMS sync', role: 'advisor' } });
export const CreatedApiKeySchema = ApiKeySchema.omit({ revokedAt: true }).extend({
  key: z.string().describe('The secret, shown once: send it as `Authorization: Bearer <key>`'),
});
export const IdParams = z.object({ id: z.string().uuid() });
export const Empty = z.null().describe('No content');

export const RecordedMessageSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    purpose: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'RecordedMessage' });
