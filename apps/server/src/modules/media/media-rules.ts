// The rules of the image pipeline that need no image: which sniffed formats are taken, how large
// each variant is, what it is encoded as, and where its bytes are kept.

/** The formats sharp reports that an upload may be (HEIC only where libheif can decode it). */
export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'heif'] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];

export const VARIANTS = { display: 2048, thumb: 400 } as const;
export type Variant = keyof typeof VARIANTS;

/** Decompression bombs: more pixels than a 50-megapixel phone photo is refused before decoding. */
export const MAX_INPUT_PIXELS = 8192 * 8192;

export function isAcceptedFormat(format: string | undefined): format is AcceptedFormat {
  return (ACCEPTED_FORMATS as readonly string[]).includes(format ?? '');
}

/** The size that fits `width`×`height` within `longEdge` on its long side; never enlarged. */
export function fitWithin(
  width: number,
  height: number,
  longEdge: number,
): { width: number; height: number } {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** EXIF orientations 5–8 turn the picture a quarter: width and height swap once applied. */
export function orientedSize(
  width: number,
  height: number,
  orientation: number | undefined,
): { width: number; height: number } {
  return orientation !== undefined && orientation >= 5 && orientation <= 8
    ? { width: height, height: width }
    : { width, height };
}

/** A picture with transparency keeps it as WebP; everything else becomes JPEG. */
export function outputFormat(hasAlpha: boolean): {
  format: 'jpeg' | 'webp';
  mime: string;
  ext: string;
} {
  return hasAlpha
    ? { format: 'webp', mime: 'image/webp', ext: 'webp' }
    : { format: 'jpeg', mime: 'image/jpeg', ext: 'jpg' };
}

export function variantKey(tenantId: string, imageId: string, variant: Variant, ext: string) {
  return `${tenantId}/${imageId}/${variant}.${ext}`;
}

/** The public address of a variant: unguessable by its id, no session needed. */
export function variantPath(tenantId: string, imageId: string, variant: Variant): string {
  return `/api/v1/public/media/${tenantId}/images/${imageId}/${variant}`;
}
