import { z } from 'zod';

export const StoreSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'Store' });

export const StoreBody = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9_-]+$/),
    name: z.string().trim().min(1).max(100),
    address: z.string().trim().max(300).nullish(),
    phone: z.string().trim().max(32).nullish(),
  })
  .meta({
    example: {
      code: 'GZ04',
      name: '白云店',
      address: '广州市白云区机场路 88 号',
      phone: '020-86001234',
    },
  });

export const TenantSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes');
