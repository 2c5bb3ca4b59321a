import type { Ctx } from '../../kernel/context.ts';
export async function seedDemoInspections(_ctx: Ctx): Promise<{ inspections: number }> {
  return { inspections: 0 };
}
