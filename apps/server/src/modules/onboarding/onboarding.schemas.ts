import { z } from 'zod';
import { PasswordInput } from '../identity/index.ts';
import { TenantSlugSchema } from '../tenancy/index.ts';

/** Codes a shop may not take: they name parts of the product or could mislead. */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'app',
  'assets',
  'console',
  'demo',
  'docs',
  'help',
  'liuke',
  'mail',
  'operator',
  'public',
  'root',
  'static',
  'status',
  'support',
  'system',
  'www',
]);

const Timezone = z
  .string()
  .trim()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA timezone such as Asia/Shanghai');

const Phone = z.string().trim().min(5).max(32).nullish();
const Email = z.string().trim().toLowerCase().pipe(z.email().max(254)).nullish();
const either = (o: { phone?: string | null | undefined; email?: string | null | undefined }) =>
  Boolean(o.phone) || Boolean(o.email);

export const AdminCreateTenantBody = z
  .object({
    slug: TenantSlugSchema.describe('Tenant code (企业代码) used at sign-in'),
    name: z.string().trim().min(1).max(100),
    timezone: Timezone.optional(),
    storeName: z.string().trim().min(1).max(100).optional(),
    owner: z
      .object({
        name: z.string().trim().min(1).max(50),
        phone: Phone,
        email: Email,
        password: PasswordInput.optional().describe('Leave out to send the owner an invitation'),
      })
      .refine(either, { path: ['phone'], message: 'give a phone or an e-mail' }),
  })
  .meta({
    example: {
      slug: 'acme',
      name: '安驰汽修',
      timezone: 'Asia/Shanghai',
      storeName: '天河店',
      owner: { name: '王老板', email: 'wang@acme.example' },
    },
  });

export const CreatedTenantSchema = z
  .object({
    tenantId: z.string(),
    slug: z.string(),
    storeId: z.string(),
    ownerId: z.string(),
    invitation: z
      .object({ channel: z.enum(['email', 'sms']), to: z.string(), expiresAt: z.string() })
      .nullable(),
  })
  .meta({ id: 'CreatedTenant' });

export const SignUpBody = z
  .object({
    shopName: z.string().trim().min(2).max(100),
    slug: TenantSlugSchema.refine((s) => !RESERVED_SLUGS.has(s), 'this code is reserved'),
    storeName: z.string().trim().min(1).max(100).optional(),
    ownerName: z.string().trim().min(1).max(50),
    phone: Phone,
    email: Email,
    password: PasswordInput,
  })
  .refine(either, { path: ['phone'], message: 'give a phone or an e-mail' })
  .meta({
    example: {
      shopName: '安驰汽修',
      slug: 'acme',
      storeName: '天河店',
      ownerName: '王老板',
      phone: '13800138000',
      password: 'Acme-2026-pass',
    },
  });
