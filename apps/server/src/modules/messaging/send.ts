// The one send API. An intent is written in the caller's transaction (the outbox: it commits or
// rolls back with the business change); workers deliver it later. A dedupe key makes a repeated
// call a no-op that answers the first intent.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ChannelName, MessageAttachment } from '../../channels/port.ts';
import { resolveChannel } from '../../channels/registry.ts';
import { isRecorder, recordInTx } from '../../channels/recorder.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { hasSecret, maskSecrets, revealSecrets } from '../../kernel/secret-text.ts';
import { newId } from '../../kernel/ids.ts';
import { queryRows } from '../../db/database.ts';
import { pgArray } from '../../db/arrays.ts';
import { messageDeliveries, messageEvents, messageIntents } from './messaging.tables.ts';
import { erasedAddresses } from './erased.ts';
import {
  builtInTemplate,
  flatten,
  renderText,
  type BuiltInTemplate,
  type Language,
} from './templates.ts';

export interface SendToCustomerInput {
  customerId: string;
  templateKey: string;
  data: Record<string, unknown>;
  /** One business reason, one key (`appointment.confirmed:<id>`): repeated sends are no-ops. */
  dedupeKey: string;
  priority: 'transactional' | 'marketing';
  purpose: 'transactional' | 'service' | 'marketing';
  notBefore?: Date;
  /** Send on every one of these; omitted: the best reachable channel, with fallback. */
  channels?: ChannelName[];
  source?: { type: 'rule' | 'campaign' | 'system' | 'conversation'; id: string | null };
}

export interface SendToAddressInput {
  channel: 'sms' | 'email';
  to: string;
  templateKey: string;
  data: Record<string, unknown>;
  purpose: 'auth' | 'transactional';
  dedupeKey?: string;
  language?: Language;
  /** Files the e-mail carries (ignored on SMS). */
  attachments?: MessageAttachment[];
}

const attachmentsOf = (input: SendToAddressInput): MessageAttachment[] | null =>
  input.channel === 'email' && input.attachments?.length ? input.attachments : null;

export interface SendResultRef {
  intentId: string;
  deduplicated: boolean;
}

function templateOrThrow(key: string, data: Record<string, unknown>): BuiltInTemplate {
  const template = builtInTemplate(key);
  if (!template) throw new AppError('MESSAGE_TEMPLATE_NOT_FOUND', { field: 'templateKey' });
  const values = flatten(data);
  const missing = template.variables.filter(
    (v) => !v.startsWith('customer.') && !v.startsWith('tenant.') && values[v] === undefined,
  );
  if (missing.length)
    throw new AppError('MESSAGE_DATA_MISSING', {
      field: 'data',
      details: { variable: missing[0], missing },
    });
  return template;
}

async function insertIntent(
  ctx: Ctx,
  row: typeof messageIntents.$inferInsert,
): Promise<SendResultRef> {
  const inserted = await ctx.tx
    .insert(messageIntents)
    .values(row)
    .onConflictDoNothing({ target: [messageIntents.tenantId, messageIntents.dedupeKey] })
    .returning({ id: messageIntents.id });
  if (inserted[0]) return { intentId: inserted[0].id, deduplicated: false };
  const [existing] = await ctx.tx
    .select({ id: messageIntents.id })
    .from(messageIntents)
    .where(
      and(eq(messageIntents.tenantId, ctx.tenantId), eq(messageIntents.dedupeKey, row.dedupeKey)),
    );
  return { intentId: existing!.id, deduplicated: true };
}

/** Queues a message to one customer about their own car. */
export async function sendToCustomer(ctx: Ctx, input: SendToCustomerInput): Promise<SendResultRef> {
  const template = templateOrThrow(input.templateKey, input.data);
  if (input.channels?.some((c) => !template.channels[c]))
    throw new AppError('MESSAGE_CHANNEL_NOT_IN_TEMPLATE', {
      field: 'channels',
      details: { channels: input.channels.filter((c) => !template.channels[c]) },
    });
  const now = ctx.clock.now();
  return insertIntent(ctx, {
    tenantId: ctx.tenantId,
    id: newId(),
    customerId: input.customerId,
    templateKey: input.templateKey,
    data: input.data,
    purpose: input.purpose,
    priority: input.priority,
    dedupeKey: input.dedupeKey,
    notBefore: input.notBefore ?? now,
    channels: input.channels ?? null,
    sourceType: input.source?.type ?? null,
    sourceId: input.source?.id ?? null,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * `sendToCustomer` for many at once (daily reminder runs, campaigns): every input is checked as
 * one would be, then all intents are written by ONE statement per chunk; each input gets its
 * intent back in order, `deduplicated` where its key had been used before.
 */
export async function sendToCustomers(
  ctx: Ctx,
  inputs: readonly SendToCustomerInput[],
): Promise<SendResultRef[]> {
  if (!inputs.length) return [];
  const now = ctx.clock.now();
  const checked = new Map<string, BuiltInTemplate>();
  const rows = inputs.map((input) => {
    const template = templateOrThrow(input.templateKey, input.data);
    checked.set(input.templateKey, template);
    if (input.channels?.some((c) => !template.channels[c]))
      throw new AppError('MESSAGE_CHANNEL_NOT_IN_TEMPLATE', {
        field: 'channels',
        details: { channels: input.channels.filter((c) => !template.channels[c]) },
      });
    return {
      tenant_id: ctx.tenantId,
      id: newId(),
      customer_id: input.customerId,
      template_key: input.templateKey,
      data: input.data,
      purpose: input.purpose,
      priority: input.priority,
      dedupe_key: input.dedupeKey,
      not_before: (input.notBefore ?? now).toISOString(),
      status: 'queued',
      channels: input.channels ?? null,
      source_type: input.source?.type ?? null,
      source_id: input.source?.id ?? null,
      created_by: ctx.actor.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
  });
  const inserted = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const got = await queryRows<{ id: string; dedupe_key: string }>(
      ctx.tx,
      sql`insert into message_intents (tenant_id, id, customer_id, template_key, data, purpose,
            priority, dedupe_key, not_before, status, channels, source_type, source_id, created_by,
            created_at, updated_at)
          select tenant_id, id, customer_id, template_key, data, purpose, priority, dedupe_key,
                 not_before, status, channels, source_type, source_id, created_by, created_at,
                 updated_at
            from json_populate_recordset(null::message_intents, ${JSON.stringify(chunk)}::json)
          on conflict (tenant_id, dedupe_key) do nothing
          returning id, dedupe_key`,
    );
    for (const r of got) inserted.set(r.dedupe_key, r.id);
  }
  const missing = rows.filter((r) => !inserted.has(r.dedupe_key)).map((r) => r.dedupe_key);
  const existing = new Map<string, string>();
  if (missing.length) {
    const found = await queryRows<{ id: string; dedupe_key: string }>(
      ctx.tx,
      sql`select i.id, i.dedupe_key from message_intents i
           where i.tenant_id = ${ctx.tenantId}::uuid
             and i.dedupe_key = any(${pgArray(missing)}::text[])`,
    );
    for (const r of found) existing.set(r.dedupe_key, r.id);
  }
  // Two inputs with one key in the same call: the first is the intent, the second a repeat.
  const seen = new Set<string>();
  return rows.map((r) => {
    const fresh = inserted.get(r.dedupe_key);
    if (fresh && !seen.has(r.dedupe_key)) {
      seen.add(r.dedupe_key);
      return { intentId: fresh, deduplicated: false };
    }
    return { intentId: fresh ?? existing.get(r.dedupe_key)!, deduplicated: true };
  });
}

/**
 * Queues a message to an address that is not (yet) a customer: sign-in codes. On the
 * development recorder it is recorded at once in this transaction, so a code arrives with
 * the response; a real provider gets it from the worker within a moment.
 */
export async function sendToAddress(ctx: Ctx, input: SendToAddressInput): Promise<SendResultRef> {
  const template = templateOrThrow(input.templateKey, input.data);
  const text = template.channels[input.channel];
  if (!text) throw new AppError('MESSAGE_CHANNEL_NOT_IN_TEMPLATE', { field: 'channel' });
  const now = ctx.clock.now();
  const intentId = newId();
  const ref = await insertIntent(ctx, {
    tenantId: ctx.tenantId,
    id: intentId,
    customerId: null,
    toChannel: input.channel,
    toAddress: input.to,
    templateKey: input.templateKey,
    data: input.data,
    purpose: input.purpose,
    priority: 'transactional',
    dedupeKey: input.dedupeKey ?? `address:${intentId}`,
    notBefore: now,
    channels: [input.channel],
    sourceType: 'system',
    attachments: attachmentsOf(input),
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
  if (ref.deduplicated) return ref;
  const erased = await erasedAddresses(
    ctx.tx,
    [{ tenantId: ctx.tenantId, address: input.to }],
    queryRows,
  );
  if (erased.size) {
    await withdrawQueued(ctx, [intentId], 'customer_erased');
    return ref;
  }
  const deps = { adminDb: ctx.tx, log: ctx.log, now: () => ctx.clock.now() };
  const adapter = await resolveChannel(ctx.tenantId, input.channel, deps);
  if (!isRecorder(adapter)) return ref;
  const [tenant] = await queryRows<{ name: string }>(
    ctx.tx,
    sql`select name from tenants where tenant_id = ${ctx.tenantId}`,
  );
  const language = input.language ?? ctx.locale;
  const r = renderText(template, input.channel, text[language] ?? text['zh-CN'], {
    'tenant.name': tenant?.name ?? '',
    ...flatten(input.data),
  });
  if (!r.ok)
    throw new AppError('MESSAGE_DATA_MISSING', { field: 'data', details: { error: r.error } });
  const deliveryId = newId();
  await ctx.tx.insert(messageDeliveries).values({
    tenantId: ctx.tenantId,
    id: deliveryId,
    intentId,
    customerId: null,
    channel: input.channel,
    provider: adapter.provider,
    address: input.to,
    status: 'delivered',
    subject: r.rendered.subject ?? null,
    body: r.rendered.text,
    attempts: 1,
    createdAt: now,
    updatedAt: now,
  });
  await recordInTx(
    ctx.tx,
    {
      tenantId: ctx.tenantId,
      intentId,
      deliveryId,
      customerId: null,
      channel: input.channel,
      to: input.to,
      purpose: input.purpose,
      text: revealSecrets(r.rendered.text, ctx.tenantId),
      ...(hasSecret(r.rendered.text) ? { maskedText: maskSecrets(r.rendered.text) } : {}),
      ...(r.rendered.subject ? { subject: r.rendered.subject } : {}),
      ...(attachmentsOf(input) ? { attachments: attachmentsOf(input)! } : {}),
    },
    now,
    ctx.log,
  );
  await ctx.tx
    .update(messageIntents)
    .set({ status: 'sent', updatedAt: now })
    .where(and(eq(messageIntents.tenantId, ctx.tenantId), eq(messageIntents.id, intentId)));
  await ctx.tx.insert(messageEvents).values({
    tenantId: ctx.tenantId,
    id: newId(),
    intentId,
    deliveryId,
    type: 'delivered',
    channel: input.channel,
    detail: { provider: adapter.provider },
    at: now,
  });
  return ref;
}

/**
 * Takes back intents the pipeline has not taken yet (still queued): they become suppressed with
 * the reason and a timeline entry. Answers the ids withdrawn; an intent already taken, sent or
 * failed stays as it is.
 */
export async function withdrawQueued(
  ctx: Ctx,
  intentIds: string[],
  reason: string,
  detail: Record<string, unknown> = {},
): Promise<string[]> {
  if (!intentIds.length) return [];
  const now = ctx.clock.now();
  const out = await ctx.tx
    .update(messageIntents)
    .set({ status: 'suppressed', reason, updatedAt: now })
    .where(
      and(
        eq(messageIntents.tenantId, ctx.tenantId),
        inArray(messageIntents.id, intentIds),
        eq(messageIntents.status, 'queued'),
      ),
    )
    .returning({ id: messageIntents.id });
  const ids = out.map((o) => o.id);
  if (ids.length)
    await ctx.tx.insert(messageEvents).values(
      ids.map((intentId) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        intentId,
        type: 'suppressed' as const,
        reason,
        detail,
        at: now,
      })),
    );
  return ids;
}

/**
 * A condition for attribution (last touch): the customer was touched by a message of this source
 * type (`campaign`, `rule`) after `after` and no later than `until` — written, and not failed or
 * suppressed. `tenantId` and `customerId` are SQL of the enclosing row.
 */
export function touchedBetween(opts: {
  tenantId: SQL;
  customerId: SQL;
  sourceType: string;
  after: SQL;
  until: SQL;
}): SQL {
  return sql`exists (select 1 from ${messageIntents} touch
      where touch.tenant_id = ${opts.tenantId} and touch.customer_id = ${opts.customerId}
        and touch.source_type = ${opts.sourceType}
        and touch.status not in ('failed', 'suppressed')
        and touch.created_at > ${opts.after} and touch.created_at <= ${opts.until})`;
}
