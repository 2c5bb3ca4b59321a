import { z } from 'zod';
import { CursorQuery, LimitQuery, page } from '../../kernel/paging.ts';

/** The domain events a subscription may choose (those the modules emit today). */
export const WEBHOOK_EVENT_TYPES = [
  'customer.created',
  'customer.merged',
  'vehicle.mileageRecorded',
  'vehicle.transferred',
  'serviceOrder.opened',
  'serviceOrder.completed',
  'serviceOrder.paid',
  'serviceOrder.closed',
  'serviceOrder.cancelled',
  'serviceOrder.refunded',
  'appointment.booked',
  'appointment.confirmed',
  'appointment.checkedIn',
  'appointment.noShow',
  'appointment.cancelled',
  'appointment.rescheduled',
  'coupon.issued',
  'coupon.redeemed',
  'coupon.voided',
  'coupon.unredeemed',
  'coupon.restored',
  'loyalty.tierChanged',
  'loyalty.tierDowngradeScheduled',
  'loyalty.pointsExpiring',
  'loyalty.pointsShortfall',
  'import.completed',
] as const;

const EventType = z.enum(WEBHOOK_EVENT_TYPES);
const Url = z.string().trim().min(1).max(2000).describe('http(s) URL that receives the events');

export const WebhookCreateBody = z
  .strictObject({
    url: Url,
    description: z.string().trim().max(200).nullable().optional(),
    eventTypes: z.array(EventType).min(1).max(WEBHOOK_EVENT_TYPES.length),
  })
  .meta({
    example: {
      url: 'https://dms.example.com/liuke/events',
      description: 'DMS',
      eventTypes: ['serviceOrder.paid', 'customer.created'],
    },
  });

export const WebhookUpdateBody = z
  .strictObject({
    url: Url.optional(),
    description: z.string().trim().max(200).nullable().optional(),
    eventTypes: z.array(EventType).min(1).max(WEBHOOK_EVENT_TYPES.length).optional(),
    /** false disables; true enables again (the failure count starts over). */
    enabled: z.boolean().optional(),
  })
  .meta({ example: { enabled: false } });

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    status: z.enum(['enabled', 'disabled']),
    disabledReason: z.enum(['manual', 'failing']).nullable(),
    disabledAt: z.string().nullable(),
    failingSince: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    lastSuccessAt: z.string().nullable(),
    lastFailureAt: z.string().nullable(),
    secretRotatedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });

export const WebhookListSchema = z.object({
  items: z.array(WebhookSchema),
  eventTypes: z.array(z.string()).describe('Every event type a subscription may choose'),
});

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z
    .string()
    .describe('The signing secret: shown this once, store it now (HMAC-SHA256 key, UTF-8)'),
}).meta({ id: 'WebhookWithSecret' });

export const WebhookSecretSchema = z.object({ secret: z.string() });

export const WebhookParams = z.object({ id: z.uuid() });
export const DeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

export const DeliveryQuery = z.object({
  limit: LimitQuery,
  cursor: CursorQuery,
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
});

export const DeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    responseStatus: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    error: z.string().nullable(),
    replayOf: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

export const DeliveryPage = page(DeliverySchema);

export const AttemptSchema = z.object({
  attempt: z.number().int(),
  at: z.string(),
  request: z.object({ url: z.string(), headers: z.record(z.string(), z.string()) }),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});

export const DeliveryDetailSchema = DeliverySchema.extend({
  body: z.string().describe('The JSON body sent (identical on every attempt)'),
  attemptLog: z.array(AttemptSchema),
}).meta({ id: 'WebhookDeliveryDetail' });
