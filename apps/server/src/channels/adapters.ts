// Registers the provider adapters with the channel registry. Imported once at start-up (server
// and worker): each channel resolves to the provider the tenant chose in its channel settings,
// or — nothing chosen, or 'recorder' — to the development recorder.
import type { Db } from '../db/database.ts';
import { AppError } from '../kernel/errors.ts';
import {
  openChannelSecrets,
  unsafeLoadChannelSetting,
  unsafeVapidKeys,
  type ConfigurableChannel,
  type StoredChannelSetting,
} from '../modules/channel-settings/index.ts';
import type { AddressBook, Channel } from './port.ts';
import { registerChannelResolver } from './registry.ts';
import { createSmtpChannel } from './smtp.ts';
import { createAliyunSmsChannel } from './sms/aliyun.ts';
import { createTwilioChannel } from './sms/twilio.ts';
import { createWebPushChannel } from './webpush.ts';
import { createWechatChannel } from './wechat.ts';
// The in-app inbox is always on: no provider to configure, so it registers itself.
import './inapp.ts';

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
      return createWebPushChannel({ subject: String(c.subject), ...keys });
    }
    case 'wechat':
      return createWechatChannel({
        appId: String(c.appId),
        appSecret: s.appSecret ?? '',
        defaultTemplateId: str(c.defaultTemplateId),
        endpoint: str(c.endpoint),
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

function register(channel: ConfigurableChannel, providers: readonly string[]) {
  registerChannelResolver(channel, async (tenantId, deps) => {
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
  });
}

register('sms', ['aliyun', 'twilio']);
register('email', ['smtp']);
register('webpush', ['webpush']);
register('wechat', ['wechat']);
