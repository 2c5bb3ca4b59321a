import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from '../../db/columns.ts';
import { tenants } from '../tenancy/index.ts';

/**
 * An uploaded image, kept as two re-encoded variants (display, thumb) in the media store; the
 * original bytes are not kept (they may carry the owner's GPS position). Uploaded by a car owner,
 * a staff user, or the system (seeds, server-side imports) when both are null.
 */
export const mediaObjects = pgTable(
  'media_objects',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    id: uuid('id').notNull(),
    uploadedByCustomerId: uuid('uploaded_by_customer_id'),
    uploadedByStaffUserId: uuid('uploaded_by_staff_user_id'),
    /** What it was uploaded for: 'club_post', 'event_cover', … (free text of the caller). */
    purpose: text('purpose').notNull(),
    /** The content type of the stored variants (image/jpeg or image/webp). */
    mime: text('mime').notNull(),
    /** The format the upload was sniffed as (jpeg, png, webp, gif, heif). */
    sourceFormat: text('source_format').notNull(),
    /** The size of the upload in bytes. */
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    displayKey: text('display_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('media_objects_customer_idx').on(t.tenantId, t.uploadedByCustomerId),
    check(
      'media_objects_one_uploader',
      sql`${t.uploadedByCustomerId} is null or ${t.uploadedByStaffUserId} is null`,
    ),
  ],
);
