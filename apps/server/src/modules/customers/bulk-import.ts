// A CSV import's customers, written set-based (one statement per chunk): the import decides who
// is new and what changed; the search columns derived from the name and phone are made here, as
// on every other write of a customer.
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { phoneDigits } from '../../kernel/phone.ts';
import { bulkUpdate } from '../../db/bulk.ts';
import { customers } from './customers.tables.ts';
import { nameInitials } from './search.ts';

/** The fields an import sets on a customer. */
export const IMPORTED_CUSTOMER_FIELDS = [
  'name',
  'phone',
  'gender',
  'birthday',
  'tags',
  'source',
  'homeStoreId',
  'notes',
  'externalId',
] as const;

export type ImportedCustomer = Pick<
  typeof customers.$inferSelect,
  'id' | (typeof IMPORTED_CUSTOMER_FIELDS)[number]
>;

const derived = (c: ImportedCustomer) => ({
  phoneDigits: phoneDigits(c.phone),
  nameInitials: nameInitials(c.name),
});

/** Inserts the batch's new customers and updates the changed ones, stamped `at`. */
export async function saveImportedCustomers(
  ctx: Ctx,
  batch: { created: ImportedCustomer[]; changed: ImportedCustomer[] },
  at: Date,
): Promise<void> {
  await bulkInsert(
    ctx.tx,
    customers,
    batch.created.map((c) => ({
      tenantId: ctx.tenantId,
      ...c,
      ...derived(c),
      createdAt: at,
      updatedAt: at,
    })),
  );
  await bulkUpdate(
    ctx.tx,
    customers,
    batch.changed.map((c) => ({ tenantId: ctx.tenantId, ...c, ...derived(c), updatedAt: at })),
    [...IMPORTED_CUSTOMER_FIELDS, 'phoneDigits', 'nameInitials', 'updatedAt'],
  );
}
