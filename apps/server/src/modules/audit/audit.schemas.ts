import { z } from 'zod';
import { Instant } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';

export const AuditFilterQuery = z.object({
  actorId: z.string().uuid().optional(),
  actorType: z.enum(['staff', 'customer', 'api_key', 'system']).optional(),
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('An action (`customer.updated`) or a prefix ending in a dot (`customer.`)'),
  entityType: z.string().trim().min(1).max(60).optional(),
  entityId: z.string().uuid().optional(),
  from: Instant.optional().describe('From this instant (inclusive)'),
  to: Instant.optional().describe('Before this instant'),
});

export const AuditListQuery = AuditFilterQuery.extend({ limit: LimitQuery, cursor: CursorQuery });

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({
      type: z.string(),
      id: z.string().nullable(),
      name: z.string().nullable(),
      role: z.string().nullable(),
    }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
