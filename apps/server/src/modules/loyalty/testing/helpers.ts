// Helpers for loyalty tests: a member with a car, paid orders, ledger invariant checks.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows, type Db } from '../../../db/database.ts';
import type { Session, TestEnv, TestTenant } from '../../../testing/harness.ts';

let phoneSeq = 0;
let plateSeq = 0;

export async function createMember(
  env: TestEnv,
  staff: Session,
  /** name null: an anonymous card (no name on file), as an app sign-up leaves it. */
  opts: { name?: string | null; phone?: string } = {},
): Promise<{ customerId: string; vehicleId: string }> {
  const phone =
    opts.phone ?? `139${String(10_000_000 + ((++phoneSeq * 7919) % 89_999_999)).padStart(8, '0')}`;
  const c = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: staff.headers,
    payload: { name: opts.name ?? '会员', phone },
  });
  if (c.statusCode !== 201) throw new Error(`customer: ${c.statusCode} ${c.body}`);
  if (opts.name === null)
    await env.database.adminDb.execute(
      sql`update customers set name = null where id = ${c.json().id as string}::uuid`,
    );
  const v = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${c.json().id}/vehicles`,
    headers: staff.headers,
    payload: { plate: `粤B${String(10000 + ++plateSeq).slice(-5)}` },
  });
  if (v.statusCode !== 201) throw new Error(`vehicle: ${v.statusCode} ${v.body}`);
  return { customerId: c.json().id, vehicleId: v.json().id };
}

/** Opens and completes an order with the given lines; answers its id. */
export async function completedOrder(
  env: TestEnv,
  tenant: TestTenant,
  staff: Session,
  member: { customerId: string; vehicleId: string },
  lines: { category: string; unitPriceFen: number; kind?: 'labour' | 'part' }[],
): Promise<string> {
  const o = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/service-orders',
    headers: staff.headers,
    payload: {
      customerId: member.customerId,
      vehicleId: member.vehicleId,
      storeId: tenant.storeId,
      items: lines.map((l) => ({
        kind: l.kind ?? 'labour',
        category: l.category,
        description: l.category,
        unitPriceFen: l.unitPriceFen,
      })),
    },
  });
  if (o.statusCode !== 201) throw new Error(`order: ${o.statusCode} ${o.body}`);
  const done = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/service-orders/${o.json().id}/complete`,
    headers: staff.headers,
  });
  if (done.statusCode !== 200) throw new Error(`complete: ${done.statusCode} ${done.body}`);
  return o.json().id as string;
}

export async function pay(
  env: TestEnv,
  staff: Session,
  orderId: string,
  body: { paidFen: number; storedValueFen?: number; method?: string },
) {
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/service-orders/${orderId}/pay`,
    headers: staff.headers,
    payload: { method: body.method ?? 'wechat_pay', ...body },
  });
}

export async function summary(env: TestEnv, staff: Session, customerId: string) {
  const res = await env.app.inject({
    url: `/api/v1/staff/customers/${customerId}/loyalty`,
    headers: staff.headers,
  });
  if (res.statusCode !== 200) throw new Error(`summary: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * The ledger's invariants over a whole tenant (owner connection, all rows): every transfer has
 * exactly two entries that cancel out (debits = credits), every account's balance equals the sum
 * of its entries and its last running balance, no forbidden negative, and the available points
 * lots add up to each customer's available balance.
 */
export async function checkInvariants(adminDb: Db, tenantId: string): Promise<void> {
  const [sums] = await queryRows<{
    total: string | number;
    bad_transfers: string | number;
    orphan_entries: string | number;
  }>(
    adminDb,
    sql`select coalesce((select sum(e.amount) from ledger_entries e where e.tenant_id = ${tenantId}::uuid), 0) as total,
        (select count(*) from ledger_transfers t where t.tenant_id = ${tenantId}::uuid and
          (select count(*) from ledger_entries e where e.tenant_id = t.tenant_id and e.transfer_id = t.id
             and ((e.account_id = t.debit_account_id and e.amount = -t.amount) or (e.account_id = t.credit_account_id and e.amount = t.amount))) <> 2
        ) as bad_transfers,
        (select count(*) from ledger_entries e where e.tenant_id = ${tenantId}::uuid and not exists
          (select 1 from ledger_transfers t where t.tenant_id = e.tenant_id and t.id = e.transfer_id)
        ) as orphan_entries`,
  );
  expect(Number(sums!.total), 'debits = credits').toBe(0);
  expect(Number(sums!.bad_transfers), 'transfers with two matching entries').toBe(0);
  expect(Number(sums!.orphan_entries), 'entries without their transfer').toBe(0);
  const accounts = await queryRows<{
    id: string;
    kind: string;
    balance: string | number;
    allow_negative: boolean;
    entry_sum: string | number;
    last_after: string | number | null;
  }>(
    adminDb,
    sql`select a.id, a.kind, a.balance, a.allow_negative,
          coalesce((select sum(e.amount) from ledger_entries e where e.tenant_id = a.tenant_id and e.account_id = a.id), 0) as entry_sum,
          (select e.balance_after from ledger_entries e where e.tenant_id = a.tenant_id and e.account_id = a.id
             order by e.seq desc limit 1) as last_after
        from ledger_accounts a where a.tenant_id = ${tenantId}::uuid`,
  );
  for (const a of accounts) {
    expect(Number(a.balance), `balance = sum(entries) of ${a.kind}`).toBe(Number(a.entry_sum));
    if (a.last_after !== null)
      expect(Number(a.last_after), `running balance of ${a.kind}`).toBe(Number(a.balance));
    if (!a.allow_negative)
      expect(Number(a.balance), `no negative ${a.kind}`).toBeGreaterThanOrEqual(0);
  }
  const lots = await queryRows<{ owner: string; balance: string | number; lots: string | number }>(
    adminDb,
    sql`select a.owner_customer_id as owner, a.balance,
          coalesce((select sum(l.remaining) from points_lots l where l.tenant_id = a.tenant_id
             and l.customer_id = a.owner_customer_id and l.status = 'available'), 0) as lots
        from ledger_accounts a where a.tenant_id = ${tenantId}::uuid and a.kind = 'points_available'`,
  );
  for (const l of lots) expect(Number(l.lots), `lots of ${l.owner}`).toBe(Number(l.balance));
}
