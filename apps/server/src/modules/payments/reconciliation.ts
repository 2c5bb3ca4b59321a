// Reconciliation: one provider's statement of one day (WeChat's trade bill, Alipay's bill,
// Stripe's balance transactions, the development provider's own books) compared line by line
// with our payments and refunds of the same day; every difference listed.
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { tenantTimeZone, zonedDayStart } from '../service/index.ts';
import { providerCredentials } from './payment-settings.ts';
import { paymentRefunds, payments, type PaymentProviderName } from './payments.tables.ts';
import type { StatementLine } from './port.ts';
import { PROVIDERS } from './provider-registry.ts';
import { providerFailure } from './paying.ts';

export type DifferenceType = 'missing_at_provider' | 'missing_here' | 'amount_differs';

export interface Difference {
  type: DifferenceType;
  kind: 'payment' | 'refund';
  number: string;
  paymentNumber: string;
  ourFen: number | null;
  providerFen: number | null;
}

interface Line {
  kind: 'payment' | 'refund';
  number: string;
  paymentNumber: string;
  amountFen: number;
}

/** The pure comparison: lines keyed by kind and number, each side summed per key. */
export function compareStatements(ours: Line[], theirs: Line[]): Difference[] {
  const sum = (lines: Line[]) => {
    const m = new Map<string, Line>();
    for (const l of lines) {
      const k = `${l.kind}:${l.number}`;
      const prior = m.get(k);
      m.set(k, prior ? { ...prior, amountFen: prior.amountFen + l.amountFen } : { ...l });
    }
    return m;
  };
  const a = sum(ours);
  const b = sum(theirs);
  const out: Difference[] = [];
  for (const [k, l] of a) {
    const t = b.get(k);
    if (!t)
      out.push({
        type: 'missing_at_provider',
        kind: l.kind,
        number: l.number,
        paymentNumber: l.paymentNumber,
        ourFen: l.amountFen,
        providerFen: null,
      });
    else if (t.amountFen !== l.amountFen)
      out.push({
        type: 'amount_differs',
        kind: l.kind,
        number: l.number,
        paymentNumber: l.paymentNumber,
        ourFen: l.amountFen,
        providerFen: t.amountFen,
      });
  }
  for (const [k, t] of b)
    if (!a.has(k))
      out.push({
        type: 'missing_here',
        kind: t.kind,
        number: t.number,
        paymentNumber: t.paymentNumber,
        ourFen: null,
        providerFen: t.amountFen,
      });
  return out.sort((x, y) => x.number.localeCompare(y.number));
}

const statementLine = (l: StatementLine): Line => ({
  kind: l.kind,
  number: l.kind === 'refund' ? (l.refundNumber ?? '') : l.paymentNumber,
  paymentNumber: l.paymentNumber,
  amountFen: l.amountFen,
});

async function ourLines(
  ctx: Ctx,
  provider: PaymentProviderName,
  from: Date,
  to: Date,
): Promise<Line[]> {
  const paid = await ctx.tx
    .select({ number: payments.number, amountFen: payments.amountFen })
    .from(payments)
    .where(
      and(
        eq(payments.provider, provider),
        inArray(payments.status, ['paid', 'held', 'partially_refunded', 'refunded']),
        gte(payments.paidAt, from),
        lt(payments.paidAt, to),
      ),
    );
  const refunded = await ctx.tx
    .select({
      number: paymentRefunds.number,
      amountFen: paymentRefunds.amountFen,
      paymentNumber: payments.number,
    })
    .from(paymentRefunds)
    .innerJoin(
      payments,
      and(
        eq(payments.tenantId, paymentRefunds.tenantId),
        eq(payments.id, paymentRefunds.paymentId),
      ),
    )
    .where(
      and(
        eq(payments.provider, provider),
        eq(paymentRefunds.status, 'succeeded'),
        gte(paymentRefunds.settledAt, from),
        lt(paymentRefunds.settledAt, to),
      ),
    );
  return [
    ...paid.map((p) => ({
      kind: 'payment' as const,
      number: p.number,
      paymentNumber: p.number,
      amountFen: p.amountFen,
    })),
    ...refunded.map((r) => ({
      kind: 'refund' as const,
      number: r.number,
      paymentNumber: r.paymentNumber,
      amountFen: r.amountFen,
    })),
  ];
}

const total = (lines: Line[], kind: Line['kind']) =>
  lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountFen, 0);

export async function reconcileDay(
  ctx: Ctx,
  input: { provider: PaymentProviderName; date: string },
) {
  const timeZone = await tenantTimeZone(ctx);
  const from = zonedDayStart(input.date, timeZone);
  const to = zonedDayStart(input.date, timeZone, 1);
  if (!from || !to) throw new AppError('VALIDATION_FAILED', { field: 'date' });
  const creds = await providerCredentials(ctx, input.provider, { enabledOnly: false });
  const r = await PROVIDERS[input.provider].statement(input.date, creds, { from, to });
  if (!r.ok) throw providerFailure(r);
  const theirs = r.value.map(statementLine);
  const ours = await ourLines(ctx, input.provider, from, to);
  const differences = compareStatements(ours, theirs);
  return {
    provider: input.provider,
    date: input.date,
    timeZone,
    ours: {
      payments: ours.filter((l) => l.kind === 'payment').length,
      paidFen: total(ours, 'payment'),
      refundedFen: total(ours, 'refund'),
    },
    statement: {
      payments: theirs.filter((l) => l.kind === 'payment').length,
      paidFen: total(theirs, 'payment'),
      refundedFen: total(theirs, 'refund'),
    },
    clean: differences.length === 0,
    differences,
  };
}
