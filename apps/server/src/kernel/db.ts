// The type of a Drizzle handle (the database or a transaction inside it), apart from the driver
// code in db/ so that the context every service receives depends on nothing above the kernel.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

export type Db = PgDatabase<PgQueryResultHKT>;
