import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';

/**
 * The car owner's in-app inbox: one row per message the in-app channel delivered. The intent id
 * is unique, so a delivery retried after a crash never shows the message twice.
 */
export const inboxMessages = pgTable(
  'inbox_messages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** The messaging intent this row delivers (or the row's own id when written directly). */
    intentId: text('intent_id').notNull(),
    deliveryId: text('delivery_id'),
    title: text('title'),
    body: text('body').notNull(),
    /** In-app path a tap leads to (`/appointments/…`, `/conversation`). */
    url: text('url'),
    purpose: text('purpose').notNull(),
    createdAt: createdAt(),
    readAt: instant('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('inbox_messages_tenant_intent_key').on(t.tenantId, t.intentId),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('inbox_messages_customer_idx').on(
      t.tenantId,
      t.customerId,
      t.createdAt.desc(),
      t.id.desc(),
    ),
    index('inbox_messages_unread_idx')
      .on(t.tenantId, t.customerId)
      .where(sql`read_at is null`),
  ],
);

/** Customers who have used the app (opened the inbox or its live channel): the inbox reaches them. */
export const inboxAppPresence = pgTable(
  'inbox_app_presence',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    firstSeenAt: instant('first_seen_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
  ],
);

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
/** `assistant`: the self-service assistant (智能助手) answering in the owner's conversation. */
export const AUTHOR_TYPES = ['customer', 'staff', 'assistant'] as const;
export type AuthorType = (typeof AUTHOR_TYPES)[number];

/** One thread per customer between the car owner and the business's staff. */
export const conversations = pgTable(
  'conversations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('open'),
    assignedStaffId: uuid('assigned_staff_id'),
    /** Customer messages the staff have not read yet. */
    staffUnread: integer('staff_unread').notNull().default(0),
    /** Staff messages the customer has not read yet. */
    customerUnread: integer('customer_unread').notNull().default(0),
    lastMessageAt: instant('last_message_at').notNull(),
    lastMessagePreview: text('last_message_preview').notNull().default(''),
    lastMessageAuthor: text('last_message_author', { enum: AUTHOR_TYPES }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('conversations_tenant_customer_key').on(t.tenantId, t.customerId),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.assignedStaffId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }),
    index('conversations_recent_idx').on(t.tenantId, t.lastMessageAt.desc(), t.id.desc()),
  ],
);

export const conversationMessages = pgTable(
  'conversation_messages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    authorType: text('author_type', { enum: AUTHOR_TYPES }).notNull(),
    /** The staff member who wrote it (staff messages). */
    staffId: uuid('staff_id'),
    body: text('body').notNull(),
    /** The messaging intent that carried a staff reply to the customer (its delivery status). */
    intentId: text('intent_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.conversationId],
      foreignColumns: [conversations.tenantId, conversations.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.staffId],
      foreignColumns: [staffUsers.tenantId, staffUsers.id],
    }),
    index('conversation_messages_thread_idx').on(
      t.tenantId,
      t.conversationId,
      t.createdAt.desc(),
      t.id.desc(),
    ),
  ],
);
