// The owner's own history (app): one row per transfer with the net amount for the owner and the
// total after it — points (available + pending − debt) or stored value (principal + bonus), or
// the package's uses left. Moves between the owner's own accounts (points pending → available,
// debt repaid from available …) change nothing they hold in total, so they are not rows.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';

export const OWNER_VIEWS = ['points', 'stored_value', 'packages'] as const;
export type OwnerView = (typeof OWNER_VIEWS)[number];

const KINDS: Record<Exclude<OwnerView, 'packages'>, string[]> = {
  points: ['points_available', 'points_pending', 'points_debt'],
  stored_value: ['stored_value_principal', 'stored_value_bonus'],
};

interface Row {
  transfer_id: string;
  net: string;
  balance_after: string;
  seq: string;
  kind: string;
  memo: string | null;
  reference_type: string | null;
  reference_id: string | null;
  package_name: string | null;
  created_at: Date | string;
}

export async function ownerHistory(
  ctx: Ctx,
  customerId: string,
  input: { view: OwnerView; limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(input.cursor, ['int']);
  const t = sql`${ctx.tenantId}::uuid`;
  const view = input.view;
  const packages = view === 'packages';
  const accounts =
    view === 'packages'
      ? sql`a.kind like 'package:%'`
      : sql`a.kind = any(${`{${KINDS[view].join(',')}}`}::text[])`;
  // A package is its own total; points and stored value are one total over their accounts.
  const part = packages ? sql`a.kind` : sql`'all'::text`;
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`
      with cur as (
        select ${part} as part, sum(a.balance) as total
        from ledger_accounts a
        where a.tenant_id = ${t} and a.owner_customer_id = ${customerId}::uuid and ${accounts}
        group by 1
      ), g as (
        select le.transfer_id, ${part} as part, sum(le.amount) as net, count(*) as legs,
               max(le.seq) as seq
        from ledger_entries le
        join ledger_accounts a on a.tenant_id = le.tenant_id and a.id = le.account_id
        where le.tenant_id = ${t} and a.owner_customer_id = ${customerId}::uuid and ${accounts}
        group by le.transfer_id, 2
      ), r as (
        -- The total after each transfer: today's total less everything that came later.
        select g.*, cur.total - coalesce(sum(g.net) over (
                 partition by g.part order by g.seq desc
                 rows between unbounded preceding and 1 preceding), 0) as balance_after
        from g join cur on cur.part = g.part
      )
      select r.transfer_id, r.net, r.balance_after, r.seq, lt.kind, lt.memo, lt.reference_type,
             lt.reference_id, lt.created_at, p.name as package_name
      from r
      join ledger_transfers lt on lt.tenant_id = ${t} and lt.id = r.transfer_id
      left join customer_packages p on p.tenant_id = ${t} and r.part = 'package:' || p.id::text
      where not (r.legs > 1 and r.net = 0)
        ${after ? sql`and r.seq < ${after[0]}` : sql``}
      order by r.seq desc
      limit ${input.limit + 1}`,
  );
  const pageRows = rows.slice(0, input.limit);
  const last = rows.length > input.limit ? pageRows[pageRows.length - 1] : undefined;
  return {
    nextCursor: last ? encodeCursor([Number(last.seq)]) : null,
    items: pageRows.map((r) => ({
      id: r.transfer_id,
      kind: r.kind,
      amount: Number(r.net),
      balanceAfter: Number(r.balance_after),
      packageName: r.package_name,
      memo: r.memo,
      referenceType: r.reference_type,
      referenceId: r.reference_id,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}
