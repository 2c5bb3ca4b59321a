// Demo coupons: a few templates of each kind, issued to the demo car owner and to the first
// demo customers (same templates and recipients on every seed; the codes are random).
import type { Ctx } from '../../kernel/context.ts';
import { issueCoupons } from './issuing.ts';
import { createTemplate } from './templates.ts';

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoCoupons(
  ctx: Ctx,
  input: { demoCustomerId: string | null; customerIds: string[] },
): Promise<{ templates: number; coupons: number }> {
  const now = ctx.clock.now();
  const templates = [
    await createTemplate(ctx, {
      name: '保养立减 50 元',
      description: '机油保养满 300 元可用',
      kind: 'amount_off',
      amountOffFen: 5000,
      minSpendFen: 30000,
      categories: ['oil_change'],
      validDays: 60,
      perCustomerLimit: 2,
      budget: 1000,
    }),
    await createTemplate(ctx, {
      name: '刹车养护 9 折',
      kind: 'percent_off',
      percentOff: 10,
      maxDiscountFen: 20000,
      categories: ['brakes'],
      validFrom: new Date(now.getTime() - DAY).toISOString(),
      validUntil: new Date(now.getTime() + 90 * DAY).toISOString(),
    }),
    await createTemplate(ctx, {
      name: '免费标准洗车',
      kind: 'free_item',
      freeItemName: '标准洗车',
      freeItemCategory: 'wash',
      maxDiscountFen: 4000,
      validDays: 30,
      issueOnTier: 'gold',
    }),
    await createTemplate(ctx, {
      name: '洗车五次卡',
      kind: 'package',
      packageName: '标准洗车',
      packageUses: 5,
      packageValidDays: 365,
      validDays: 90,
      budget: 200,
    }),
  ];
  let coupons = 0;
  const owner = input.demoCustomerId ? [input.demoCustomerId] : [];
  for (const t of templates.slice(0, 3))
    coupons += (
      await issueCoupons(ctx, t.id, {
        customerIds: owner,
        batchKey: 'demo-owner',
        source: 'manual',
      })
    ).issued;
  const others = input.customerIds.filter((id) => id !== input.demoCustomerId).slice(0, 60);
  if (others.length)
    coupons += (
      await issueCoupons(ctx, templates[0]!.id, {
        customerIds: others,
        batchKey: 'demo-spring',
        source: 'bulk',
      })
    ).issued;
  return { templates: templates.length, coupons };
}
