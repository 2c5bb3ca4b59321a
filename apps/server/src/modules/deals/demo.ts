// Demo group deals, each lived through the real functions at its own past instants (so the
// ledger balances): one open and filling up (the demo car owner among its joiners), one that
// succeeded (its joiners got their coupons) and one that failed (its holds went back).
import { eq } from 'drizzle-orm';
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { createTemplate } from '../coupons/index.ts';
import { createPackageProduct, packageProducts, topUp } from '../loyalty/index.ts';
import { createDeal, publishDeal } from './deals.service.ts';
import { joinDeal } from './joining.ts';
import { settleDealNow } from './settlement.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

async function productId(ctx: Ctx, name: string, uses: number, priceFen: number) {
  const [p] = await ctx.tx
    .select({ id: packageProducts.id })
    .from(packageProducts)
    .where(eq(packageProducts.name, name));
  if (p) return p.id;
  // Only when loyalty's demo did not make it (a tenant seeded with deals alone).
  return (await createPackageProduct(ctx, { name, uses, validityDays: 365, priceFen })).id;
}

interface DemoDeal {
  title: string;
  description: string;
  priceFen: number;
  originalPriceFen: number;
  minJoiners: number;
  maxJoiners: number | null;
  createdDaysAgo: number;
  /** Relative to now; negative: the deadline passed. */
  deadlineInDays: number;
  joiners: string[];
}

async function liveThrough(ctx: Ctx, reward: object, d: DemoDeal) {
  const now = ctx.clock.now().getTime();
  const at = (ms: number): Ctx => ({ ...ctx, clock: fixedClock(new Date(ms)) });
  const created = now - d.createdDaysAgo * DAY;
  const deadline = now + d.deadlineInDays * DAY;
  const deal = await createDeal(at(created), {
    title: d.title,
    description: d.description,
    ...(reward as { rewardKind: 'package' }),
    priceFen: d.priceFen,
    originalPriceFen: d.originalPriceFen,
    minJoiners: d.minJoiners,
    maxJoiners: d.maxJoiners,
    deadlineAt: new Date(deadline).toISOString(),
    storeIds: [],
  });
  await publishDeal(at(created + HOUR), deal.id);
  const last = Math.min(now, deadline) - HOUR;
  for (const [i, customerId] of d.joiners.entries()) {
    const t = created + 2 * HOUR + ((last - created - 2 * HOUR) * i) / d.joiners.length;
    await topUp(
      at(t - HOUR),
      { customerId, payFen: d.priceFen, method: 'wechat_pay', note: '团购充值' },
      `demo-deal:${deal.id}:${customerId}`,
    );
    await joinDeal(at(t), { dealId: deal.id, customerId });
  }
  if (deadline <= now) await settleDealNow(at(deadline + 60_000), deal.id);
  return deal.id;
}

export async function seedDemoDeals(
  ctx: Ctx,
  input: { demoCustomerId: string | null; customerIds: string[] },
): Promise<{ deals: number; joiners: number }> {
  const others = input.customerIds.filter((id) => id !== input.demoCustomerId);
  // Joiners from different parts of the customer list (the list is as long as the demo's).
  const pick = (at: number, n: number) => {
    const from = Math.floor(others.length * at);
    return others.slice(from, from + n);
  };
  const upkeep = await productId(ctx, '小保养 3 次套餐', 3, 99_000);
  const wash = await productId(ctx, '洗车 10 次卡', 10, 30_000);
  const coating = await createTemplate(ctx, {
    name: '全车镀晶套餐券',
    kind: 'free_item',
    freeItemName: '全车镀晶',
    freeItemCategory: 'wash',
    maxDiscountFen: 200_000,
    validDays: 180,
  });
  const deals: DemoDeal[] = [
    {
      title: '小保养 3 次套餐 · 5 人成团',
      description: '全合成机油小保养三次，一年内到店使用。满 5 位车主成团，团长同享。',
      priceFen: 69_900,
      originalPriceFen: 99_000,
      minJoiners: 5,
      maxJoiners: 20,
      createdDaysAgo: 4,
      deadlineInDays: 3,
      joiners: [...pick(0.1, 2), ...(input.demoCustomerId ? [input.demoCustomerId] : [])],
    },
    {
      title: '全车镀晶 · 3 人成团',
      description: '进口镀晶全车施工，3 人成团，成团后发放镀晶券，180 天内到店施工。',
      priceFen: 128_000,
      originalPriceFen: 198_000,
      minJoiners: 3,
      maxJoiners: 10,
      createdDaysAgo: 20,
      deadlineInDays: -6,
      joiners: pick(0.4, 4),
    },
    {
      title: '洗车 10 次卡 · 8 人团',
      description: '标准洗车十次，满 8 人成团；未成团全额退回储值。',
      priceFen: 19_900,
      originalPriceFen: 30_000,
      minJoiners: 8,
      maxJoiners: null,
      createdDaysAgo: 15,
      deadlineInDays: -2,
      joiners: pick(0.7, 3),
    },
  ];
  const rewards = [
    { rewardKind: 'package', packageProductId: upkeep },
    { rewardKind: 'coupon', couponTemplateId: coating.id },
    { rewardKind: 'package', packageProductId: wash },
  ];
  let joiners = 0;
  for (const [i, d] of deals.entries()) {
    await liveThrough(ctx, rewards[i]!, d);
    joiners += d.joiners.length;
  }
  return { deals: deals.length, joiners };
}
