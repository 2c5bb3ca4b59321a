// The one item a receipt prints as "next time": the car's next item on its due-list.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { DueItemDto } from './due.schemas.ts';
import { vehicleDue } from './due.service.ts';

export type NextDueItem = Pick<
  DueItemDto,
  'key' | 'kind' | 'label' | 'dueDate' | 'dueKm' | 'status'
>;

/**
 * The car's next due item: the earliest one still ahead (due today or later), maintenance before
 * a date-only item on the same day; when everything is past due, the most overdue. Null when
 * nothing is due or the car is not (any longer) `ownerId`'s.
 */
export async function nextDueItem(
  ctx: Ctx,
  vehicleId: string,
  ownerId?: string,
): Promise<NextDueItem | null> {
  let due: { today: string; items: DueItemDto[] };
  try {
    due = await vehicleDue(ctx, vehicleId, ownerId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
  const byDate = [...due.items].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      Number(b.kind === 'maintenance') - Number(a.kind === 'maintenance'),
  );
  const first = byDate.find((i) => i.dueDate >= due.today) ?? byDate[0];
  if (!first) return null;
  return {
    key: first.key,
    kind: first.kind,
    label: first.label,
    dueDate: first.dueDate,
    dueKm: first.dueKm,
    status: first.status,
  };
}
