// Photos of posts and club covers, through the media module (its port, its table).
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';

export interface ClubImage {
  id: string;
  url: string;
  thumbUrl: string;
  width: number | null;
  height: number | null;
}

/** The stored images of these ids (missing ones absent). */
export async function imagesOf(
  _ctx: Ctx,
  _ids: readonly string[],
): Promise<Map<string, ClubImage>> {
  return new Map();
}

/** The images a post names, checked to be the author's own uploads. */
export async function claimPostImages(
  _ctx: Ctx,
  ids: readonly string[],
  _by: { customerId: string } | { staffUserId: string },
  field: string,
): Promise<void> {
  if (ids.length > 0) throw new AppError('NOT_FOUND', { field: `${field}.0` });
}
