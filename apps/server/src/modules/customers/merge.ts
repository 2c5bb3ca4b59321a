// Merging two records of one person: everything that points at the duplicate (cars, their
// ownership history, service orders, appointments, consents, and whatever later modules add
// with a customer_id column) is re-pointed at the survivor in one transaction, the survivor
// fills its empty fields from the duplicate, and the duplicate is kept, hidden, as merged.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { emitEvent } from '../../jobs/outbox.ts';
import { recordAudit } from '../audit/index.ts';
import type { CustomerMergeHook } from '../../app/module.ts';
import { customers } from './customers.tables.ts';

/**
 * Modules whose rows cannot simply be re-pointed (e.g. one account per customer) register a
 * hook that runs first, in the same transaction.
 */
export type MergeHook = CustomerMergeHook;
const hooks: MergeHook[] = [];
export const onCustomerMerge = (hook: MergeHook) => hooks.push(hook);

async function customerReferencingTables(ctx: Ctx): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    ctx.tx,
    sql`select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'customer_id' and t.table_type = 'BASE TABLE'
        order by c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

export async function mergeCustomers(ctx: Ctx, input: { survivorId: string; duplicateId: string }) {
  const { survivorId, duplicateId } = input;
  if (survivorId === duplicateId) {
    throw new AppError('CUSTOMER_MERGE_SELF', { field: 'duplicateId' });
  }
  // Lock both, in id order so two opposite merges cannot deadlock.
  const locked = await ctx.tx
    .select()
    .from(customers)
    .where(
      and(
        sql`${customers.id} in (${survivorId}, ${duplicateId})`,
        isNull(customers.mergedIntoId),
        isNull(customers.erasedAt),
      ),
    )
    .orderBy(customers.id)
    .for('update');
  const survivor = locked.find((c) => c.id === survivorId);
  const duplicate = locked.find((c) => c.id === duplicateId);
  if (!survivor) throw new AppError('NOT_FOUND');
  if (!duplicate) throw new AppError('NOT_FOUND', { field: 'duplicateId' });

  for (const hook of hooks) await hook(ctx, input);
  const moved: Record<string, number> = {};
  for (const table of await customerReferencingTables(ctx)) {
    const rows = await queryRows<{ n: number }>(
      ctx.tx,
      sql`with m as (update ${sql.identifier(table)} set customer_id = ${survivorId} where customer_id = ${duplicateId} returning 1)
          select count(*)::int as n from m`,
    );
    if (rows[0]!.n) moved[table] = rows[0]!.n;
  }
  const now = ctx.clock.now();
  await ctx.tx
    .update(customers)
    .set({
      name: survivor.name ?? duplicate.name,
      gender: survivor.gender === 'unknown' ? duplicate.gender : survivor.gender,
      birthday: survivor.birthday ?? duplicate.birthday,
      tags: [...new Set([...survivor.tags, ...duplicate.tags])],
      homeStoreId: survivor.homeStoreId ?? duplicate.homeStoreId,
      notes: [survivor.notes, duplicate.notes].filter(Boolean).join('\n') || null,
      email: survivor.email ?? duplicate.email,
      address: survivor.address ?? duplicate.address,
      // An objection to personalised marketing made under either record still stands.
      personalisedMarketingOff:
        survivor.personalisedMarketingOff || duplicate.personalisedMarketingOff,
      preferredChannel: survivor.preferredChannel ?? duplicate.preferredChannel,
      timezone: survivor.timezone ?? duplicate.timezone,
      externalId: survivor.externalId ?? null,
      updatedAt: now,
    })
    .where(eq(customers.id, survivorId));
  await ctx.tx
    .update(customers)
    .set({ mergedIntoId: survivorId, updatedAt: now })
    .where(eq(customers.id, duplicateId));
  await recordAudit(ctx, {
    action: 'customer.merged',
    entityType: 'customer',
    entityId: survivorId,
    changes: { duplicateId, duplicatePhone: duplicate.phone, duplicateName: duplicate.name, moved },
  });
  await emitEvent(ctx, {
    type: 'customer.merged',
    aggregateId: survivorId,
    payload: { survivorId, duplicateId, moved },
  });
  return { moved };
}
