// The monitoring jobs as the queue runs them: the fetcher every minute (it does work only when a
// feed is due, so a feed made due by "fetch now" is read within a minute), the digest each day at
// 01:00 UTC (09:00 in China), and the nightly purge of old items no rule or crisis matched.
import { sql } from 'drizzle-orm';
import type { JobDef } from '../../jobs/queue.ts';
import { fetchDueFeeds, monitorDigestTick } from './monitoring.jobs.ts';

export const MONITORING_JOBS: JobDef[] = [
  {
    name: 'monitoring.fetch',
    cron: '* * * * *',
    handler: async (_d, { database, clock, log, monitorAllowPrivate }) => {
      await fetchDueFeeds({ database, clock, log, allowPrivate: monitorAllowPrivate ?? false });
    },
  },
  {
    name: 'monitoring.digest',
    cron: '0 1 * * *',
    handler: async (_d, { database, clock, log }) => {
      await monitorDigestTick({ database, clock, log });
    },
  },
  {
    // Items are kept to recognise them on the next fetch; after half a year a feed no longer
    // lists them. Matched items stay with their matches.
    name: 'monitoring.purge-items',
    cron: '23 2 * * *',
    handler: async (_d, { database, clock }) => {
      await database.adminDb.execute(
        sql`delete from monitor_items i
             where i.fetched_at < (${clock.now().toISOString()}::timestamptz - interval '180 days')
               and not exists (select 1 from monitor_matches m
                                where m.tenant_id = i.tenant_id and m.item_id = i.id)`,
      );
    },
  },
];
