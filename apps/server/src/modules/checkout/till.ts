// The till report (收银日报): what a business day's payments took per method and what its refunds
// gave back, as the orders record them, beside what the loyalty ledger booked for the same orders
// (stored value spent and returned, points redeemed and returned). The two must agree.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { orderLedgerTotals } from '../loyalty/index.ts';
import {
  PAYMENT_METHODS,
  takingsBetween,
  tenantTimeZone,
  zonedDayStart,
  type MethodTotal,
} from '../service/index.ts';
import type { TillReport } from './checkout.schemas.ts';

export async function tillReport(
  ctx: Ctx,
  input: { date: string; storeId?: string | undefined },
): Promise<TillReport> {
  const timeZone = await tenantTimeZone(ctx);
  const from = zonedDayStart(input.date, timeZone, 0);
  const to = zonedDayStart(input.date, timeZone, 1);
  if (!from || !to) throw new AppError('VALIDATION_FAILED', { field: 'date' });
  const takings = await takingsBetween(ctx, { from, to, storeId: input.storeId });
  const ledger = await orderLedgerTotals(ctx, {
    from,
    to,
    orderIds: input.storeId ? [...takings.paidOrderIds, ...takings.refundedOrderIds] : null,
  });
  const find = (list: MethodTotal[], method: string) => list.find((t) => t.method === method);
  const methods = PAYMENT_METHODS.map((method) => {
    const paid = find(takings.paid, method);
    const refunded = find(takings.refunded, method);
    return {
      method,
      payments: paid?.orders ?? 0,
      takenFen: paid?.amountFen ?? 0,
      refunds: refunded?.orders ?? 0,
      refundedFen: refunded?.amountFen ?? 0,
      netFen: (paid?.amountFen ?? 0) - (refunded?.amountFen ?? 0),
      points: (paid?.points ?? 0) - (refunded?.points ?? 0),
    };
  }).filter((m) => m.payments > 0 || m.refunds > 0);
  const sum = (pick: (m: (typeof methods)[number]) => number) =>
    methods.reduce((s, m) => s + pick(m), 0);
  const orderStoredValue = find(takings.paid, 'stored_value')?.amountFen ?? 0;
  const orderStoredValueBack = find(takings.refunded, 'stored_value')?.amountFen ?? 0;
  const orderPoints = find(takings.paid, 'points')?.points ?? 0;
  const orderPointsBack = find(takings.refunded, 'points')?.points ?? 0;
  return {
    date: input.date,
    timeZone,
    storeId: input.storeId ?? null,
    paidOrders: takings.paidOrderIds.length,
    refundedOrders: takings.refundedOrderIds.length,
    methods,
    totals: {
      takenFen: sum((m) => m.takenFen),
      refundedFen: sum((m) => m.refundedFen),
      netFen: sum((m) => m.netFen),
    },
    ledger,
    matchesLedger: {
      storedValue:
        orderStoredValue === ledger.storedValueSpentFen &&
        orderStoredValueBack === ledger.storedValueReturnedFen,
      points: orderPoints === ledger.pointsRedeemed && orderPointsBack === ledger.pointsReturned,
    },
  };
}
