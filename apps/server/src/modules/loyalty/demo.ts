// Demo loyalty data (deterministic, from the demo's customers and orders): top-up packages and
// service-package products, points earned on recent paid orders (the demo customer's pending and
// settled, a redemption), stored value for one customer in ten (a spend on the demo customer),
// a car-wash package with three visits used. Each movement is booked at its own past instant
// through the same code as live traffic, so the ledger history reads like real use.
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { addDays, DAY_MS } from './ledger-math.ts';
import { createProduct, sellPackage, usePackage } from './packages.ts';
import { earnPoints, lockPoints, settleLot, takePoints } from './points.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { spendForOrder, topUp } from './stored-value.ts';

const TOP_UPS = [
  {
    id: '0190d7a0-0000-7000-8000-00000000c500',
    name: '充 500 送 50',
    payFen: 50_000,
    bonusFen: 5_000,
    active: true,
  },
  {
    id: '0190d7a0-0000-7000-8000-00000000c1e3',
    name: '充 1000 送 150',
    payFen: 100_000,
    bonusFen: 15_000,
    active: true,
  },
  {
    id: '0190d7a0-0000-7000-8000-00000000c2e3',
    name: '充 2000 送 400',
    payFen: 200_000,
    bonusFen: 40_000,
    active: true,
  },
];

export async function seedDemoLoyalty(
  ctx: Ctx,
  input: {
    demoCustomerId: string | null;
    customerIds: string[];
    orders: {
      id: string;
      customerId: string;
      totalFen: number;
      status: string;
      closedAt: Date | null;
    }[];
  },
): Promise<{ pointsLots: number; topUps: number; packages: number }> {
  const now = ctx.clock.now();
  const at = (t: Date): Ctx => ({ ...ctx, clock: fixedClock(t) });
  await saveSettings(ctx, { topUpPackages: TOP_UPS });
  const { points } = await loadSettings(ctx);
  const wash = await createProduct(ctx, {
    name: '洗车 10 次卡',
    uses: 10,
    validityDays: 365,
    priceFen: 30_000,
  });
  await createProduct(ctx, {
    name: '小保养 3 次套餐',
    uses: 3,
    validityDays: 730,
    priceFen: 99_000,
  });

  // Points on paid orders of the last 24 months: every order of the demo customer, and the 300
  // most recent of everyone else.
  const since = now.getTime() - 730 * DAY_MS;
  const paid = input.orders
    .filter(
      (o) => o.closedAt && o.closedAt.getTime() > since && o.status === 'closed' && o.totalFen > 0,
    )
    .sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime() || (a.id < b.id ? -1 : 1));
  const chosen = [
    ...paid.filter((o) => o.customerId === input.demoCustomerId),
    ...paid.filter((o) => o.customerId !== input.demoCustomerId).slice(0, 300),
  ].sort((a, b) => a.closedAt!.getTime() - b.closedAt!.getTime());
  let lots = 0;
  for (const o of chosen) {
    const amount = Math.floor(o.totalFen / 100);
    if (amount <= 0) continue;
    const earnedAt = o.closedAt!;
    const settleAt = addDays(earnedAt, points.returnWindowDays);
    const r = await earnPoints(at(earnedAt), {
      customerId: o.customerId,
      amount,
      source: 'order',
      reference: { type: 'service_order', id: o.id },
      key: `demo:earn:${o.id}`,
      availableAt: settleAt,
      settings: points,
    });
    if (r.lotId && settleAt <= now) await settleLot(at(settleAt), r.lotId);
    lots++;
  }

  // Stored value: one customer in ten tops up once; the demo customer twice and pays with it.
  let topUps = 0;
  const holders = input.customerIds.filter((_, i) => i % 10 === 3);
  for (const [i, customerId] of holders.entries()) {
    const pkg = TOP_UPS[i % TOP_UPS.length]!;
    await topUp(
      at(new Date(now.getTime() - (20 + (i % 300)) * DAY_MS)),
      { customerId, packageId: pkg.id, method: i % 2 ? 'wechat_pay' : 'alipay' },
      `demo:topup:${customerId}`,
    );
    topUps++;
  }
  let packages = 0;
  const demo = input.demoCustomerId;
  if (demo) {
    await topUp(
      at(new Date(now.getTime() - 120 * DAY_MS)),
      { customerId: demo, packageId: TOP_UPS[1]!.id, method: 'wechat_pay' },
      'demo:topup:demo:1',
    );
    const lastOrder = chosen.filter((o) => o.customerId === demo).at(-1);
    if (lastOrder)
      await spendForOrder(at(new Date(now.getTime() - 100 * DAY_MS)), {
        customerId: demo,
        orderId: lastOrder.id,
        amountFen: Math.min(lastOrder.totalFen, 30_000),
      });
    await topUp(
      at(new Date(now.getTime() - 10 * DAY_MS)),
      { customerId: demo, packageId: TOP_UPS[0]!.id, method: 'alipay' },
      'demo:topup:demo:2',
    );
    const { balances, available } = await lockPoints(ctx, demo);
    if ((balances.get(available) ?? 0) >= 100)
      await takePoints(at(new Date(now.getTime() - 5 * DAY_MS)), {
        customerId: demo,
        amount: 100,
        to: 'points_redeemed',
        kind: 'redeem',
        key: 'demo:redeem:1',
        memo: '积分兑换 · 精致洗车',
      });
    const pkg = await sellPackage(
      at(new Date(now.getTime() - 60 * DAY_MS)),
      { customerId: demo, productId: wash.id, method: 'wechat_pay' },
      'demo:package:1',
    );
    for (const d of [45, 30, 12])
      await usePackage(
        at(new Date(now.getTime() - d * DAY_MS)),
        { packageId: pkg.id, note: '精洗' },
        `demo:package:1:use:${d}`,
      );
    packages++;
  }
  return { pointsLots: lots, topUps, packages };
}
