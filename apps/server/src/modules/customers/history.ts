// Customers as they already were (the demo tenant's history): rows written as given, in bulk,
// with their consents — no events, no audit entries (nothing happened now).
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { customerConsents, customers } from './customers.tables.ts';

export async function insertCustomerHistory(
  ctx: Ctx,
  rows: {
    customers: (typeof customers.$inferInsert)[];
    consents: (typeof customerConsents.$inferInsert)[];
  },
): Promise<void> {
  await bulkInsert(ctx.tx, customers, rows.customers);
  await bulkInsert(ctx.tx, customerConsents, rows.consents);
}
