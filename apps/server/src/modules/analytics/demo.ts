// The demo tenant's dashboards: channel costs a small chain would pay, and the rollups built
// from the three years of seeded history, so every panel shows figures right after seeding.
import type { Ctx } from '../../kernel/context.ts';
import { analyticsSettings } from './analytics.tables.ts';
import { rebuildRollups, type RollupResult } from './rollup-runs.ts';

export async function seedDemoAnalytics(ctx: Ctx): Promise<RollupResult> {
  await ctx.tx
    .insert(analyticsSettings)
    .values({
      tenantId: ctx.tenantId,
      smsSegmentFen: 5,
      wechatFen: 1,
      emailFen: 0,
      pushFen: 0,
      weeklyReport: 'on',
      updatedAt: ctx.clock.now(),
    })
    .onConflictDoNothing();
  return rebuildRollups(ctx);
}
