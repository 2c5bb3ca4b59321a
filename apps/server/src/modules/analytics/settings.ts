// The tenant's analytics settings: what a message costs per channel (for cost per conversion)
// and whether the owner gets the weekly report. A tenant without a row has the defaults.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { recordAudit } from '../audit/index.ts';
import { analyticsSettings } from './analytics.tables.ts';

export interface AnalyticsSettings {
  smsSegmentFen: number;
  wechatFen: number;
  emailFen: number;
  pushFen: number;
  weeklyReport: 'on' | 'off';
}

export const DEFAULT_SETTINGS: AnalyticsSettings = {
  smsSegmentFen: 5,
  wechatFen: 0,
  emailFen: 0,
  pushFen: 0,
  weeklyReport: 'on',
};

export async function getAnalyticsSettings(ctx: Ctx): Promise<AnalyticsSettings> {
  const [row] = await ctx.tx
    .select()
    .from(analyticsSettings)
    .where(eq(analyticsSettings.tenantId, ctx.tenantId));
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    smsSegmentFen: row.smsSegmentFen,
    wechatFen: row.wechatFen,
    emailFen: row.emailFen,
    pushFen: row.pushFen,
    weeklyReport: row.weeklyReport,
  };
}

export async function updateAnalyticsSettings(
  ctx: Ctx,
  input: Partial<AnalyticsSettings>,
): Promise<AnalyticsSettings> {
  const before = await getAnalyticsSettings(ctx);
  const next = { ...before, ...input };
  await ctx.tx
    .insert(analyticsSettings)
    .values({ tenantId: ctx.tenantId, ...next, updatedAt: ctx.clock.now() })
    .onConflictDoUpdate({
      target: analyticsSettings.tenantId,
      set: { ...next, updatedAt: ctx.clock.now() },
    });
  await recordAudit(ctx, {
    action: 'analytics.settingsUpdated',
    entityType: 'analytics_settings',
    entityId: null,
    changes: { before, after: next },
  });
  return next;
}
