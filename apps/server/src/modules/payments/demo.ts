// Demo online payments: the development provider on (so the demo runs with no merchant account)
// and three months of owners topping up and buying packages from the app, a few refunded, so the
// console's list and the reconciliation look lived-in at any hour the demo is seeded.
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { listPackageProducts, loadLoyaltySettings } from '../loyalty/index.ts';
import { settleByQuery } from './notifications.ts';
import { devBooks, savePaymentSettings } from './payment-settings.ts';
import { startPayment } from './paying.ts';
import {
  devProviderTransactions,
  paymentEvents,
  paymentRefunds,
  payments,
} from './payments.tables.ts';
import { requestRefund } from './refunds.ts';

/** Moves one payment (and its books, refunds and timeline) `daysAgo` days back. */
async function backdate(ctx: Ctx, paymentId: string, number: string, daysAgo: number) {
  const shift = sql.raw(`interval '${Math.round(daysAgo * 24 * 60)} minutes'`);
  await ctx.tx
    .update(payments)
    .set({
      createdAt: sql`${payments.createdAt} - ${shift}`,
      paidAt: sql`${payments.paidAt} - ${shift}`,
      expiresAt: sql`${payments.expiresAt} - ${shift}`,
    })
    .where(eq(payments.id, paymentId));
  await ctx.tx
    .update(paymentEvents)
    .set({ at: sql`${paymentEvents.at} - ${shift}` })
    .where(eq(paymentEvents.paymentId, paymentId));
  await ctx.tx
    .update(paymentRefunds)
    .set({
      createdAt: sql`${paymentRefunds.createdAt} - ${shift}`,
      settledAt: sql`${paymentRefunds.settledAt} - ${shift}`,
    })
    .where(eq(paymentRefunds.paymentId, paymentId));
  await ctx.tx
    .update(devProviderTransactions)
    .set({ at: sql`${devProviderTransactions.at} - ${shift}` })
    .where(eq(devProviderTransactions.paymentNumber, number));
}

export async function seedDemoPayments(ctx: Ctx, input: { customerIds: string[] }) {
  await savePaymentSettings(ctx, { provider: 'dev', enabled: true, config: {} });
  const topUps = (await loadLoyaltySettings(ctx)).topUpPackages.filter((p) => p.active);
  const packages = (await listPackageProducts(ctx)).items.filter((p) => p.active);
  const urls = { notifyBase: 'http://localhost', returnBase: 'http://localhost' };
  let made = 0;
  let refunded = 0;
  const buyers = input.customerIds.slice(0, 14);
  for (const [i, customerId] of buyers.entries()) {
    const usePackage = i % 3 === 2 && packages.length > 0;
    const subject = usePackage
      ? packages[i % packages.length]!
      : topUps[i % Math.max(1, topUps.length)];
    if (!subject) continue;
    try {
      const p = await startPayment(
        ctx,
        {
          customerId,
          kind: usePackage ? 'package' : 'top_up',
          subjectId: subject.id,
          provider: 'dev',
          channel: 'dev',
        },
        urls,
      );
      // One in seven was never paid (the owner left the page): it stays pending, then closes.
      if (i % 7 !== 6) {
        const books = devBooks(ctx);
        const line = await books.get(p.number);
        if (line) await books.put({ ...line, status: 'paid' });
        await settleByQuery(ctx, p.id);
      }
      if (i % 5 === 4) {
        await requestRefund(
          ctx,
          p.id,
          {
            amountFen: Math.min(10_000, p.amountFen),
            reason: '客户申请部分退款',
            refundNumber: `RDEMO${String(i).padStart(4, '0')}`,
          },
          urls.notifyBase,
        );
        refunded++;
      }
      await backdate(ctx, p.id, p.number, 2 + ((i * 6.5) % 88));
      made++;
    } catch (err) {
      // A card over its cap (or a refund its rule refuses) is the demo's loss, not the seed's.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return { payments: made, refunds: refunded };
}
