// Addresses of erased customers (PIPL): a message to a phone on a tenant's erased list — whose
// number no live customer has taken since — is never sent, whichever path it takes.
import { sql, type SQL } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import type { Db } from '../../db/database.ts';
import { erasedPhoneHash } from '../../kernel/phone.ts';

/** The `tenant:address` keys among `items` that belong to erased customers. */
export async function erasedAddresses(
  tx: Db,
  items: { tenantId: string; address: string }[],
  query: <T>(db: Db, statement: SQL) => Promise<T[]>,
): Promise<Set<string>> {
  if (!items.length) return new Set();
  const rows = await query<{ tenant_id: string; addr: string }>(
    tx,
    sql`select x.tenant_id, x.addr
        from unnest(${pgArray(items.map((i) => i.tenantId))}::uuid[],
                    ${pgArray(items.map((i) => i.address))}::text[],
                    ${pgArray(items.map((i) => erasedPhoneHash(i.tenantId, i.address)))}::text[]) as x(tenant_id, addr, h)
        where exists (select 1 from erased_phones e where e.tenant_id = x.tenant_id and e.phone_hash = x.h)
          and not exists (select 1 from customers c where c.tenant_id = x.tenant_id and c.phone = x.addr and c.erased_at is null)`,
  );
  return new Set(rows.map((r) => `${r.tenant_id}:${r.addr}`));
}
