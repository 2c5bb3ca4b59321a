import { z } from 'zod';
import { CONFIGURABLE_CHANNELS, CHANNEL_PROVIDERS } from './channel-settings.tables.ts';

const Text = (max = 200) => z.string().trim().min(1).max(max);
const Endpoint = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^\s]+$/u, 'an http(s) URL')
  .optional()
  .describe('Override of the provider’s API address (tests, private gateways)');
/** A secret: a value sets it, null clears it, absent keeps what is stored. */
const Secret = z.string().min(1).max(500).nullable().optional();

export const AliyunConfig = z.strictObject({
  accessKeyId: Text(100),
  signName: Text(40).describe('短信签名, e.g. 留客汽车'),
  regionId: Text(40).optional(),
  defaultTemplateCode: Text(60)
    .optional()
    .describe('Template with one variable ${content} used when a message names no template'),
  endpoint: Endpoint,
});
export const TwilioConfig = z
  .strictObject({
    accountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/u, 'AC followed by 32 hex digits'),
    from: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{7,14}$/u, 'an E.164 number')
      .optional(),
    messagingServiceSid: z
      .string()
      .trim()
      .regex(/^MG[0-9a-fA-F]{32}$/u, 'MG followed by 32 hex digits')
      .optional(),
    endpoint: Endpoint,
  })
  .refine((c) => c.from || c.messagingServiceSid, {
    message: 'from or messagingServiceSid is required',
    path: ['from'],
  });
export const SmtpConfig = z.strictObject({
  host: Text(200),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().describe('TLS from the start (port 465); otherwise STARTTLS when offered'),
  username: Text(200).optional(),
  fromAddress: z.string().trim().max(200).pipe(z.email()),
  fromName: Text(60).optional(),
});
export const WebPushConfig = z.strictObject({
  subject: z
    .string()
    .trim()
    .max(200)
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/[^\s]+)$/u, 'mailto: address or https: URL')
    .describe('VAPID contact (RFC 8292): mailto: or https:'),
});
export const WechatConfig = z.strictObject({
  appId: z
    .string()
    .trim()
    .regex(/^wx[0-9a-zA-Z]{8,30}$/u, 'an AppID such as wx1234567890abcdef'),
  defaultTemplateId: Text(100).optional(),
  endpoint: Endpoint,
});

const channel = z.enum(CONFIGURABLE_CHANNELS);

export const ChannelSettingsBody = z
  .discriminatedUnion('provider', [
    z.strictObject({ channel, provider: z.literal('recorder') }),
    z.strictObject({
      channel: z.literal('sms'),
      provider: z.literal('aliyun'),
      config: AliyunConfig,
      secrets: z.strictObject({ accessKeySecret: Secret }).optional(),
    }),
    z.strictObject({
      channel: z.literal('sms'),
      provider: z.literal('twilio'),
      config: TwilioConfig,
      secrets: z.strictObject({ authToken: Secret }).optional(),
    }),
    z.strictObject({
      channel: z.literal('email'),
      provider: z.literal('smtp'),
      config: SmtpConfig,
      secrets: z.strictObject({ password: Secret }).optional(),
    }),
    z.strictObject({
      channel: z.literal('webpush'),
      provider: z.literal('webpush'),
      config: WebPushConfig,
    }),
    z.strictObject({
      channel: z.literal('wechat'),
      provider: z.literal('wechat'),
      config: WechatConfig,
      secrets: z.strictObject({ appSecret: Secret, token: Secret }).optional(),
    }),
  ])
  .meta({
    example: {
      channel: 'sms',
      provider: 'aliyun',
      config: { accessKeyId: 'LTAI5tExampleKey', signName: '留客汽车' },
      secrets: { accessKeySecret: 'example-secret' },
    },
  });
export type ChannelSettingsInput = z.infer<typeof ChannelSettingsBody>;

export const ChannelSettingSchema = z
  .object({
    channel,
    provider: z.enum(CHANNEL_PROVIDERS),
    config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    secrets: z
      .record(z.string(), z.boolean())
      .describe('Which credentials are set; their values are never returned'),
    receiptUrl: z
      .string()
      .nullable()
      .describe('Where the provider sends delivery receipts (paste into its console)'),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'ChannelSetting' });

export const ChannelSettingsSchema = z
  .object({
    items: z.array(ChannelSettingSchema),
    webPushPublicKey: z.string().describe('VAPID public key (base64url)'),
  })
  .meta({ id: 'ChannelSettings' });

export const TestSendBody = z
  .strictObject({
    channel,
    to: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('Phone (sms), e-mail address (email) or customer id (webpush, wechat)'),
  })
  .meta({ example: { channel: 'sms', to: '13812345678' } });

export const TestSendSchema = z
  .object({
    provider: z.string(),
    outcome: z.enum(['sent', 'delivered', 'failed']),
    permanent: z.boolean().nullable(),
    error: z.string().nullable(),
    providerMessageId: z.string().nullable(),
  })
  .meta({ id: 'ChannelTestResult' });

export const VapidKeySchema = z
  .object({
    publicKey: z.string().describe('applicationServerKey for PushManager.subscribe (base64url)'),
    enabled: z.boolean().describe('Whether the business sends Web Push at all'),
  })
  .meta({ id: 'VapidPublicKey' });

const B64Url = (max: number) =>
  z
    .string()
    .trim()
    .min(8)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/u, 'base64url');

export const PushSubscriptionBody = z
  .strictObject({
    endpoint: z
      .string()
      .trim()
      .max(1000)
      .regex(/^https:\/\/[^\s]+$/u, 'an https URL'),
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({ p256dh: B64Url(200), auth: B64Url(64) }),
  })
  .meta({
    example: {
      endpoint: 'https://fcm.googleapis.com/fcm/send/example-subscription-id',
      keys: {
        p256dh:
          'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
        auth: 'tBHItJI5svbpez7KI4CCXg',
      },
    },
  });

export const PushUnsubscribeBody = z
  .strictObject({ endpoint: z.string().trim().min(1).max(1000) })
  .meta({ example: { endpoint: 'https://fcm.googleapis.com/fcm/send/example-subscription-id' } });

export const PushSubscriptionSchema = z
  .object({ id: z.string(), endpoint: z.string(), createdAt: z.string() })
  .meta({ id: 'PushSubscription' });

export const WechatBindingBody = z
  .strictObject({
    openid: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{10,64}$/u, 'an openid'),
  })
  .meta({ example: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } });

export const WechatOauthBody = z
  .strictObject({ code: z.string().trim().min(1).max(200) })
  .meta({ example: { code: '061a2b3c4d5e6f' } });

export const WechatBindingSchema = z
  .object({ openid: z.string().nullable(), subscribed: z.boolean() })
  .meta({ id: 'WechatBinding' });
