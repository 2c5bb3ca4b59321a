// Keeping what the shop watches: feeds (added active and due at once, paused and resumed), keyword
// rules with their recipients, and the crisis settings (aliases and extra negative words).
import { asc, count, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { iso, isoOrNull } from '../../kernel/paging.ts';
import { sanitizePlainText } from '../../kernel/sanitize.ts';
import { recordAudit } from '../audit/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { getTenant, listStoresFor } from '../tenancy/index.ts';
import { literalBlocked } from './address-guard.ts';
import { BUILT_IN_NEGATIVE_WORDS } from './crisis.ts';
import { normaliseTerm } from './rules.ts';
import type {
  CreateFeedBody,
  CreateRuleBody,
  FeedDto,
  RuleDto,
  SettingsBody,
  SettingsDto,
  UpdateFeedBody,
  UpdateRuleBody,
} from './monitoring.schemas.ts';
import { monitorFeeds, monitorItems, monitorRules, monitorSettings } from './monitoring.tables.ts';
import type { z } from 'zod';

type FeedRow = typeof monitorFeeds.$inferSelect;
type RuleRow = typeof monitorRules.$inferSelect;

const clean = (s: string) => sanitizePlainText(s).trim();

function feedDto(f: FeedRow, itemCount: number): FeedDto {
  return {
    id: f.id,
    name: f.name,
    kind: f.kind,
    url: f.url,
    status: f.status,
    lastFetchAt: isoOrNull(f.lastFetchAt),
    lastSuccessAt: isoOrNull(f.lastSuccessAt),
    lastResult: f.lastResult,
    lastError: f.lastError,
    lastHttpStatus: f.lastHttpStatus,
    consecutiveFailures: f.consecutiveFailures,
    nextFetchAt: f.status === 'paused' ? null : iso(f.nextFetchAt),
    itemCount,
    createdAt: iso(f.createdAt),
  };
}

/** A feed address as saved: http(s), no credentials, not an internal IP literal. */
export function checkFeedUrl(raw: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('MONITOR_FEED_URL_INVALID', { field: 'url' });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw new AppError('MONITOR_FEED_URL_INVALID', { field: 'url' });
  if (literalBlocked(url, allowPrivate))
    throw new AppError('MONITOR_FEED_URL_BLOCKED', { field: 'url' });
  return url.toString();
}

export async function listFeeds(ctx: Ctx): Promise<{ items: FeedDto[] }> {
  const feeds = await ctx.tx.select().from(monitorFeeds).orderBy(asc(monitorFeeds.createdAt));
  const counts = await ctx.tx
    .select({ feedId: monitorItems.feedId, n: count() })
    .from(monitorItems)
    .groupBy(monitorItems.feedId);
  const by = new Map(counts.map((c) => [c.feedId, Number(c.n)]));
  return { items: feeds.map((f) => feedDto(f, by.get(f.id) ?? 0)) };
}

export async function getFeed(ctx: Ctx, feedId: string): Promise<FeedDto> {
  const [f] = await ctx.tx.select().from(monitorFeeds).where(eq(monitorFeeds.id, feedId));
  if (!f) throw new AppError('NOT_FOUND');
  const [c] = await ctx.tx
    .select({ n: count() })
    .from(monitorItems)
    .where(eq(monitorItems.feedId, feedId));
  return feedDto(f, Number(c?.n ?? 0));
}

export async function createFeed(
  ctx: Ctx,
  input: z.infer<typeof CreateFeedBody>,
  opts: { allowPrivate: boolean },
): Promise<FeedDto> {
  const url = checkFeedUrl(input.url, opts.allowPrivate);
  const now = ctx.clock.now();
  const id = newId();
  const rows = await ctx.tx
    .insert(monitorFeeds)
    .values({
      tenantId: ctx.tenantId,
      id,
      name: clean(input.name) || input.name.trim(),
      kind: input.kind,
      url,
      nextFetchAt: now,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: monitorFeeds.id });
  if (!rows.length) throw new AppError('MONITOR_FEED_EXISTS', { field: 'url' });
  await recordAudit(ctx, {
    action: 'monitor_feed.created',
    entityType: 'monitor_feed',
    entityId: id,
    changes: { name: input.name, url },
  });
  return getFeed(ctx, id);
}

export async function updateFeed(
  ctx: Ctx,
  feedId: string,
  input: z.infer<typeof UpdateFeedBody>,
): Promise<FeedDto> {
  const now = ctx.clock.now();
  const [before] = await ctx.tx.select().from(monitorFeeds).where(eq(monitorFeeds.id, feedId));
  if (!before) throw new AppError('NOT_FOUND');
  const resumed = input.status === 'active' && before.status === 'paused';
  await ctx.tx
    .update(monitorFeeds)
    .set({
      ...(input.name !== undefined ? { name: clean(input.name) || input.name.trim() } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      // Resuming a feed is a fresh start: due now, the old failure streak forgotten.
      ...(resumed ? { nextFetchAt: now, consecutiveFailures: 0 } : {}),
      updatedAt: now,
    })
    .where(eq(monitorFeeds.id, feedId));
  await recordAudit(ctx, {
    action: 'monitor_feed.updated',
    entityType: 'monitor_feed',
    entityId: feedId,
    changes: input,
  });
  return getFeed(ctx, feedId);
}

export async function deleteFeed(ctx: Ctx, feedId: string): Promise<void> {
  const rows = await ctx.tx
    .delete(monitorFeeds)
    .where(eq(monitorFeeds.id, feedId))
    .returning({ id: monitorFeeds.id });
  if (!rows.length) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'monitor_feed.deleted',
    entityType: 'monitor_feed',
    entityId: feedId,
  });
}

// ---- rules ----

function ruleDto(r: RuleRow): RuleDto {
  return {
    id: r.id,
    name: r.name,
    feedId: r.feedId,
    include: r.include,
    exclude: r.exclude,
    fields: r.fields,
    delivery: r.delivery,
    recipientStaffIds: r.recipientStaffIds,
    active: r.active,
    createdAt: iso(r.createdAt),
  };
}

const terms = (list: readonly string[]) => [
  ...new Set(list.map((t) => normaliseTerm(clean(t))).filter((t): t is string => t !== null)),
];

async function checkRuleRefs(
  ctx: Ctx,
  input: { feedId?: string | null; recipientStaffIds?: readonly string[] },
): Promise<void> {
  if (input.feedId) {
    const [f] = await ctx.tx
      .select({ id: monitorFeeds.id })
      .from(monitorFeeds)
      .where(eq(monitorFeeds.id, input.feedId));
    if (!f) throw new AppError('MONITOR_FEED_UNKNOWN', { field: 'feedId' });
  }
  const ids = [...new Set(input.recipientStaffIds ?? [])];
  if (ids.length) {
    const staff = await listStaffMembers(ctx, { ids });
    if (staff.filter((s) => s.active).length !== ids.length)
      throw new AppError('MONITOR_RECIPIENT_UNKNOWN', { field: 'recipientStaffIds' });
  }
}

export async function listRules(ctx: Ctx): Promise<{ items: RuleDto[] }> {
  const rows = await ctx.tx.select().from(monitorRules).orderBy(asc(monitorRules.createdAt));
  return { items: rows.map(ruleDto) };
}

export async function createRule(
  ctx: Ctx,
  input: z.infer<typeof CreateRuleBody>,
): Promise<RuleDto> {
  const include = terms(input.include);
  if (!include.length) throw new AppError('MONITOR_RULE_TERMS_EMPTY', { field: 'include' });
  await checkRuleRefs(ctx, input);
  const now = ctx.clock.now();
  const [row] = await ctx.tx
    .insert(monitorRules)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      name: clean(input.name) || input.name.trim(),
      feedId: input.feedId,
      include,
      exclude: terms(input.exclude),
      fields: [...new Set(input.fields)],
      delivery: input.delivery,
      recipientStaffIds: [...new Set(input.recipientStaffIds)],
      active: input.active,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'monitor_rule.created',
    entityType: 'monitor_rule',
    entityId: row!.id,
    changes: { name: row!.name, include },
  });
  return ruleDto(row!);
}

export async function updateRule(
  ctx: Ctx,
  ruleId: string,
  input: z.infer<typeof UpdateRuleBody>,
): Promise<RuleDto> {
  const include = input.include ? terms(input.include) : undefined;
  if (include && !include.length)
    throw new AppError('MONITOR_RULE_TERMS_EMPTY', { field: 'include' });
  await checkRuleRefs(ctx, input);
  const [row] = await ctx.tx
    .update(monitorRules)
    .set({
      ...(input.name !== undefined ? { name: clean(input.name) || input.name.trim() } : {}),
      ...(input.feedId !== undefined ? { feedId: input.feedId } : {}),
      ...(include ? { include } : {}),
      ...(input.exclude ? { exclude: terms(input.exclude) } : {}),
      ...(input.fields ? { fields: [...new Set(input.fields)] } : {}),
      ...(input.delivery ? { delivery: input.delivery } : {}),
      ...(input.recipientStaffIds
        ? { recipientStaffIds: [...new Set(input.recipientStaffIds)] }
        : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(monitorRules.id, ruleId))
    .returning();
  if (!row) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'monitor_rule.updated',
    entityType: 'monitor_rule',
    entityId: ruleId,
    changes: input,
  });
  return ruleDto(row);
}

export async function deleteRule(ctx: Ctx, ruleId: string): Promise<void> {
  const rows = await ctx.tx
    .delete(monitorRules)
    .where(eq(monitorRules.id, ruleId))
    .returning({ id: monitorRules.id });
  if (!rows.length) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'monitor_rule.deleted',
    entityType: 'monitor_rule',
    entityId: ruleId,
  });
}

/** The active rules that apply to a feed (its own and those for every feed). */
export async function rulesForFeeds(ctx: Ctx, feedIds: readonly string[]): Promise<RuleRow[]> {
  const rows = await ctx.tx.select().from(monitorRules).where(eq(monitorRules.active, true));
  return rows.filter((r) => r.feedId === null || feedIds.includes(r.feedId));
}

// ---- crisis settings ----

/** The names always watched for crisis: the tenant's and its stores'. */
async function businessNames(ctx: Ctx): Promise<string[]> {
  const tenant = await getTenant(ctx);
  const stores = await listStoresFor(ctx, null);
  return [...new Set([tenant.name, ...stores.map((s) => s.name)].filter(Boolean))];
}

export async function getSettings(ctx: Ctx): Promise<SettingsDto> {
  const [s] = await ctx.tx.select().from(monitorSettings);
  return {
    aliases: s?.aliases ?? [],
    negativeWords: s?.negativeWords ?? [],
    builtInNegativeWords: [...BUILT_IN_NEGATIVE_WORDS],
    names: await businessNames(ctx),
  };
}

export async function putSettings(
  ctx: Ctx,
  input: z.infer<typeof SettingsBody>,
): Promise<SettingsDto> {
  const aliases = terms(input.aliases).map((t) => t.replace(/\*/gu, ''));
  const negativeWords = terms(input.negativeWords).map((t) => t.replace(/\*/gu, ''));
  const now = ctx.clock.now();
  await ctx.tx
    .insert(monitorSettings)
    .values({ tenantId: ctx.tenantId, aliases, negativeWords, updatedAt: now })
    .onConflictDoUpdate({
      target: [monitorSettings.tenantId],
      set: { aliases, negativeWords, updatedAt: now },
    });
  await recordAudit(ctx, {
    action: 'monitor_settings.updated',
    entityType: 'monitor_settings',
    entityId: null,
    changes: { aliases, negativeWords },
  });
  return getSettings(ctx);
}

/** What crisis detection reads: every name of the business and the tenant's extra words. */
export async function crisisInput(ctx: Ctx): Promise<{ names: string[]; extraWords: string[] }> {
  const s = await getSettings(ctx);
  return { names: [...s.names, ...s.aliases], extraWords: s.negativeWords };
}

/** Makes an active feed due now (the fetcher picks it up within a minute). */
export async function fetchSoon(ctx: Ctx, feedId: string): Promise<FeedDto> {
  const now = ctx.clock.now();
  const rows = await ctx.tx
    .update(monitorFeeds)
    .set({ nextFetchAt: now, updatedAt: now })
    .where(eq(monitorFeeds.id, feedId))
    .returning({ id: monitorFeeds.id });
  if (!rows.length) throw new AppError('NOT_FOUND');
  return getFeed(ctx, feedId);
}

/** Who may be chosen to receive alerts: active owners, managers and advisors. */
export async function listRecipients(
  ctx: Ctx,
): Promise<{ items: { id: string; name: string; role: string }[] }> {
  const staff = await listStaffMembers(ctx, { roles: ['owner', 'manager', 'advisor'] });
  return { items: staff.map((s) => ({ id: s.id, name: s.name, role: s.role })) };
}
