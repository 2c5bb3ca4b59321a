// Channel settings: which provider carries each external channel for a tenant and its
// credentials (secrets are write-only through the API), the VAPID keys of Web Push, the
// customers' push subscriptions and their WeChat openids.
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { registerSealedColumn } from '../../kernel/sealed-columns.ts';
import { tenants } from '../tenancy/index.ts';
import { customers } from '../customers/index.ts';

/** The external channels a tenant configures (in-app needs no settings). */
export const CONFIGURABLE_CHANNELS = ['sms', 'email', 'webpush', 'wechat'] as const;
export const CHANNEL_PROVIDERS = [
  'recorder',
  'aliyun',
  'twilio',
  'smtp',
  'webpush',
  'wechat',
] as const;

export const channelSettings = pgTable(
  'channel_settings',
  {
    tenantId: tenantId().references(() => tenants.tenantId),
    channel: text('channel', { enum: CONFIGURABLE_CHANNELS }).notNull(),
    provider: text('provider', { enum: CHANNEL_PROVIDERS }).notNull(),
    /** Settings that may be shown (sender name, region, endpoint…). */
    config: jsonb('config').$type<Record<string, string | number | boolean>>().notNull(),
    /** Credentials, each sealed (secret box): never returned by the API, only whether each is set. */
    secrets: jsonb('secrets').$type<Record<string, string>>().notNull(),
    /** Key of the receipt webhook URL for providers that do not sign their callbacks. */
    webhookKey: text('webhook_key').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.channel] })],
);

/** AAD field of one credential: `channel_settings.secrets.<channel>.<name>`. */
export const channelSecretField = (channel: string, name: string) =>
  `channel_settings.secrets.${channel}.${name}`;
registerSealedColumn({
  table: 'channel_settings',
  column: 'secrets',
  keys: ['channel'],
  shape: 'json',
  field: (key, member) => channelSecretField(key.channel!, member!),
});

/** The tenant's VAPID key pair (RFC 8292), made the first time Web Push is used. */
export const webPushKeys = pgTable('web_push_keys', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.tenantId),
  publicKey: text('public_key').notNull(),
  /** Sealed (secret box). */
  privateKey: text('private_key').notNull(),
  createdAt: createdAt(),
});
export const VAPID_PRIVATE_FIELD = 'web_push_keys.private_key';
registerSealedColumn({
  table: 'web_push_keys',
  column: 'private_key',
  keys: [],
  shape: 'text',
  field: () => VAPID_PRIVATE_FIELD,
});

export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSuccessAt: instant('last_success_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('push_subscriptions_endpoint_key').on(t.tenantId, t.endpoint),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    index('push_subscriptions_customer_idx').on(t.tenantId, t.customerId),
  ],
);

/** A customer's openid under the tenant's official account (one WeChat user, one customer). */
export const wechatBindings = pgTable(
  'wechat_bindings',
  {
    tenantId: tenantId(),
    openid: text('openid').notNull(),
    customerId: uuid('customer_id').notNull(),
    subscribed: boolean('subscribed').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.openid] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    index('wechat_bindings_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
  ],
);
