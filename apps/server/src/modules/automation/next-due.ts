// The one item a receipt prints as "next time": the car's earliest due item on its due-list.
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { DueItemDto } from './due.schemas.ts';
import { vehicleDue } from './due.service.ts';

export type NextDueItem = Pick<
  DueItemDto,
  'key' | 'kind' | 'label' | 'dueDate' | 'dueKm' | 'status'
>;

/**
 * The car's next due item: the earliest due date first (an overdue item is the most urgent),
 * maintenance before a date-only item on the same day. Null when nothing is due or the car is not
 * (any longer) `ownerId`'s.
 */
export async function nextDueItem(
  ctx: Ctx,
  vehicleId: string,
  ownerId?: string,
): Promise<NextDueItem | null> {
  let items: DueItemDto[];
  try {
    items = (await vehicleDue(ctx, vehicleId, ownerId)).items;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
  const [first] = [...items].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      Number(b.kind === 'maintenance') - Number(a.kind === 'maintenance'),
  );
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
