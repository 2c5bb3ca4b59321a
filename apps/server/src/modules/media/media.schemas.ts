import { z } from 'zod';
import { VARIANTS } from './media-rules.ts';

export const StoredImageSchema = z
  .object({
    id: z.string().uuid(),
    url: z.string().describe('The display variant (long edge ≤ 2048), public by its id'),
    thumbUrl: z.string().describe('The thumbnail (long edge ≤ 400), public by its id'),
    width: z.number().int().describe('Of the display variant'),
    height: z.number().int().describe('Of the display variant'),
  })
  .meta({ id: 'StoredImage' });

/** What an upload is for: a lower-case word such as club_post or event_cover. */
export const PurposeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a lower-case word (letters, digits, _)');

export const ImageParams = z.object({
  tenantId: z.string().uuid(),
  imageId: z.string().uuid(),
  variant: z.enum(Object.keys(VARIANTS) as [keyof typeof VARIANTS, ...(keyof typeof VARIANTS)[]]),
});

export const ImageBytes = z.string().describe('The image bytes (image/jpeg or image/webp)');
