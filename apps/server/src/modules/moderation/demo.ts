// The demo's moderation: the keyword list a shop keeps against touts and fake invoices, and one
// member muted for a week for advertising (the clubs' demo posts come from their own module).
import type { Ctx } from '../../kernel/context.ts';
import { muteMember } from './mutes.ts';
import { addKeyword } from './settings.ts';

const KEYWORDS = ['加微信', 'VX', '代开发票', '刷单', '贷款', '兼职日结', '原厂配件低价'];

export async function seedDemoModeration(
  ctx: Ctx,
  input: { mutedCustomerId: string | null },
): Promise<{ keywords: number; mutes: number }> {
  for (const word of KEYWORDS) await addKeyword(ctx, { word });
  if (!input.mutedCustomerId) return { keywords: KEYWORDS.length, mutes: 0 };
  await muteMember(ctx, {
    customerId: input.mutedCustomerId,
    scopeId: null,
    days: 7,
    hidePast: false,
    reason: '在车友群多次发布配件广告，已私信提醒无效',
  });
  return { keywords: KEYWORDS.length, mutes: 1 };
}
