// Reactions to a message the car owner wrote (the self-service assistant answers), offered here
// and registered by the modules that react, through the composition root.
import type { CustomerMessageHook } from '../../app/module.ts';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';

const hooks: CustomerMessageHook[] = [];

export function onCustomerMessage(hook: CustomerMessageHook): void {
  hooks.push(hook);
}

/**
 * Runs each hook in the message's transaction, each in its own savepoint: what a hook writes
 * commits with the owner's message, and a hook that fails is undone alone — the message is never
 * lost because a reaction to it failed.
 */
export async function runCustomerMessageHooks(
  ctx: Ctx,
  message: Parameters<CustomerMessageHook>[1],
): Promise<void> {
  for (const hook of hooks) {
    try {
      await ctx.tx.transaction((sp) => hook({ ...ctx, tx: sp as unknown as Db }, message));
    } catch (err) {
      ctx.log.error(
        { err, conversationId: message.conversationId },
        'a reaction to an owner message failed',
      );
    }
  }
}
