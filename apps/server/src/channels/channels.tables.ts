import { index, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { MessageAttachment } from './port.ts';
import { createdAt, tenantIdOfTenant } from '../db/columns.ts';

/** What the development recorder channel "sent": the product runs with no provider account. */
export const recordedMessages = pgTable(
  'recorded_messages',
  {
    tenantId: tenantIdOfTenant(),
    id: uuid('id').notNull(),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    /** As staff may see it: a secret in it (sign-in code, reset link) is masked. */
    body: text('body').notNull(),
    /** The whole text sealed (secret box) when it carried a secret; opened only for the operator. */
    sealedBody: text('sealed_body'),
    purpose: text('purpose').notNull(),
    /** The messaging intent and delivery it carried: one record per delivery, however often retried. */
    intentId: uuid('intent_id'),
    deliveryId: uuid('delivery_id'),
    /** Files the message carried (e-mail), as sent. */
    attachments: jsonb('attachments').$type<MessageAttachment[]>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('recorded_messages_delivery_key').on(t.tenantId, t.deliveryId),
    index('recorded_messages_created_idx').on(t.tenantId, t.createdAt),
  ],
);
