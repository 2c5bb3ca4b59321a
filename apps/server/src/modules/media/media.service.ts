import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { variantKey, variantPath, type Variant } from './media-rules.ts';
import { mediaObjects } from './media.tables.ts';
import { processImage } from './pipeline.ts';
import { mediaStore, type StoredObject } from './store.ts';

export interface StoredImage {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

export type Uploader = { customerId: string } | { staffUserId: string } | { system: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = typeof mediaObjects.$inferSelect;

const storedImage = (row: Row): StoredImage => ({
  id: row.id,
  url: variantPath(row.tenantId, row.id, 'display'),
  thumbUrl: variantPath(row.tenantId, row.id, 'thumb'),
  width: row.width,
  height: row.height,
});

/**
 * Stores an image through the pipeline: sniffed, turned upright, stripped of metadata and kept
 * as its display and thumb variants. The bytes are written before the row: a rolled-back
 * transaction leaves unreferenced files behind, never a row without its files.
 */
export async function saveImage(
  ctx: Ctx,
  bytes: Buffer,
  by: Uploader,
  purpose: string,
): Promise<StoredImage> {
  const image = await processImage(bytes);
  const id = newId();
  const store = mediaStore();
  const keys = {
    display: variantKey(ctx.tenantId, id, 'display', image.ext),
    thumb: variantKey(ctx.tenantId, id, 'thumb', image.ext),
  };
  await Promise.all([
    store.put(keys.display, image.variants.display.bytes, image.mime),
    store.put(keys.thumb, image.variants.thumb.bytes, image.mime),
  ]);
  const [row] = await ctx.tx
    .insert(mediaObjects)
    .values({
      tenantId: ctx.tenantId,
      id,
      uploadedByCustomerId: 'customerId' in by ? by.customerId : null,
      uploadedByStaffUserId: 'staffUserId' in by ? by.staffUserId : null,
      purpose,
      mime: image.mime,
      sourceFormat: image.sourceFormat,
      byteSize: bytes.length,
      width: image.variants.display.width,
      height: image.variants.display.height,
      displayKey: keys.display,
      thumbKey: keys.thumb,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return storedImage(row!);
}

async function rowsById(ctx: Ctx, ids: readonly string[]): Promise<Map<string, Row>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.tx
    .select()
    .from(mediaObjects)
    .where(and(eq(mediaObjects.tenantId, ctx.tenantId), inArray(mediaObjects.id, wanted)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Images of this tenant by id (missing ids are absent from the map). */
export async function findImages(
  ctx: Ctx,
  ids: readonly string[],
): Promise<Map<string, StoredImage>> {
  const rows = await rowsById(ctx, ids);
  return new Map([...rows].map(([id, row]) => [id, storedImage(row)]));
}

const uploadedBy = (row: Row, by: { customerId: string } | { staffUserId: string }) =>
  'customerId' in by
    ? row.uploadedByCustomerId === by.customerId
    : row.uploadedByStaffUserId === by.staffUserId;

/**
 * The images in the order given, each checked to exist in this tenant and to have been uploaded
 * by `by`; otherwise AppError MEDIA_NOT_FOUND with `field` `<field>.<index>` (e.g. 'imageIds.3').
 */
export async function claimImages(
  ctx: Ctx,
  ids: readonly string[],
  by: { customerId: string } | { staffUserId: string },
  field: string,
): Promise<StoredImage[]> {
  const rows = await rowsById(ctx, ids);
  return ids.map((id, i) => {
    const row = rows.get(id);
    if (!row || !uploadedBy(row, by))
      throw new AppError('MEDIA_NOT_FOUND', { field: `${field}.${i}`, details: { id } });
    return storedImage(row);
  });
}

/** A variant's bytes for serving; NOT_FOUND when this tenant has no such image. */
export async function readVariant(
  ctx: Ctx,
  imageId: string,
  variant: Variant,
): Promise<StoredObject> {
  const row = (await rowsById(ctx, [imageId])).get(imageId);
  const object = row
    ? await mediaStore().get(variant === 'thumb' ? row.thumbKey : row.displayKey)
    : null;
  if (!object) throw new AppError('NOT_FOUND');
  return object;
}

/** Two customer records became one: the duplicate's uploads become the survivor's. */
export async function moveUploads(
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx
    .update(mediaObjects)
    .set({ uploadedByCustomerId: merge.survivorId })
    .where(
      and(
        eq(mediaObjects.tenantId, ctx.tenantId),
        eq(mediaObjects.uploadedByCustomerId, merge.duplicateId),
      ),
    );
}
