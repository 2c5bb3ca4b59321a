// Erasure (PIPL): the customer's push subscriptions and WeChat bindings are contact endpoints
// like a phone number — they are deleted, so no channel can reach the person again.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { pushSubscriptions, wechatBindings } from './channel-settings.tables.ts';

export async function forgetCustomerEndpoints(ctx: Ctx, customerId: string) {
  await ctx.tx.delete(pushSubscriptions).where(eq(pushSubscriptions.customerId, customerId));
  await ctx.tx.delete(wechatBindings).where(eq(wechatBindings.customerId, customerId));
}
