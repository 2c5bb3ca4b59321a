// Photos of posts and club covers, through the media module (its port, its table).
import type { Ctx } from '../../kernel/context.ts';
import { claimImages, findImages, type StoredImage } from '../media/index.ts';

export type ClubImage = StoredImage;

/** The stored images of these ids (missing ones absent). */
export function imagesOf(ctx: Ctx, ids: readonly string[]): Promise<Map<string, ClubImage>> {
  return ids.length ? findImages(ctx, ids) : Promise.resolve(new Map());
}

/**
 * The photos a post names, each checked to be the writer's own upload in this tenant
 * (MEDIA_NOT_FOUND on `imageIds.<n>` otherwise), a photo named once.
 */
export async function claimPostImages(
  ctx: Ctx,
  ids: readonly string[],
  by: { customerId: string } | { staffUserId: string },
  field: string,
): Promise<void> {
  if (ids.length) await claimImages(ctx, ids, by, field);
}
