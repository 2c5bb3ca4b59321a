// The tenant's assistant settings: on/off, the words that hand over to a person, how many failed
// turns before it does, how long it stays silent after a handover, and its greeting.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { recordAudit } from '../audit/index.ts';
import {
  assistantSettings,
  DEFAULT_GREETING,
  DEFAULT_HANDOVER_KEYWORDS,
} from './assistant.tables.ts';

export interface AssistantSettings {
  enabled: boolean;
  handoverKeywords: string[];
  maxFailures: number;
  silenceHours: number;
  greeting: string;
}

export const DEFAULT_SETTINGS: AssistantSettings = {
  enabled: false,
  handoverKeywords: DEFAULT_HANDOVER_KEYWORDS,
  maxFailures: 2,
  silenceHours: 4,
  greeting: DEFAULT_GREETING,
};

export async function loadAssistantSettings(ctx: Ctx): Promise<AssistantSettings> {
  const [row] = await ctx.tx.select().from(assistantSettings);
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    enabled: row.enabled,
    handoverKeywords: row.handoverKeywords,
    maxFailures: row.maxFailures,
    silenceHours: row.silenceHours,
    greeting: row.greeting,
  };
}

export async function saveAssistantSettings(
  ctx: Ctx,
  input: Partial<AssistantSettings>,
): Promise<AssistantSettings> {
  const before = await loadAssistantSettings(ctx);
  const keywords = input.handoverKeywords
    ? [...new Set(input.handoverKeywords.map((k) => k.trim()).filter(Boolean))]
    : undefined;
  const next: AssistantSettings = {
    ...before,
    ...input,
    ...(keywords ? { handoverKeywords: keywords } : {}),
  };
  const values = { ...next, updatedAt: ctx.clock.now() };
  await ctx.tx
    .insert(assistantSettings)
    .values({ tenantId: ctx.tenantId, ...values })
    .onConflictDoUpdate({ target: assistantSettings.tenantId, set: values });
  await recordAudit(ctx, {
    action: 'assistant.settingsChanged',
    entityType: 'assistant_settings',
    entityId: null,
    changes: { before, after: next },
  });
  return next;
}

/** Whether the tenant has the assistant on (a cheap read before anything else). */
export async function assistantEnabled(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ enabled: assistantSettings.enabled })
    .from(assistantSettings)
    .where(eq(assistantSettings.tenantId, ctx.tenantId));
  return row?.enabled ?? false;
}
