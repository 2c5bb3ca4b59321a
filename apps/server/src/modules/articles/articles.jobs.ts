// Scheduled publishing: every minute one query (owner connection) finds the tenants with a
// scheduled article whose time has come; in each tenant's scope those become published (the
// schedule's time is their publication date). Running twice publishes nothing twice.
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { sumOverTenants } from '../../jobs/system-ctx.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/logger.ts';
import { articles } from './articles.tables.ts';

export interface ArticleJobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

/** Publishes the tenant's due scheduled articles; answers how many. */
export async function publishDueArticles(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const done = await ctx.tx
    .update(articles)
    .set({
      status: 'published',
      publishedAt: sql`coalesce(${articles.publishedAt}, ${articles.publishAt})`,
      contentUpdatedAt: sql`case when ${articles.publishedAt} is null then null else ${articles.publishAt} end`,
      publishAt: null,
      updatedAt: now,
    })
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishAt, now)))
    .returning({ id: articles.id });
  return done.length;
}

export async function articleScheduleTick(deps: ArticleJobDeps): Promise<number> {
  const now = deps.clock.now();
  const published = await sumOverTenants(
    deps,
    sql`select distinct tenant_id from articles
        where status = 'scheduled' and publish_at <= ${now.toISOString()}::timestamptz`,
    publishDueArticles,
  );
  if (published) deps.log.info({ published }, 'scheduled articles published');
  return published;
}

export const ARTICLE_JOBS = [
  {
    name: 'articles.publish-due',
    cron: '* * * * *',
    handler: (_d: object, deps: ArticleJobDeps) => articleScheduleTick(deps).then(() => {}),
  },
];
