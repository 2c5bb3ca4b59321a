// The delivery log keeps 30 days (a delivery's attempts go with it); pending ones stay.
import { sql } from 'drizzle-orm';
import type { JobDef } from '../../jobs/queue.ts';

export const WEBHOOK_JOBS: JobDef[] = [
  {
    name: 'webhooks.purge-log',
    cron: '17 * * * *',
    handler: async (_data, { database, clock }) => {
      await database.adminDb.execute(
        sql`delete from webhook_deliveries where status <> 'pending' and created_at < (${clock.now().toISOString()}::timestamptz - interval '30 days')`,
      );
    },
  },
];
