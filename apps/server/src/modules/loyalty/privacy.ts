// The customer's copy of their loyalty data (PIPL): balances, tier and the whole ledger
// statement. Erasure leaves the ledger alone on purpose: balances, transfers and entries are
// amounts the books must keep, and they hold no name or contact — only the customer's id.
import type { Ctx } from '../../kernel/context.ts';
import { getLoyaltySummary, ledgerHistory } from './loyalty.service.ts';

export async function loyaltyStatementOf(ctx: Ctx, customerId: string) {
  const summary = await getLoyaltySummary(ctx, customerId);
  const statement: Awaited<ReturnType<typeof ledgerHistory>>['items'] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await ledgerHistory(ctx, customerId, { view: 'all', limit: 500, cursor });
    statement.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { summary, statement };
}
