// What the ledger says orders took and gave back over a time window: the stored value spent on
// orders (less what refunds returned) and the points redeemed on them (less what came back). The
// till report sets these beside the payment parts recorded on the orders; the two must agree.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';

export interface OrderLedgerTotals {
  storedValueSpentFen: number;
  storedValueReturnedFen: number;
  pointsRedeemed: number;
  pointsReturned: number;
}

/** Ledger transfers booked in [from, to) against orders (`orderIds` null: every order). */
export async function orderLedgerTotals(
  ctx: Ctx,
  input: { from: Date; to: Date; orderIds: readonly string[] | null },
): Promise<OrderLedgerTotals> {
  if (input.orderIds && input.orderIds.length === 0)
    return {
      storedValueSpentFen: 0,
      storedValueReturnedFen: 0,
      pointsRedeemed: 0,
      pointsReturned: 0,
    };
  const ids = input.orderIds ? JSON.stringify(input.orderIds) : null;
  const [row] = await queryRows<Record<keyof OrderLedgerTotals, string | number | null>>(
    ctx.tx,
    sql`select
      sum(amount) filter (where kind = 'spend') as "storedValueSpentFen",
      sum(amount) filter (where kind = 'spend_reversal') as "storedValueReturnedFen",
      sum(amount) filter (where kind = 'order_redeem') as "pointsRedeemed",
      sum(amount) filter (where kind = 'order_redeem_return') as "pointsReturned"
    from ledger_transfers
    where created_at >= ${input.from.toISOString()}::timestamptz
      and created_at < ${input.to.toISOString()}::timestamptz
      and reference_type in ('service_order', 'service_order_refund')
      and kind in ('spend', 'spend_reversal', 'order_redeem', 'order_redeem_return')
      and (${ids}::jsonb is null or reference_id in (select jsonb_array_elements_text(${ids}::jsonb)))`,
  );
  const n = (v: string | number | null | undefined) => Number(v ?? 0);
  return {
    storedValueSpentFen: n(row?.storedValueSpentFen),
    storedValueReturnedFen: n(row?.storedValueReturnedFen),
    pointsRedeemed: n(row?.pointsRedeemed),
    pointsReturned: n(row?.pointsReturned),
  };
}
