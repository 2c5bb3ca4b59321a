// The provider adapters of the configurable channels: each channel resolves to the provider the
// tenant chose in its channel settings, or (nothing chosen, or 'recorder') to the development
// recorder. The composition root registers these resolvers with the channel registry.
import type { Db } from '../../db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { AddressBook, Channel } from '../../channels/port.ts';
import type { ChannelResolver } from '../../channels/registry.ts';
import { createSmtpChannel } from '../../channels/smtp.ts';
import { createAliyunSmsChannel } from '../../channels/sms/aliyun.ts';
import { createTwilioChannel } from '../../channels/sms/twilio.ts';
import { createWebPushChannel, type PushSubscriptionStore } from '../../channels/webpush.ts';
import { createWechatChannel, type WechatBindingStore } from '../../channels/wechat.ts';
import {
  openChannelSecrets,
  unsafeLoadChannelSetting,
  unsafeMarkPushSuccess,
  unsafePushSubscriptions,
  unsafeRemovePushSubscriptions,
  unsafeSetWechatSubscribed,
  unsafeVapidKeys,
  unsafeWechatOpenid,
  type ConfigurableChannel,
  type StoredChannelSetting,
} from './channel-settings.service.ts';

/** The Web Push adapter's access to the subscriptions this module keeps. */
export const pushSubscriptionStore: PushSubscriptionStore = {
  list: unsafePushSubscriptions,
  remove: unsafeRemovePushSubscriptions,
  markSuccess: unsafeMarkPushSuccess,
};

/** The WeChat adapter's access to the openid bindings this module keeps. */
export const wechatBindingStore: WechatBindingStore = {
  openid: unsafeWechatOpenid,
  setSubscribed: unsafeSetWechatSubscribed,
};

type Adapter = Channel & Partial<AddressBook>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Builds the adapter a stored setting describes (null: the recorder). */
export async function adapterFor(
  db: Db,
  tenantId: string,
  row: StoredChannelSetting,
): Promise<Adapter | null> {
  const c = row.config;
  const s = openChannelSecrets(tenantId, row);
  switch (row.provider) {
    case 'aliyun':
      return createAliyunSmsChannel({
        accessKeyId: String(c.accessKeyId),
        accessKeySecret: s.accessKeySecret ?? '',
        signName: String(c.signName),
        regionId: str(c.regionId),
        defaultTemplateCode: str(c.defaultTemplateCode),
        endpoint: str(c.endpoint),
      });
    case 'twilio':
      return createTwilioChannel({
        accountSid: String(c.accountSid),
        authToken: s.authToken ?? '',
        from: str(c.from),
        messagingServiceSid: str(c.messagingServiceSid),
        statusCallbackUrl: str(c.statusCallbackUrl),
        endpoint: str(c.endpoint),
      });
    case 'smtp':
      return createSmtpChannel({
        host: String(c.host),
        port: Number(c.port),
        secure: c.secure === true,
        username: str(c.username),
        password: s.password,
        fromAddress: String(c.fromAddress),
        fromName: str(c.fromName),
      });
    case 'webpush': {
      const keys = await unsafeVapidKeys(db, tenantId);
      return createWebPushChannel({
        subject: String(c.subject),
        ...keys,
        subscriptions: pushSubscriptionStore,
      });
    }
    case 'wechat':
      return createWechatChannel({
        appId: String(c.appId),
        appSecret: s.appSecret ?? '',
        defaultTemplateId: str(c.defaultTemplateId),
        endpoint: str(c.endpoint),
        bindings: wechatBindingStore,
      });
    default:
      return null;
  }
}

// One adapter per tenant, channel and saved version: SMTP transports and WeChat tokens are reused.
const built = new Map<string, Adapter | null>();

function unreadableCredentials(channel: ConfigurableChannel, provider: string): Adapter {
  return {
    name: channel,
    provider,
    send: async () => ({
      outcome: 'failed',
      permanent: true,
      error: 'stored credentials cannot be opened (SECRET_UNREADABLE): save them again',
      providerCode: 'SECRET_UNREADABLE',
    }),
  };
}

function resolverOf(channel: ConfigurableChannel, providers: readonly string[]): ChannelResolver {
  return async (tenantId, deps) => {
    const row = await unsafeLoadChannelSetting(deps.adminDb, tenantId, channel);
    if (!row || !providers.includes(row.provider)) return null;
    const key = `${tenantId}:${channel}:${row.provider}:${row.updatedAt.getTime()}`;
    if (built.has(key)) return built.get(key)!;
    let adapter: Adapter | null;
    try {
      adapter = await adapterFor(deps.adminDb, tenantId, row);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'SECRET_UNREADABLE')) throw err;
      // A credential that does not open fails this channel's messages with a clear reason
      // (the pipeline then tries the next channel); it must not stop the worker's other tenants.
      deps.log.error(
        { err, tenantId, channel, provider: row.provider },
        'stored channel credential does not open; messages on this channel fail until it is saved again',
      );
      adapter = unreadableCredentials(channel, row.provider);
    }
    for (const k of built.keys()) if (k.startsWith(`${tenantId}:${channel}:`)) built.delete(k);
    built.set(key, adapter);
    return adapter;
  };
}

/** Each configurable channel with the resolver of its tenant's provider. */
export const CONFIGURED_CHANNELS: { name: ConfigurableChannel; resolve: ChannelResolver }[] = [
  { name: 'sms', resolve: resolverOf('sms', ['aliyun', 'twilio']) },
  { name: 'email', resolve: resolverOf('email', ['smtp']) },
  { name: 'webpush', resolve: resolverOf('webpush', ['webpush']) },
  { name: 'wechat', resolve: resolverOf('wechat', ['wechat']) },
];
