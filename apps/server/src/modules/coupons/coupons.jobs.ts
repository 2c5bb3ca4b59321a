// Coupons' periodic work, for jobs/queue.ts (cron in UTC): member-card codes live five minutes and
// a card deletes its own old ones when it shows a new one; this purge takes the rest, across
// tenants with the owner connection, a day after they expired.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { JobDef } from '../../jobs/queue.ts';
import { memberCardTokens } from './coupons.tables.ts';

/** Deletes member-card tokens expired more than a day before `now`; returns how many. */
export async function purgeExpiredCardTokens(adminDb: Db, now: Date): Promise<number> {
  const gone = await adminDb
    .delete(memberCardTokens)
    .where(
      sql`${memberCardTokens.expiresAt} < (${now.toISOString()}::timestamptz - interval '1 day')`,
    )
    .returning({ token: memberCardTokens.token });
  return gone.length;
}

export const COUPON_JOBS: JobDef[] = [
  {
    name: 'coupons.purge-card-tokens',
    cron: '17 * * * *',
    handler: async (_data, { database, clock, log }) => {
      const purged = await purgeExpiredCardTokens(database.adminDb, clock.now());
      if (purged) log.info({ memberCardTokens: purged }, 'purged expired member-card tokens');
    },
  },
];
