// The fetcher and the digest. Every minute one statement (owner connection) claims the feeds due
// across tenants, pushing their next attempt a lease ahead so a second worker skips them; each is
// fetched outside any transaction (at most FETCH_TIMEOUT_MS each, a few at a time), then its
// outcome is recorded in its tenant's scope. A failure of one feed — its server, its content or
// even recording it — is logged and never stops the others; a feed whose outcome could not be
// recorded is tried again when its lease runs out. Each morning the digest sends the day's
// `digest` matches, one message per recipient.
import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import { queryRows, type Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { systemCtx } from '../../jobs/system-ctx.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/logger.ts';
import type { AddressPolicy } from './address-guard.ts';
import { MINUTE_MS } from './backoff.ts';
import { fetchFeed, FETCH_TIMEOUT_MS, type FetchOutcome } from './fetch-feed.ts';
import { feedRow, ingestOutcome, recordFailure, type IngestResult } from './ingest.ts';
import { monitorFeeds, monitorItems, monitorMatches, monitorRules } from './monitoring.tables.ts';
import { contactsOf, tellStaff, type StaffContact as Contact } from '../identity/index.ts';

export interface MonitorJobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
  /** LIUKE_MONITOR_ALLOW_PRIVATE: feeds may be on loopback and private addresses (tests). */
  allowPrivate: AddressPolicy;
  /** Only these tenants' feeds (tests sharing one database). */
  onlyTenants?: string[];
  batchSize?: number;
  /** Injected fetch (tests); the real one by default. */
  fetch?: typeof fetchFeed;
}

/** How long a claimed feed is left alone by other workers. */
const LEASE_MS = 5 * MINUTE_MS;
const PARALLEL = 4;

interface Claimed {
  tenant_id: string;
  id: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
}

async function claimDue(deps: MonitorJobDeps): Promise<Claimed[]> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  return queryRows<Claimed>(
    deps.database.adminDb,
    sql`update monitor_feeds f set next_fetch_at = ${lease}::timestamptz
        from (select tenant_id, id from monitor_feeds
               where status = 'active' and next_fetch_at <= ${now.toISOString()}::timestamptz
               ${deps.onlyTenants ? sql`and tenant_id = any(${pgArray(deps.onlyTenants)}::uuid[])` : sql``}
               order by next_fetch_at limit ${deps.batchSize ?? 20}
               for update skip locked) due
        where f.tenant_id = due.tenant_id and f.id = due.id
        returning f.tenant_id, f.id, f.url, f.etag, f.last_modified`,
  );
}

async function fetchOne(deps: MonitorJobDeps, c: Claimed): Promise<IngestResult | null> {
  let outcome: FetchOutcome;
  try {
    outcome = await (deps.fetch ?? fetchFeed)({
      url: c.url,
      etag: c.etag,
      lastModified: c.last_modified,
      allowPrivate: deps.allowPrivate,
      now: deps.clock.now(),
      timeoutMs: FETCH_TIMEOUT_MS,
    });
  } catch (err) {
    outcome = { kind: 'failed', reason: 'connection', detail: String((err as Error).message) };
  }
  try {
    return await withTenant(deps.database.db, c.tenant_id, async (tx) => {
      const ctx = systemCtx(deps, c.tenant_id, tx);
      const feed = await feedRow(ctx, c.id);
      // Deleted or paused while it was being fetched: nothing to record.
      if (!feed || feed.status !== 'active') return null;
      return ingestOutcome(ctx, feed, outcome);
    });
  } catch (err) {
    deps.log.error({ err, feedId: c.id, tenantId: c.tenant_id }, 'could not record a feed fetch');
    return recordUnstorable(deps, c, err);
  }
}

/**
 * What a feed sent could not be stored (the database refused it): recorded as a failure of the
 * feed, so it backs off and shows why instead of being fetched again at every lease.
 */
async function recordUnstorable(
  deps: MonitorJobDeps,
  c: Claimed,
  err: unknown,
): Promise<IngestResult | null> {
  try {
    return await withTenant(deps.database.db, c.tenant_id, async (tx) => {
      const ctx = systemCtx(deps, c.tenant_id, tx);
      const feed = await feedRow(ctx, c.id);
      if (!feed || feed.status !== 'active') return null;
      return recordFailure(ctx, feed, {
        reason: 'not_a_feed',
        detail: `could not store its entries: ${String((err as Error).message)}`,
      });
    });
  } catch {
    return null;
  }
}

/** One pass of the fetcher; answers what each claimed feed came to. */
export async function fetchDueFeeds(deps: MonitorJobDeps): Promise<(IngestResult | null)[]> {
  const due = await claimDue(deps);
  const results: (IngestResult | null)[] = [];
  for (let i = 0; i < due.length; i += PARALLEL)
    results.push(...(await Promise.all(due.slice(i, i + PARALLEL).map((c) => fetchOne(deps, c)))));
  const failed = results.filter((r) => r && r.result !== 'ok' && r.result !== 'not_modified');
  if (due.length)
    deps.log.info(
      {
        feeds: due.length,
        failed: failed.length,
        crises: results.reduce((n, r) => n + (r?.crises ?? 0), 0),
      },
      'monitored feeds fetched',
    );
  return results;
}

// ---- the daily digest ----

/** Sends the tenant's undigested `digest` matches; answers how many matches went out. */
export async function sendMonitorDigest(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const rows = await ctx.tx
    .select({
      matchId: monitorMatches.id,
      terms: monitorMatches.terms,
      title: monitorItems.title,
      link: monitorItems.link,
      ruleName: monitorRules.name,
      recipients: monitorRules.recipientStaffIds,
      feedName: monitorFeeds.name,
    })
    .from(monitorMatches)
    .innerJoin(monitorItems, eq(monitorItems.id, monitorMatches.itemId))
    .innerJoin(monitorRules, eq(monitorRules.id, monitorMatches.ruleId))
    .innerJoin(monitorFeeds, eq(monitorFeeds.id, monitorMatches.feedId))
    .where(
      and(
        eq(monitorMatches.delivery, 'digest'),
        isNull(monitorMatches.digestedAt),
        gte(monitorMatches.createdAt, new Date(now.getTime() - 7 * 24 * 60 * MINUTE_MS)),
      ),
    );
  if (!rows.length) return 0;
  const owners = await contactsOf(ctx, { roles: ['owner'] });
  const perContact = new Map<string, { contact: Contact; lines: string[] }>();
  for (const r of rows) {
    const contacts = r.recipients.length ? await contactsOf(ctx, { ids: r.recipients }) : owners;
    for (const c of contacts) {
      const entry = perContact.get(c.id) ?? { contact: c, lines: [] };
      entry.lines.push(
        `· [${r.feedName}] ${r.title} (${r.ruleName}: ${r.terms.join('、')}) ${r.link ?? ''}`,
      );
      perContact.set(c.id, entry);
    }
  }
  const day = now.toISOString().slice(0, 10);
  for (const { contact, lines } of perContact.values())
    await tellStaff(ctx, [contact], {
      subject: `舆情监测日报 / Monitoring digest ${day}`,
      text: `${lines.slice(0, 50).join('\n')}${lines.length > 50 ? `\n… +${lines.length - 50}` : ''}`,
      short: `舆情监测日报：${lines.length} 条命中，请到控制台查看`,
      dedupeKey: `monitor-digest:${day}`,
    });
  await ctx.tx
    .update(monitorMatches)
    .set({ digestedAt: now })
    .where(
      inArray(
        monitorMatches.id,
        rows.map((r) => r.matchId),
      ),
    );
  return rows.length;
}

export async function monitorDigestTick(
  deps: Omit<MonitorJobDeps, 'allowPrivate'>,
): Promise<number> {
  const tenants = await queryRows<{ tenant_id: string }>(
    deps.database.adminDb,
    sql`select distinct tenant_id from monitor_matches where delivery = 'digest' and digested_at is null`,
  );
  let sent = 0;
  for (const { tenant_id: tenantId } of tenants) {
    if (deps.onlyTenants && !deps.onlyTenants.includes(tenantId)) continue;
    try {
      sent += await withTenant(deps.database.db, tenantId, (tx) =>
        sendMonitorDigest(systemCtx(deps, tenantId, tx)),
      );
    } catch (err) {
      deps.log.error({ err, tenantId }, 'monitoring digest failed');
    }
  }
  return sent;
}
