// Webhook subscriptions of a tenant: create (the signing secret shown once), change, enable and
// disable, rotate the secret, delete; the delivery log with each attempt, and replay.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, encodeCursor, isoOrNull } from '../../kernel/paging.ts';
import { sealField } from '../../kernel/secret-box.ts';
import { recordAudit } from '../audit/index.ts';
import { checkWebhookUrl } from './url-guard.ts';
import {
  webhookAttempts,
  webhookDeliveries,
  webhookSecretField,
  webhookSubscriptions,
} from './webhooks.tables.ts';
import { WEBHOOK_EVENT_TYPES } from './webhooks.schemas.ts';

type Subscription = typeof webhookSubscriptions.$inferSelect;
type Delivery = typeof webhookDeliveries.$inferSelect;

export interface WebhookOptions {
  /** LIUKE_WEBHOOKS_ALLOW_PRIVATE. */
  allowInternal: boolean;
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

function dto(s: Subscription) {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    eventTypes: s.eventTypes,
    status: s.status,
    disabledReason: s.disabledReason,
    disabledAt: isoOrNull(s.disabledAt),
    failingSince: isoOrNull(s.failingSince),
    consecutiveFailures: s.consecutiveFailures,
    lastSuccessAt: isoOrNull(s.lastSuccessAt),
    lastFailureAt: isoOrNull(s.lastFailureAt),
    secretRotatedAt: isoOrNull(s.secretRotatedAt),
    createdAt: s.createdAt.toISOString(),
  };
}

function deliveryDto(d: Delivery) {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? isoOrNull(d.nextAttemptAt) : null,
    lastAttemptAt: isoOrNull(d.lastAttemptAt),
    responseStatus: d.responseStatus,
    durationMs: d.durationMs,
    error: d.error,
    replayOf: d.replayOf,
    createdAt: d.createdAt.toISOString(),
  };
}

async function checkedUrl(raw: string, opts: WebhookOptions): Promise<string> {
  const r = await checkWebhookUrl(raw, opts.allowInternal);
  if (r.ok) return r.url.toString();
  throw new AppError(
    r.problem === 'internal' || r.problem === 'unresolvable'
      ? 'WEBHOOK_URL_NOT_ALLOWED'
      : 'WEBHOOK_URL_INVALID',
    { field: 'url', details: { problem: r.problem } },
  );
}

const uniqueTypes = (types: readonly string[]) =>
  WEBHOOK_EVENT_TYPES.filter((t) => types.includes(t));

async function load(ctx: Ctx, id: string, lock = false): Promise<Subscription> {
  const q = ctx.tx.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function listWebhooks(ctx: Ctx) {
  const rows = await ctx.tx
    .select()
    .from(webhookSubscriptions)
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  return { items: rows.map(dto), eventTypes: [...WEBHOOK_EVENT_TYPES] };
}

export async function getWebhook(ctx: Ctx, id: string) {
  return dto(await load(ctx, id));
}

export async function createWebhook(
  ctx: Ctx,
  input: { url: string; description?: string | null | undefined; eventTypes: string[] },
  opts: WebhookOptions,
) {
  const url = await checkedUrl(input.url, opts);
  const id = newId();
  const secret = newSecret();
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(webhookSubscriptions)
    .values({
      tenantId: ctx.tenantId,
      id,
      url,
      description: input.description ?? null,
      eventTypes: uniqueTypes(input.eventTypes),
      secret: sealField(ctx.tenantId, webhookSecretField(id), secret),
      createdBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'webhook.created',
    entityType: 'webhook_subscription',
    entityId: id,
    changes: { url, eventTypes: row!.eventTypes },
  });
  return { ...dto(row!), secret };
}

export async function updateWebhook(
  ctx: Ctx,
  id: string,
  input: {
    url?: string | undefined;
    description?: string | null | undefined;
    eventTypes?: string[] | undefined;
    enabled?: boolean | undefined;
  },
  opts: WebhookOptions,
) {
  const before = await load(ctx, id, true);
  const now = ctx.clock.now();
  const set: Partial<typeof webhookSubscriptions.$inferInsert> = { updatedAt: now };
  if (input.url !== undefined) set.url = await checkedUrl(input.url, opts);
  if (input.description !== undefined) set.description = input.description;
  if (input.eventTypes !== undefined) set.eventTypes = uniqueTypes(input.eventTypes);
  if (input.enabled === false && before.status === 'enabled')
    Object.assign(set, { status: 'disabled', disabledReason: 'manual', disabledAt: now });
  if (input.enabled === true && before.status === 'disabled')
    // Enabled again: the failure run starts over (otherwise the next failure disables it).
    Object.assign(set, {
      status: 'enabled',
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      consecutiveFailures: 0,
    });
  const [row] = await ctx.tx
    .update(webhookSubscriptions)
    .set(set)
    .where(eq(webhookSubscriptions.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'webhook.updated',
    entityType: 'webhook_subscription',
    entityId: id,
    changes: { ...input },
  });
  return dto(row!);
}

export async function rotateWebhookSecret(ctx: Ctx, id: string) {
  await load(ctx, id, true);
  const secret = newSecret();
  const now = ctx.clock.now();
  await ctx.tx
    .update(webhookSubscriptions)
    .set({
      secret: sealField(ctx.tenantId, webhookSecretField(id), secret),
      secretRotatedAt: now,
      updatedAt: now,
    })
    .where(eq(webhookSubscriptions.id, id));
  await recordAudit(ctx, {
    action: 'webhook.secretRotated',
    entityType: 'webhook_subscription',
    entityId: id,
  });
  return { secret };
}

export async function deleteWebhook(ctx: Ctx, id: string) {
  const before = await load(ctx, id, true);
  await ctx.tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  await recordAudit(ctx, {
    action: 'webhook.deleted',
    entityType: 'webhook_subscription',
    entityId: id,
    changes: { url: before.url },
  });
}

export async function listDeliveries(
  ctx: Ctx,
  id: string,
  q: { limit: number; cursor?: string | undefined; status?: Delivery['status'] | undefined },
) {
  const after = decodeCursor(q.cursor, ['uuid']);
  await load(ctx, id);
  // Ids are UUIDv7: newest first by id is newest first by creation.
  const rows = await ctx.tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, id),
        q.status ? eq(webhookDeliveries.status, q.status) : undefined,
        after ? lt(webhookDeliveries.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  return {
    items: items.map(deliveryDto),
    nextCursor: more ? encodeCursor([items[items.length - 1]!.id]) : null,
  };
}

async function loadDelivery(ctx: Ctx, id: string, deliveryId: string) {
  const [d] = await ctx.tx
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, id)));
  if (!d) throw new AppError('NOT_FOUND');
  return d;
}

export async function getDelivery(ctx: Ctx, id: string, deliveryId: string) {
  const d = await loadDelivery(ctx, id, deliveryId);
  const attempts = await ctx.tx
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, d.id))
    .orderBy(asc(webhookAttempts.attempt));
  return {
    ...deliveryDto(d),
    body: d.body,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at.toISOString(),
      request: a.request,
      responseStatus: a.responseStatus,
      responseBody: a.responseBody,
      durationMs: a.durationMs,
      error: a.error,
    })),
  };
}

/**
 * Sends a delivery's event again, as a new delivery with the same event id and body (receivers
 * recognise the event id) and a fresh retry window.
 */
export async function replayDelivery(ctx: Ctx, id: string, deliveryId: string) {
  const sub = await load(ctx, id);
  const d = await loadDelivery(ctx, id, deliveryId);
  if (sub.status !== 'enabled') throw new AppError('WEBHOOK_DISABLED');
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(webhookDeliveries)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      subscriptionId: id,
      eventId: d.eventId,
      eventType: d.eventType,
      body: d.body,
      status: 'pending',
      nextAttemptAt: now,
      replayOf: d.replayOf ?? d.id,
      createdAt: now,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'webhook.replayed',
    entityType: 'webhook_subscription',
    entityId: id,
    changes: { deliveryId, eventId: d.eventId },
  });
  return deliveryDto(row!);
}
