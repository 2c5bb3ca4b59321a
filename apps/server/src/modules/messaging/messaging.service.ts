// Console use-cases: templates (list, edit with save-time checks, reset, preview with a real
// customer), the message list and one message's timeline, the tenant's rules, unsubscribing.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ChannelName } from '../../channels/port.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { recordAudit } from '../audit/index.ts';
import { currentConsents, customers, recordConsents } from '../customers/index.ts';
import { vehicles } from '../vehicles/index.ts';
import {
  messageDeliveries,
  messageEvents,
  messageIntents,
  messageTemplates,
  messagingSettings,
} from './messaging.tables.ts';
import {
  availableVariables,
  builtInTemplate,
  checkTemplateText,
  assertTemplateText,
  fill,
  listBuiltInTemplates,
  renderText,
  smsSegments,
  SMS_MAX_SEGMENTS,
  VARIABLES,
  LANGUAGES,
  templateName,
  type BuiltInTemplate,
  type Language,
} from './templates.ts';
import { readUnsubscribe, verifyUnsubscribe } from './unsubscribe.ts';
import { queryRows } from '../../db/database.ts';
import { maskSecrets, maskSecretsDeep } from '../../kernel/secret-text.ts';

function templateOrThrow(key: string): BuiltInTemplate {
  const t = builtInTemplate(key);
  if (!t) throw new AppError('MESSAGE_TEMPLATE_NOT_FOUND', { field: 'templateKey' });
  return t;
}

async function describe(ctx: Ctx, template: BuiltInTemplate) {
  const overrides = await ctx.tx
    .select()
    .from(messageTemplates)
    .where(eq(messageTemplates.key, template.key));
  return {
    key: template.key,
    name: template.name[ctx.locale],
    purpose: template.purpose,
    variables: availableVariables(template).map((name) => ({
      name,
      type: VARIABLES[name]!.type,
      sample: VARIABLES[name]!.sample,
      description: VARIABLES[name]!.description[ctx.locale],
    })),
    texts: Object.entries(template.channels).flatMap(([channel, byLang]) =>
      LANGUAGES.map((language) => {
        const b = byLang[language] ?? byLang['zh-CN'];
        const o = overrides.find((x) => x.channel === channel && x.language === language);
        return {
          channel: channel as ChannelName,
          language,
          subject: o ? o.subject : (b.subject ?? null),
          body: o ? o.body : b.body,
          builtInSubject: b.subject ?? null,
          builtInBody: b.body,
          overridden: !!o,
          version: o?.version ?? 0,
          updatedAt: isoOrNull(o?.updatedAt),
        };
      }),
    ),
  };
}

export async function listTemplates(ctx: Ctx) {
  const items = [];
  for (const t of listBuiltInTemplates())
    if (t.purpose !== 'auth') items.push(await describe(ctx, t));
  return { items };
}

export async function getTemplate(ctx: Ctx, key: string) {
  return describe(ctx, templateOrThrow(key));
}

export async function saveTemplateText(
  ctx: Ctx,
  input: {
    key: string;
    channel: ChannelName;
    language: Language;
    subject?: string | null;
    body: string;
  },
) {
  const template = templateOrThrow(input.key);
  if (!template.channels[input.channel])
    throw new AppError('MESSAGE_CHANNEL_NOT_IN_TEMPLATE', { field: 'channel' });
  const text = { body: input.body, ...(input.subject ? { subject: input.subject } : {}) };
  assertTemplateText(template, input.channel, text);
  const now = ctx.clock.now();
  await ctx.tx
    .insert(messageTemplates)
    .values({
      tenantId: ctx.tenantId,
      key: input.key,
      channel: input.channel,
      language: input.language,
      subject: input.subject ?? null,
      body: input.body,
      version: 1,
      updatedBy: ctx.actor.id,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [
        messageTemplates.tenantId,
        messageTemplates.key,
        messageTemplates.channel,
        messageTemplates.language,
      ],
      set: {
        subject: input.subject ?? null,
        body: input.body,
        version: sql`${messageTemplates.version} + 1`,
        updatedBy: ctx.actor.id,
        updatedAt: now,
      },
    });
  await recordAudit(ctx, {
    action: 'messageTemplate.saved',
    entityType: 'message_template',
    entityId: null,
    changes: { key: input.key, channel: input.channel, language: input.language, body: input.body },
  });
  return describe(ctx, template);
}

export async function resetTemplateText(
  ctx: Ctx,
  input: { key: string; channel: ChannelName; language: Language },
) {
  const template = templateOrThrow(input.key);
  await ctx.tx
    .delete(messageTemplates)
    .where(
      and(
        eq(messageTemplates.key, input.key),
        eq(messageTemplates.channel, input.channel),
        eq(messageTemplates.language, input.language),
      ),
    );
  await recordAudit(ctx, {
    action: 'messageTemplate.reset',
    entityType: 'message_template',
    entityId: null,
    changes: input,
  });
  return describe(ctx, template);
}

/** Renders a draft as the customer would see it (their name and car), without saving it. */
export async function previewTemplate(
  ctx: Ctx,
  key: string,
  input: {
    channel: ChannelName;
    language: Language;
    subject?: string | null;
    body: string;
    customerId?: string | null;
  },
) {
  const template = templateOrThrow(key);
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(VARIABLES).map(([k, v]) => [k, v.sample]),
  );
  const [tenant] = await queryRows<{ name: string }>(
    ctx.tx,
    sql`select name from tenants where tenant_id = ${ctx.tenantId}`,
  );
  if (tenant) values['tenant.name'] = tenant.name;
  if (input.customerId) {
    const [c] = await ctx.tx
      .select({ name: customers.name })
      .from(customers)
      .where(and(eq(customers.id, input.customerId), isNull(customers.mergedIntoId)));
    if (!c) throw new AppError('NOT_FOUND', { field: 'customerId' });
    values['customer.name'] = c.name ?? '';
    const [v] = await ctx.tx
      .select({ plate: vehicles.plate, model: vehicles.model })
      .from(vehicles)
      .where(eq(vehicles.customerId, input.customerId))
      .orderBy(desc(vehicles.createdAt))
      .limit(1);
    if (v?.plate) values['vehicle.plate'] = v.plate;
    if (v?.model) values['vehicle.model'] = v.model;
  }
  const text = { body: input.body, ...(input.subject ? { subject: input.subject } : {}) };
  const problem = checkTemplateText(template, input.channel, text);
  const r = renderText(template, input.channel, text, values);
  const rendered = r.ok
    ? r.rendered
    : {
        text: fill(input.body, values).text,
        subject: input.subject ? fill(input.subject, values).text : undefined,
      };
  return {
    subject: rendered.subject ?? null,
    text: rendered.text,
    html: 'html' in rendered ? (rendered.html ?? null) : null,
    sms:
      input.channel === 'sms'
        ? { ...smsSegments(rendered.text), maxSegments: SMS_MAX_SEGMENTS }
        : null,
    problem: problem
      ? { code: problem.code, variable: problem.variable ?? null, field: problem.field }
      : null,
  };
}

// ---- messages ----

type IntentRow = typeof messageIntents.$inferSelect;
type DeliveryRow = typeof messageDeliveries.$inferSelect;

function deliveryDto(d: DeliveryRow) {
  return {
    id: d.id,
    channel: d.channel as ChannelName,
    provider: d.provider,
    address: d.address,
    status: d.status,
    reason: d.reason,
    subject: d.subject && maskSecrets(d.subject),
    body: d.body && maskSecrets(d.body),
    attempts: d.attempts,
    nextAttemptAt: ['queued', 'waiting'].includes(d.status) ? isoOrNull(d.nextAttemptAt) : null,
    error: d.error,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

async function messageDtos(ctx: Ctx, intents: IntentRow[]) {
  if (!intents.length) return [];
  const ids = intents.map((i) => i.id);
  const deliveries = await ctx.tx
    .select()
    .from(messageDeliveries)
    .where(inArray(messageDeliveries.intentId, ids))
    .orderBy(asc(messageDeliveries.createdAt));
  const custIds = [...new Set(intents.flatMap((i) => (i.customerId ? [i.customerId] : [])))];
  const names = custIds.length
    ? await ctx.tx
        .select({ id: customers.id, name: customers.name })
        .from(customers)
        .where(inArray(customers.id, custIds))
    : [];
  return intents.map((i) => ({
    id: i.id,
    customerId: i.customerId,
    customerName: names.find((n) => n.id === i.customerId)?.name ?? null,
    toAddress: i.toAddress,
    templateKey: i.templateKey,
    templateName: templateName(i.templateKey, ctx.locale),
    purpose: i.purpose,
    priority: i.priority,
    status: i.status,
    reason: i.reason,
    notBefore: i.notBefore.toISOString(),
    source: { type: i.sourceType, id: i.sourceId },
    createdAt: i.createdAt.toISOString(),
    deliveries: deliveries.filter((d) => d.intentId === i.id).map(deliveryDto),
  }));
}

export async function listMessages(
  ctx: Ctx,
  q: {
    status?: IntentRow['status'];
    channel?: ChannelName;
    purpose?: IntentRow['purpose'];
    templateKey?: string;
    customerId?: string;
    cursor?: string;
    limit: number;
  },
) {
  const paging = newestFirst('message_intents', 'created_at', q.cursor);
  const rows = await ctx.tx
    .select({ intent: messageIntents, sortKey: paging.sortKey })
    .from(messageIntents)
    .where(
      and(
        paging.after,
        q.status ? eq(messageIntents.status, q.status) : undefined,
        q.purpose ? eq(messageIntents.purpose, q.purpose) : undefined,
        q.templateKey ? eq(messageIntents.templateKey, q.templateKey) : undefined,
        q.customerId ? eq(messageIntents.customerId, q.customerId) : undefined,
        q.channel
          ? sql`exists (select 1 from message_deliveries d where d.tenant_id = ${messageIntents.tenantId} and d.intent_id = ${messageIntents.id} and d.channel = ${q.channel})`
          : undefined,
      ),
    )
    .orderBy(desc(messageIntents.createdAt), desc(messageIntents.id))
    .limit(q.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, q.limit, (r) => [r.sortKey, r.intent.id]);
  return {
    items: await messageDtos(
      ctx,
      pageRows.map((r) => r.intent),
    ),
    nextCursor,
  };
}

export async function getMessage(ctx: Ctx, intentId: string) {
  const [intent] = await ctx.tx
    .select()
    .from(messageIntents)
    .where(eq(messageIntents.id, intentId));
  if (!intent) throw new AppError('NOT_FOUND', { field: 'intentId' });
  const [dto] = await messageDtos(ctx, [intent]);
  const events = await ctx.tx
    .select()
    .from(messageEvents)
    .where(eq(messageEvents.intentId, intentId))
    .orderBy(asc(messageEvents.at), asc(messageEvents.id));
  return {
    ...dto!,
    data: maskSecretsDeep(intent.data),
    timeline: [
      {
        id: `${intent.id}:created`,
        type: 'queued',
        channel: null,
        deliveryId: null,
        reason: null,
        detail: { notBefore: intent.notBefore.toISOString() },
        at: intent.createdAt.toISOString(),
      },
      ...events.map((e) => ({
        id: e.id,
        type: e.type,
        channel: e.channel,
        deliveryId: e.deliveryId,
        reason: e.reason,
        detail: e.detail ?? null,
        at: e.at.toISOString(),
      })),
    ],
  };
}

// ---- settings ----

export async function getSettings(ctx: Ctx) {
  const [s] = await ctx.tx.select().from(messagingSettings);
  return {
    quietStart: s?.quietStart ?? '21:00',
    quietEnd: s?.quietEnd ?? '08:00',
    marketingPerDay: s?.marketingPerDay ?? 1,
    marketingPerWeek: s?.marketingPerWeek ?? 2,
    fallbackMinutes: s?.fallbackMinutes ?? 30,
    reminderGapDays: s?.reminderGapDays ?? 1,
  };
}

export async function saveSettings(ctx: Ctx, input: Awaited<ReturnType<typeof getSettings>>) {
  await ctx.tx
    .insert(messagingSettings)
    .values({ tenantId: ctx.tenantId, ...input, updatedAt: ctx.clock.now() })
    .onConflictDoUpdate({
      target: messagingSettings.tenantId,
      set: { ...input, updatedAt: ctx.clock.now() },
    });
  await recordAudit(ctx, {
    action: 'messaging.settingsSaved',
    entityType: 'messaging_settings',
    entityId: null,
    changes: input,
  });
  return getSettings(ctx);
}

// ---- unsubscribe ----

export function tenantOfUnsubscribe(token: string): string {
  const claims = readUnsubscribe(token);
  if (!claims) throw new AppError('UNSUBSCRIBE_LINK_INVALID', { field: 'token' });
  return claims.tenantId;
}

async function verified(ctx: Ctx, token: string) {
  const claims = readUnsubscribe(token);
  const [s] = await ctx.tx.select({ key: messagingSettings.signingKey }).from(messagingSettings);
  if (!claims || !s || claims.tenantId !== ctx.tenantId || !verifyUnsubscribe(s.key, token))
    throw new AppError('UNSUBSCRIBE_LINK_INVALID', { field: 'token' });
  const [c] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, claims.customerId));
  if (!c) throw new AppError('UNSUBSCRIBE_LINK_INVALID', { field: 'token' });
  const [tenant] = await queryRows<{ name: string }>(
    ctx.tx,
    sql`select name from tenants where tenant_id = ${ctx.tenantId}`,
  );
  return { ...claims, tenantName: tenant?.name ?? '' };
}

export async function unsubscribeInfo(ctx: Ctx, token: string) {
  const v = await verified(ctx, token);
  const consents = await currentConsents(ctx, v.customerId);
  const subscribed = consents.some(
    (c) => c.channel === v.channel && c.purpose === 'marketing' && c.granted,
  );
  return { tenantName: v.tenantName, channel: v.channel, subscribed };
}

/** Withdraws marketing consent on the link's channel (recorded as `unsubscribe_link`). */
export async function unsubscribe(ctx: Ctx, token: string) {
  const v = await verified(ctx, token);
  await recordConsents(
    ctx,
    v.customerId,
    [{ channel: v.channel, purpose: 'marketing', granted: false }],
    'unsubscribe_link',
  );
  return { tenantName: v.tenantName, channel: v.channel, subscribed: false };
}
