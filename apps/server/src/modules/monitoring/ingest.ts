// What a fetch comes to, in the feed's tenant: the health recorded on the feed (success, or the
// failure reason with the next attempt backed off), new entries stored once per feed, every new
// entry run through the rules and the crisis check, and the immediate alerts queued.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { nextAttemptAt } from './backoff.ts';
import { decodeFeedBytes } from './charset.ts';
import { detectCrisis } from './crisis.ts';
import type { FetchOutcome } from './fetch-feed.ts';
import { crisisInput, rulesForFeeds } from './monitoring.service.ts';
import { monitorFeeds, monitorItems, monitorMatches } from './monitoring.tables.ts';
import { contactsOf, tellStaff } from '../identity/index.ts';
import { dedupeKeyOf, parseFeedText, type FeedEntry } from './parse-feed.ts';
import { matchRule } from './rules.ts';

type FeedRow = typeof monitorFeeds.$inferSelect;
type ItemRow = typeof monitorItems.$inferSelect;
type RuleRow = Awaited<ReturnType<typeof rulesForFeeds>>[number];

export interface IngestResult {
  result: FeedRow['lastResult'];
  newItems: number;
  matches: number;
  crises: number;
}

/** Records a failed fetch: the reason, and the next attempt backed off. */
export async function recordFailure(
  ctx: Ctx,
  feed: FeedRow,
  f: {
    reason: NonNullable<FeedRow['lastResult']>;
    detail: string;
    httpStatus?: number;
    retryAfterMs?: number | null;
  },
): Promise<IngestResult> {
  const now = ctx.clock.now();
  const failures = feed.consecutiveFailures + 1;
  await ctx.tx
    .update(monitorFeeds)
    .set({
      lastFetchAt: now,
      lastResult: f.reason,
      lastError: f.detail.slice(0, 300),
      lastHttpStatus: f.httpStatus ?? null,
      consecutiveFailures: failures,
      nextFetchAt: nextAttemptAt(now, failures, f.retryAfterMs),
      updatedAt: now,
    })
    .where(eq(monitorFeeds.id, feed.id));
  return { result: f.reason, newItems: 0, matches: 0, crises: 0 };
}

async function recordSuccess(
  ctx: Ctx,
  feed: FeedRow,
  r: { result: 'ok' | 'not_modified'; etag: string | null; lastModified: string | null },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.tx
    .update(monitorFeeds)
    .set({
      lastFetchAt: now,
      lastSuccessAt: now,
      lastResult: r.result,
      lastError: null,
      lastHttpStatus: r.result === 'ok' ? 200 : 304,
      consecutiveFailures: 0,
      etag: r.etag?.slice(0, 500) ?? (r.result === 'not_modified' ? feed.etag : null),
      lastModified:
        r.lastModified?.slice(0, 100) ?? (r.result === 'not_modified' ? feed.lastModified : null),
      nextFetchAt: nextAttemptAt(now, 0),
      updatedAt: now,
    })
    .where(eq(monitorFeeds.id, feed.id));
}

/** Stores the entries not seen before; answers the new rows. */
export async function storeEntries(
  ctx: Ctx,
  feedId: string,
  entries: readonly FeedEntry[],
): Promise<ItemRow[]> {
  const now = ctx.clock.now();
  const seen = new Set<string>();
  const values = [];
  for (const e of entries) {
    const key = dedupeKeyOf(e);
    if (seen.has(key) || (!e.title && !e.summary)) continue;
    seen.add(key);
    values.push({
      tenantId: ctx.tenantId,
      id: newId(),
      feedId,
      dedupeKey: key,
      title: e.title,
      summary: e.summary,
      author: e.author,
      link: e.link,
      publishedAt: e.publishedAt,
      fetchedAt: now,
    });
  }
  if (!values.length) return [];
  return ctx.tx.insert(monitorItems).values(values).onConflictDoNothing().returning();
}

interface NewMatch {
  item: ItemRow;
  reason: string;
  rule: RuleRow | null;
  crisis: boolean;
  terms: string[];
}

/** The rule and crisis matches of new items. */
function findMatches(
  items: readonly ItemRow[],
  rules: readonly RuleRow[],
  crisis: { names: string[]; extraWords: string[] },
): NewMatch[] {
  const found: NewMatch[] = [];
  for (const item of items) {
    for (const rule of rules) {
      if (rule.feedId && rule.feedId !== item.feedId) continue;
      const terms = matchRule(rule, item);
      if (terms) found.push({ item, reason: `rule:${rule.id}`, rule, crisis: false, terms });
    }
    const hit = detectCrisis(item, crisis);
    if (hit)
      found.push({
        item,
        reason: 'crisis',
        rule: null,
        crisis: true,
        terms: [...hit.names, ...hit.words],
      });
  }
  return found;
}

/** Stores matches of new items and queues immediate alerts; answers the counts. */
export async function matchItems(
  ctx: Ctx,
  feed: Pick<FeedRow, 'id' | 'name'>,
  items: readonly ItemRow[],
  opts: { notify: boolean } = { notify: true },
): Promise<{ matches: number; crises: number }> {
  if (!items.length) return { matches: 0, crises: 0 };
  const rules = await rulesForFeeds(ctx, [feed.id]);
  const found = findMatches(items, rules, await crisisInput(ctx));
  let matches = 0;
  let crises = 0;
  for (const m of found) {
    const delivery = m.crisis ? 'immediate' : m.rule!.delivery;
    const [row] = await ctx.tx
      .insert(monitorMatches)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        itemId: m.item.id,
        feedId: m.item.feedId,
        reason: m.reason,
        ruleId: m.rule?.id ?? null,
        crisis: m.crisis,
        terms: m.terms,
        delivery,
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: monitorMatches.id });
    if (!row) continue;
    matches++;
    if (m.crisis) crises++;
    if (delivery === 'immediate' && opts.notify) await alert(ctx, feed, m, row.id);
  }
  return { matches, crises };
}

async function alert(
  ctx: Ctx,
  feed: Pick<FeedRow, 'name'>,
  m: NewMatch,
  matchId: string,
): Promise<void> {
  const contacts = m.crisis
    ? await contactsOf(ctx, { roles: ['owner', 'manager'] })
    : m.rule!.recipientStaffIds.length
      ? await contactsOf(ctx, { ids: m.rule!.recipientStaffIds })
      : await contactsOf(ctx, { roles: ['owner'] });
  const head = m.crisis
    ? `【舆情预警 / Crisis alert】${feed.name}`
    : `【舆情监测 / Monitoring】${m.rule!.name} · ${feed.name}`;
  const text =
    `${head}\n${m.item.title}\n${m.item.summary.slice(0, 300)}\n` +
    `${m.item.link ?? ''}\n关键词 / Terms: ${m.terms.join('、')}\n` +
    `请到控制台「内容 · 舆情监测」查看。Open Content · Monitoring in the console.`;
  const queued = await tellStaff(ctx, contacts, {
    subject: head,
    text,
    short: `${head}：${m.item.title.slice(0, 40)}`,
    dedupeKey: `monitor-match:${matchId}`,
  });
  if (queued)
    await ctx.tx
      .update(monitorMatches)
      .set({ notifiedAt: ctx.clock.now() })
      .where(eq(monitorMatches.id, matchId));
}

/** Records one fetch's outcome for a feed (its row locked by the caller's claim). Never throws on the feed's content. */
export async function ingestOutcome(
  ctx: Ctx,
  feed: FeedRow,
  outcome: FetchOutcome,
): Promise<IngestResult> {
  if (outcome.kind === 'failed') return recordFailure(ctx, feed, outcome);
  if (outcome.kind === 'not_modified') {
    await recordSuccess(ctx, feed, { result: 'not_modified', ...outcome });
    return { result: 'not_modified', newItems: 0, matches: 0, crises: 0 };
  }
  const parsed = parseFeedText(decodeFeedBytes(outcome.body, outcome.contentType));
  if (!parsed.ok) return recordFailure(ctx, feed, { reason: 'not_a_feed', detail: parsed.detail });
  await recordSuccess(ctx, feed, { result: 'ok', ...outcome });
  const items = await storeEntries(ctx, feed.id, parsed.entries);
  const { matches, crises } = await matchItems(ctx, feed, items);
  return { result: 'ok', newItems: items.length, matches, crises };
}

/** Feed rows by id in the tenant (for the fetch of one feed). */
export async function feedRow(ctx: Ctx, feedId: string): Promise<FeedRow | null> {
  const [f] = await ctx.tx
    .select()
    .from(monitorFeeds)
    .where(eq(monitorFeeds.id, feedId))
    .for('update');
  return f ?? null;
}
