import { and, desc, eq, inArray } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { randomToken } from '../../kernel/crypto.ts';
import { isSealed, openField, sealField, SecretBoxError } from '../../kernel/secret-box.ts';
import { recordAudit } from '../audit/index.ts';
import { customers } from '../customers/index.ts';
import {
  CONFIGURABLE_CHANNELS,
  VAPID_PRIVATE_FIELD,
  channelSecretField,
  channelSettings,
  pushSubscriptions,
  webPushKeys,
  wechatBindings,
} from './channel-settings.tables.ts';
import type { ChannelSettingsInput } from './channel-settings.schemas.ts';

export type ConfigurableChannel = (typeof CONFIGURABLE_CHANNELS)[number];
export type StoredChannelSetting = typeof channelSettings.$inferSelect;

/** Credentials each provider cannot work without (others are optional). */
const REQUIRED_SECRETS: Record<string, string[]> = {
  aliyun: ['accessKeySecret'],
  twilio: ['authToken'],
  wechat: ['appSecret'],
  smtp: [],
  webpush: [],
  recorder: [],
};
/** Config keys the server writes itself and the API does not echo. */
const SERVER_KEYS = new Set(['statusCallbackUrl']);

// ---- settings, with a short per-process cache (the worker resolves a channel per message) ----

const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; row: StoredChannelSetting | null }>();

export function invalidateChannelSettings(tenantId: string): void {
  for (const channel of CONFIGURABLE_CHANNELS) cache.delete(`${tenantId}:${channel}`);
}

/** The stored setting of one channel (null: the development recorder). Cross-tenant: scope by id. */
export async function unsafeLoadChannelSetting(
  db: Db,
  tenantId: string,
  channel: ConfigurableChannel,
): Promise<StoredChannelSetting | null> {
  const key = `${tenantId}:${channel}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.row;
  const [row] = await db
    .select()
    .from(channelSettings)
    .where(and(eq(channelSettings.tenantId, tenantId), eq(channelSettings.channel, channel)));
  cache.set(key, { at: Date.now(), row: row ?? null });
  return row ?? null;
}

export function receiptUrlFor(
  publicUrl: string,
  tenantId: string,
  provider: string,
  webhookKey: string,
): string | null {
  const base = publicUrl.replace(/\/+$/u, '');
  if (provider === 'aliyun')
    return `${base}/api/v1/webhooks/sms/aliyun?tenant=${tenantId}&key=${webhookKey}`;
  if (provider === 'twilio') return `${base}/api/v1/webhooks/sms/twilio?tenant=${tenantId}`;
  if (provider === 'wechat') return `${base}/api/v1/webhooks/wechat?tenant=${tenantId}`;
  return null;
}

/** Opens one sealed value; a value that does not open is a clear 409, never a 500 or a crash. */
function openOrRefuse(tenantId: string, field: string, value: string): string {
  // A plain value is a row written before sealing existed; the start-up sweep seals it.
  if (!isSealed(value)) return value;
  try {
    return openField(tenantId, field, value);
  } catch (err) {
    if (err instanceof SecretBoxError)
      throw new AppError('SECRET_UNREADABLE', { details: { field, reason: err.message } });
    throw err;
  }
}

/**
 * The plain credentials of a stored setting, for the adapter that uses them (never for the API).
 * Throws SECRET_UNREADABLE when one does not open (tampered, or sealed under a retired key).
 */
export function openChannelSecrets(
  tenantId: string,
  row: Pick<StoredChannelSetting, 'channel' | 'secrets'>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(row.secrets).map(([name, v]) => [
      name,
      openOrRefuse(tenantId, channelSecretField(row.channel, name), v),
    ]),
  );
}

function settingDto(
  channel: ConfigurableChannel,
  row: StoredChannelSetting | undefined,
  publicUrl: string,
  tenantId: string,
) {
  if (!row)
    return {
      channel,
      provider: 'recorder' as const,
      config: {},
      secrets: {},
      receiptUrl: null,
      updatedAt: null,
    };
  const config = Object.fromEntries(
    Object.entries(row.config).filter(([k]) => !SERVER_KEYS.has(k)),
  );
  const names = new Set([...(REQUIRED_SECRETS[row.provider] ?? []), ...Object.keys(row.secrets)]);
  if (row.provider === 'smtp') names.add('password');
  if (row.provider === 'wechat') names.add('token');
  return {
    channel,
    provider: row.provider,
    config,
    secrets: Object.fromEntries([...names].map((n) => [n, Boolean(row.secrets[n])])),
    receiptUrl: receiptUrlFor(publicUrl, tenantId, row.provider, row.webhookKey),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getChannelSettings(ctx: Ctx, publicUrl: string) {
  const rows = await ctx.tx.select().from(channelSettings);
  return {
    items: CONFIGURABLE_CHANNELS.map((c) =>
      settingDto(
        c,
        rows.find((r) => r.channel === c),
        publicUrl,
        ctx.tenantId,
      ),
    ),
    webPushPublicKey: await unsafeVapidPublicKey(ctx.tx, ctx.tenantId),
  };
}

export async function saveChannelSettings(
  ctx: Ctx,
  input: ChannelSettingsInput,
  publicUrl: string,
) {
  const [existing] = await ctx.tx
    .select()
    .from(channelSettings)
    .where(eq(channelSettings.channel, input.channel))
    .for('update');
  const secrets: Record<string, string> =
    existing && existing.provider === input.provider ? { ...existing.secrets } : {};
  const given = ('secrets' in input ? input.secrets : undefined) ?? {};
  for (const [name, value] of Object.entries(given as Record<string, string | null | undefined>)) {
    if (value === null) delete secrets[name];
    else if (value !== undefined)
      secrets[name] = sealField(ctx.tenantId, channelSecretField(input.channel, name), value);
  }
  for (const name of REQUIRED_SECRETS[input.provider] ?? [])
    if (!secrets[name])
      throw new AppError('CHANNEL_SECRET_REQUIRED', {
        field: `secrets.${name}`,
        details: { secret: name },
      });
  const webhookKey = existing?.webhookKey ?? randomToken(24);
  const config: Record<string, string | number | boolean> = {
    ...('config' in input ? (input.config as Record<string, string | number | boolean>) : {}),
  };
  for (const [k, v] of Object.entries(config)) if (v === undefined) delete config[k];
  const receiptUrl = receiptUrlFor(publicUrl, ctx.tenantId, input.provider, webhookKey);
  if (input.provider === 'twilio' && receiptUrl) config.statusCallbackUrl = receiptUrl;
  const actorId = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  const now = ctx.clock.now();
  const values = {
    provider: input.provider,
    config,
    secrets,
    updatedBy: actorId,
    updatedAt: now,
  };
  await ctx.tx
    .insert(channelSettings)
    .values({ tenantId: ctx.tenantId, channel: input.channel, webhookKey, ...values })
    .onConflictDoUpdate({
      target: [channelSettings.tenantId, channelSettings.channel],
      set: values,
    });
  if (input.provider === 'webpush') await unsafeVapidPublicKey(ctx.tx, ctx.tenantId);
  await recordAudit(ctx, {
    action: 'channelSettings.saved',
    entityType: 'channel_settings',
    entityId: null,
    changes: {
      channel: input.channel,
      provider: input.provider,
      config: Object.fromEntries(Object.entries(config).filter(([k]) => !SERVER_KEYS.has(k))),
      secretsChanged: Object.keys(given),
    },
  });
  invalidateChannelSettings(ctx.tenantId);
  const [row] = await ctx.tx
    .select()
    .from(channelSettings)
    .where(eq(channelSettings.channel, input.channel));
  return settingDto(input.channel, row, publicUrl, ctx.tenantId);
}

// ---- VAPID keys: one pair per tenant, made on first use and kept ----

/** The pair as stored: the private key sealed. */
const vapidCache = new Map<string, { publicKey: string; privateKey: string }>();

async function storedVapidKeys(db: Db, tenantId: string) {
  const hit = vapidCache.get(tenantId);
  if (hit) return hit;
  const read = async () =>
    (await db.select().from(webPushKeys).where(eq(webPushKeys.tenantId, tenantId)))[0];
  let row = await read();
  if (!row) {
    const keys = webpush.generateVAPIDKeys();
    // Two first requests at once: one insert wins, both read the winner.
    await db
      .insert(webPushKeys)
      .values({
        tenantId,
        publicKey: keys.publicKey,
        privateKey: sealField(tenantId, VAPID_PRIVATE_FIELD, keys.privateKey),
      })
      .onConflictDoNothing();
    row = await read();
  }
  if (!row) throw new AppError('INTERNAL');
  const keys = { publicKey: row.publicKey, privateKey: row.privateKey };
  vapidCache.set(tenantId, keys);
  return keys;
}

/** The tenant's VAPID public key (made on first use). */
export async function unsafeVapidPublicKey(db: Db, tenantId: string): Promise<string> {
  return (await storedVapidKeys(db, tenantId)).publicKey;
}

/** The tenant's VAPID pair with the private key opened, for the Web Push adapter. */
export async function unsafeVapidKeys(
  db: Db,
  tenantId: string,
): Promise<{ publicKey: string; privateKey: string }> {
  const keys = await storedVapidKeys(db, tenantId);
  return {
    publicKey: keys.publicKey,
    privateKey: openOrRefuse(tenantId, VAPID_PRIVATE_FIELD, keys.privateKey),
  };
}

/** Drops the process's cached VAPID pairs (after a key rotation re-sealed them). */
export function invalidateVapidCache(): void {
  vapidCache.clear();
}

// ---- push subscriptions ----

export async function subscribePush(
  ctx: Ctx,
  customerId: string,
  input: { endpoint: string; keys: { p256dh: string; auth: string } },
  userAgent: string | null,
) {
  const now = ctx.clock.now();
  const id = newId();
  // An endpoint belongs to one browser: re-subscribing (or another customer signing in on the
  // same phone) moves it.
  const [row] = await ctx.tx
    .insert(pushSubscriptions)
    .values({
      tenantId: ctx.tenantId,
      id,
      customerId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      userAgent: userAgent?.slice(0, 300) ?? null,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: [pushSubscriptions.tenantId, pushSubscriptions.endpoint],
      set: {
        customerId,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        userAgent: userAgent?.slice(0, 300) ?? null,
      },
    })
    .returning();
  return { id: row!.id, endpoint: row!.endpoint, createdAt: row!.createdAt.toISOString() };
}

export async function unsubscribePush(ctx: Ctx, customerId: string, endpoint: string) {
  await ctx.tx
    .delete(pushSubscriptions)
    .where(
      and(eq(pushSubscriptions.customerId, customerId), eq(pushSubscriptions.endpoint, endpoint)),
    );
}

export async function unsafePushSubscriptions(db: Db, tenantId: string, customerId: string) {
  return db
    .select()
    .from(pushSubscriptions)
    .where(
      and(eq(pushSubscriptions.tenantId, tenantId), eq(pushSubscriptions.customerId, customerId)),
    );
}

export async function unsafeRemovePushSubscriptions(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return;
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.tenantId, tenantId), inArray(pushSubscriptions.id, ids)));
}

export async function unsafeMarkPushSuccess(db: Db, tenantId: string, ids: string[], at: Date) {
  if (!ids.length) return;
  await db
    .update(pushSubscriptions)
    .set({ lastSuccessAt: at })
    .where(and(eq(pushSubscriptions.tenantId, tenantId), inArray(pushSubscriptions.id, ids)));
}

// ---- WeChat openid bindings ----

async function customerExists(ctx: Ctx, customerId: string) {
  const [c] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!c) throw new AppError('NOT_FOUND');
}

export async function getWechatBinding(ctx: Ctx, customerId: string) {
  await customerExists(ctx, customerId);
  const [row] = await ctx.tx
    .select()
    .from(wechatBindings)
    .where(eq(wechatBindings.customerId, customerId))
    .orderBy(desc(wechatBindings.createdAt))
    .limit(1);
  return { openid: row?.openid ?? null, subscribed: row?.subscribed ?? false };
}

/** Binds an openid to a customer (the openid moves if another customer had it). */
export async function setWechatBinding(ctx: Ctx, customerId: string, openid: string) {
  await customerExists(ctx, customerId);
  await ctx.tx.delete(wechatBindings).where(eq(wechatBindings.customerId, customerId));
  await ctx.tx
    .insert(wechatBindings)
    .values({
      tenantId: ctx.tenantId,
      openid,
      customerId,
      subscribed: true,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoUpdate({
      target: [wechatBindings.tenantId, wechatBindings.openid],
      set: { customerId, subscribed: true, createdAt: ctx.clock.now() },
    });
  await recordAudit(ctx, {
    action: 'customer.wechatBound',
    entityType: 'customer',
    entityId: customerId,
    changes: { openid },
  });
  return { openid, subscribed: true };
}

export async function removeWechatBinding(ctx: Ctx, customerId: string) {
  await customerExists(ctx, customerId);
  await ctx.tx.delete(wechatBindings).where(eq(wechatBindings.customerId, customerId));
}

/** The openid to write to: the newest binding of a customer who still follows. */
export async function unsafeWechatOpenid(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ openid: wechatBindings.openid })
    .from(wechatBindings)
    .where(
      and(
        eq(wechatBindings.tenantId, tenantId),
        eq(wechatBindings.customerId, customerId),
        eq(wechatBindings.subscribed, true),
      ),
    )
    .orderBy(desc(wechatBindings.createdAt))
    .limit(1);
  return row?.openid ?? null;
}

export async function unsafeSetWechatSubscribed(
  db: Db,
  tenantId: string,
  openid: string,
  subscribed: boolean,
) {
  await db
    .update(wechatBindings)
    .set({ subscribed })
    .where(and(eq(wechatBindings.tenantId, tenantId), eq(wechatBindings.openid, openid)));
}
