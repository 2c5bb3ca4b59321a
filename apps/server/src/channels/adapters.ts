// Registers the provider adapters with the channel registry. Imported once at start-up (server
// and worker): each channel resolves to the provider the tenant chose in its channel settings,
// or — nothing chosen, or 'recorder' — to the development recorder.
import type { Db } from '../db/database.ts';
import {
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
  const s = row.secrets;
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

function register(channel: ConfigurableChannel, providers: readonly string[]) {
  registerChannelResolver(channel, async (tenantId, deps) => {
    const row = await unsafeLoadChannelSetting(deps.adminDb, tenantId, channel);
    if (!row || !providers.includes(row.provider)) return null;
    const key = `${tenantId}:${channel}:${row.provider}:${row.updatedAt.getTime()}`;
    if (built.has(key)) return built.get(key)!;
    const adapter = await adapterFor(deps.adminDb, tenantId, row);
    for (const k of built.keys()) if (k.startsWith(`${tenantId}:${channel}:`)) built.delete(k);
    built.set(key, adapter);
    return adapter;
  });
}

register('sms', ['aliyun', 'twilio']);
register('email', ['smtp']);
register('webpush', ['webpush']);
register('wechat', ['wechat']);
