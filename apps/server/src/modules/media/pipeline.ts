// The image pipeline: the type is sniffed from the bytes (never the name or the declared type),
// the picture is turned upright by its EXIF orientation and re-encoded without any metadata —
// no EXIF, no GPS, no camera serials — into a display variant and a thumbnail.
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../kernel/errors.ts';
import {
  fitWithin,
  isAcceptedFormat,
  MAX_INPUT_PIXELS,
  orientedSize,
  outputFormat,
  VARIANTS,
  type Variant,
} from './media-rules.ts';

export interface EncodedVariant {
  bytes: Buffer;
  width: number;
  height: number;
}

export interface ProcessedImage {
  /** The format the upload was, as sniffed (jpeg, png, webp, gif, heif). */
  sourceFormat: string;
  /** The content type of both variants. */
  mime: string;
  ext: string;
  variants: Record<Variant, EncodedVariant>;
}

const notAllowed = (cause?: unknown) =>
  new AppError('MEDIA_TYPE_NOT_ALLOWED', { field: 'file', ...(cause ? { cause } : {}) });

async function sniff(bytes: Buffer): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw notAllowed(err);
  }
  if (!isAcceptedFormat(meta.format)) throw notAllowed();
  const { width = 0, height = 0 } = meta;
  if (width < 1 || height < 1) throw notAllowed();
  if (width * height > MAX_INPUT_PIXELS)
    throw new AppError('MEDIA_TOO_MANY_PIXELS', {
      field: 'file',
      details: { width, height, maxPixels: MAX_INPUT_PIXELS },
    });
  return meta;
}

async function opaque(image: Sharp): Promise<boolean> {
  try {
    return (await image.clone().stats()).isOpaque;
  } catch (err) {
    throw notAllowed(err);
  }
}

/** Sniffs, checks and re-encodes an uploaded image; throws AppError for what it refuses. */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  const meta = await sniff(bytes);
  // One decoder for both variants; an animated GIF is read as its first frame (a still).
  const upright = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1 }).rotate();
  // An alpha channel that is opaque everywhere (screenshots, most GIFs) needs no WebP.
  const transparent = meta.hasAlpha === true && !(await opaque(upright));
  const out = outputFormat(transparent);
  const oriented = orientedSize(meta.width!, meta.height!, meta.orientation);
  const encode = async (longEdge: number): Promise<EncodedVariant> => {
    const size = fitWithin(oriented.width, oriented.height, longEdge);
    const resized = upright.clone().resize(size.width, size.height, { fit: 'fill' });
    const encoded =
      out.format === 'webp'
        ? resized.webp({ quality: 82 })
        : resized.jpeg({ quality: 82, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  };
  try {
    const [display, thumb] = await Promise.all([encode(VARIANTS.display), encode(VARIANTS.thumb)]);
    return {
      sourceFormat: meta.format!,
      mime: out.mime,
      ext: out.ext,
      variants: { display, thumb },
    };
  } catch (err) {
    // The header read but the picture does not decode (truncated, or HEIC without a decoder).
    throw notAllowed(err);
  }
}
