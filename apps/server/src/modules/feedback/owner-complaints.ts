// What the car owner does with their own tickets in the app: open one (from 我的 or from an
// order), add to it, reopen it within the tenant's window after it was resolved.
import type { Ctx } from '../../kernel/context.ts';
import { assertCanReopen } from './complaint-rules.ts';
import { ticketRow } from './complaint-store.ts';
import { applyMove, openComplaint } from './complaints.ts';
import { loadSettings } from './settings.ts';

export async function openMyComplaint(
  ctx: Ctx,
  customerId: string,
  input: {
    vehicleId?: string | null;
    serviceOrderId?: string | null;
    category?: string;
    summary: string;
  },
) {
  return openComplaint(ctx, { ...input, customerId, source: 'app' });
}

export async function reopenMyComplaint(ctx: Ctx, customerId: string, ticketId: string) {
  const t = await ticketRow(ctx, ticketId, { lock: true, customerId });
  const settings = await loadSettings(ctx);
  assertCanReopen(t, ctx.clock.now(), settings.reopenDays);
  await applyMove(ctx, t, 'reopen');
  return { ticketId };
}

export async function complaintCategories(ctx: Ctx) {
  return { items: (await loadSettings(ctx)).categories };
}
