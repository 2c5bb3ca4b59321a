// The monitoring jobs as the queue runs them: the fetcher every minute (it does work only when a
// feed is due, so a feed made due by "fetch now" is read within a minute), the digest each day at
// 01:00 UTC (09:00 in China).
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
];
