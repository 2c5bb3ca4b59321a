// Credentials past their time: sessions, sign-in codes and password links, purged hourly.
import type { JobDef } from '../../jobs/queue.ts';
import { purgeExpiredCredentials } from './identity.service.ts';

export const IDENTITY_JOBS: JobDef[] = [
  {
    name: 'identity.purge-expired',
    cron: '17 * * * *',
    handler: async (_data, { database, clock }) => {
      await purgeExpiredCredentials(database.adminDb, clock.now());
    },
  },
];
