// Acting for the owner through the owners' functions, each attempt in a savepoint: a refused
// booking (slot full, overlap) is undone alone and becomes an answer, never a failed message.
import type { Db } from '../../kernel/db.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';

export type Attempt<T> = { ok: true; value: T } | { ok: false; code: string };

export async function attempt<T>(ctx: Ctx, act: (sp: Ctx) => Promise<T>): Promise<Attempt<T>> {
  try {
    const value = await ctx.tx.transaction((sp) => act({ ...ctx, tx: sp as unknown as Db }));
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code };
    throw err;
  }
}
