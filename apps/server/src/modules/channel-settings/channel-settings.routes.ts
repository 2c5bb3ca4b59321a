import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { normalizePhone } from '../../kernel/phone.ts';
import type { Ctx } from '../../kernel/context.ts';
import { resolveChannel } from '../../channels/registry.ts';
import { exchangeWechatOauthCode } from '../../channels/wechat.ts';
import { customers } from '../customers/index.ts';
import { messageDeliveries, recordDeliveryStatus } from '../messaging/index.ts';
import {
  ChannelSettingSchema,
  ChannelSettingsBody,
  ChannelSettingsSchema,
  PushSubscriptionBody,
  PushSubscriptionSchema,
  PushUnsubscribeBody,
  TestSendBody,
  TestSendSchema,
  VapidKeySchema,
  WechatBindingBody,
  WechatBindingSchema,
  WechatOauthBody,
} from './channel-settings.schemas.ts';
import * as settings from './channel-settings.service.ts';
import {
  checkWechatSignature,
  handleAliyunReceipts,
  handleTwilioReceipt,
  handleWechatEvent,
} from './webhooks.ts';

const Empty = z.null().describe('No content');
const ADMINS = ['owner', 'manager'] as const;
const CustomerParams = z.object({ customerId: z.string().uuid() });
const TenantQuery = z.object({ tenant: z.string().uuid() });

async function testSend(ctx: Ctx, input: z.infer<typeof TestSendBody>) {
  let to = input.to;
  let customerId: string | null = null;
  if (input.channel === 'sms') {
    const p = normalizePhone(input.to);
    if (!p.ok) throw new AppError('PHONE_INVALID', { field: 'to' });
    to = p.e164;
  } else if (input.channel === 'email') {
    if (!z.email().safeParse(input.to).success)
      throw new AppError('VALIDATION_FAILED', { field: 'to' });
  } else {
    const id = z.uuid().safeParse(input.to);
    if (!id.success) throw new AppError('VALIDATION_FAILED', { field: 'to' });
    const [c] = await ctx.tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, id.data));
    if (!c) throw new AppError('NOT_FOUND', { field: 'to' });
    customerId = c.id;
  }
  const deps = { adminDb: ctx.tx, log: ctx.log, now: () => ctx.clock.now() };
  const adapter = await resolveChannel(ctx.tenantId, input.channel, deps);
  const zh = ctx.locale === 'zh-CN';
  const result = await adapter.send(
    {
      tenantId: ctx.tenantId,
      intentId: newId(),
      deliveryId: newId(),
      customerId,
      channel: input.channel,
      to,
      purpose: 'transactional',
      subject: zh ? '留客测试消息' : 'Liuke test message',
      text: zh
        ? '这是一条测试消息：渠道设置可用。'
        : 'This is a test message: the channel settings work.',
      html: zh
        ? '<p>这是一条测试消息：渠道设置可用。</p>'
        : '<p>This is a test message: the channel settings work.</p>',
    },
    deps,
  );
  return {
    provider: adapter.provider,
    outcome: result.outcome,
    permanent: result.outcome === 'failed' ? result.permanent : null,
    error: result.outcome === 'failed' ? result.error : null,
    providerMessageId: result.outcome === 'failed' ? null : (result.providerMessageId ?? null),
  };
}

export function channelSettingsRoutes(app: FastifyInstance, deps: RouteDeps) {
  const publicUrl = deps.config.publicUrl;

  // ---- staff: channel settings ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/channel-settings',
    audience: 'staff',
    roles: ADMINS,
    summary: 'Provider and settings of each external channel (credentials only as set / not set)',
    tags: ['channels'],
    response: ChannelSettingsSchema,
    handler: async (ctx) => settings.getChannelSettings(ctx, publicUrl),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/channel-settings',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Choose the provider of one channel and save its settings',
    description:
      'Secrets are write-only: send a value to set one, `null` to clear it, or leave it out to keep what is stored. `recorder` makes the channel record messages in the dev outbox instead of sending them.',
    tags: ['channels'],
    body: ChannelSettingsBody,
    response: ChannelSettingSchema,
    errors: ['CHANNEL_SECRET_REQUIRED', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => settings.saveChannelSettings(ctx, body, publicUrl),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/channel-settings/test',
    audience: 'staff',
    roles: ADMINS,
    summary: 'Send a test message through the configured provider of a channel',
    description:
      'Sends at once (not through the delivery queue) and answers with the provider’s outcome.',
    tags: ['channels'],
    body: TestSendBody,
    response: TestSendSchema,
    errors: ['PHONE_INVALID', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => testSend(ctx, body),
  });

  // ---- WeChat openid binding ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}/wechat-binding',
    audience: 'staff',
    summary: 'The customer’s WeChat openid under the official account',
    tags: ['channels'],
    params: CustomerParams,
    response: WechatBindingSchema,
    handler: async (ctx, { params }) => settings.getWechatBinding(ctx, params.customerId),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/customers/{customerId}/wechat-binding',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Bind a WeChat openid to the customer',
    tags: ['channels'],
    params: CustomerParams,
    body: WechatBindingBody,
    response: WechatBindingSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      settings.setWechatBinding(ctx, params.customerId, body.openid),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/customers/{customerId}/wechat-binding',
    audience: 'staff',
    roles: ['owner', 'manager', 'advisor'],
    summary: 'Remove the customer’s WeChat binding',
    tags: ['channels'],
    params: CustomerParams,
    status: 204,
    response: Empty,
    handler: async (ctx, { params }) => {
      await settings.removeWechatBinding(ctx, params.customerId);
      return null;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/me/wechat-binding',
    audience: 'app',
    summary: 'Bind the customer’s WeChat openid from an OAuth code (app opened inside WeChat)',
    description:
      'The app sends the `code` WeChat gives after snsapi_base authorisation; the server exchanges it for the openid with the official account’s AppSecret.',
    tags: ['channels'],
    body: WechatOauthBody,
    response: WechatBindingSchema,
    errors: [
      'CHANNEL_NOT_CONFIGURED',
      'WECHAT_CODE_INVALID',
      'PROVIDER_UNAVAILABLE',
      'SECRET_UNREADABLE',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { body }) => {
      const row = await settings.unsafeLoadChannelSetting(ctx.tx, ctx.tenantId, 'wechat');
      if (row?.provider !== 'wechat' || !row.secrets.appSecret)
        throw new AppError('CHANNEL_NOT_CONFIGURED', { field: 'channel' });
      const secrets = settings.openChannelSecrets(ctx.tenantId, row);
      const result = await exchangeWechatOauthCode(
        {
          appId: String(row.config.appId),
          appSecret: secrets.appSecret ?? '',
          ...(typeof row.config.endpoint === 'string' ? { endpoint: row.config.endpoint } : {}),
        },
        body.code,
      );
      if (result === 'invalid') throw new AppError('WECHAT_CODE_INVALID', { field: 'code' });
      if (result === 'unavailable') throw new AppError('PROVIDER_UNAVAILABLE');
      return settings.setWechatBinding(ctx, ctx.actor.id!, result.openid);
    },
  });

  // ---- app: Web Push subscription ----

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/push/vapid-public-key',
    audience: 'app',
    summary: 'The business’s VAPID public key for PushManager.subscribe',
    tags: ['channels'],
    response: VapidKeySchema,
    handler: async (ctx) => {
      const publicKey = await settings.unsafeVapidPublicKey(ctx.tx, ctx.tenantId);
      const row = await settings.unsafeLoadChannelSetting(ctx.tx, ctx.tenantId, 'webpush');
      return { publicKey, enabled: row?.provider === 'webpush' };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/push/subscriptions',
    audience: 'app',
    summary: 'Save this browser’s push subscription (PushSubscription.toJSON())',
    tags: ['channels'],
    body: PushSubscriptionBody,
    status: 201,
    response: PushSubscriptionSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }, req) =>
      settings.subscribePush(ctx, ctx.actor.id!, body, req.headers['user-agent'] ?? null),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/app/push/subscriptions',
    audience: 'app',
    summary: 'Forget this browser’s push subscription (notifications turned off)',
    tags: ['channels'],
    body: PushUnsubscribeBody,
    status: 204,
    response: Empty,
    handler: async (ctx, { body }) => {
      await settings.unsubscribePush(ctx, ctx.actor.id!, body.endpoint);
      return null;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/push/opened',
    audience: 'app',
    summary: 'The customer opened a push notification (cancels its SMS fallback)',
    tags: ['channels'],
    body: z
      .strictObject({ deliveryId: z.string().uuid() })
      .meta({ example: { deliveryId: '01900000-0000-7000-8000-000000000000' } }),
    status: 204,
    response: Empty,
    handler: async (ctx, { body }) => {
      const [own] = await ctx.tx
        .select({ id: messageDeliveries.id })
        .from(messageDeliveries)
        .where(
          and(
            eq(messageDeliveries.id, body.deliveryId),
            eq(messageDeliveries.customerId, ctx.actor.id!),
          ),
        );
      if (own) await recordDeliveryStatus(ctx, { deliveryId: own.id, status: 'opened' });
      return null;
    },
  });

  // ---- public: provider receipts (own content types, so scoped to this plugin) ----

  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    scope.addContentTypeParser(
      ['text/xml', 'application/xml'],
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, body),
    );

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/webhooks/sms/aliyun',
      audience: 'public',
      summary: 'Aliyun SMS delivery reports (SmsReport, HTTP batch push)',
      description:
        'Aliyun does not sign this push: the URL shown in the channel settings carries a per-tenant secret `key`.',
      tags: ['webhooks'],
      idempotent: false,
      querystring: TenantQuery.extend({ key: z.string().min(1).max(100) }),
      body: z
        .array(
          z
            .object({
              success: z.boolean(),
              err_code: z.string().max(100).optional(),
              err_msg: z.string().max(500).optional(),
              biz_id: z.string().max(100).optional(),
              out_id: z.string().max(100).optional(),
              report_time: z.string().max(40).optional(),
            })
            .loose(),
        )
        .max(1000)
        .meta({
          example: [
            {
              phone_number: '13812345678',
              success: true,
              err_code: 'DELIVERED',
              err_msg: '用户接收成功',
              biz_id: '900619746936498440^0',
              out_id: '01900000-0000-7000-8000-000000000000',
              report_time: '2026-01-01 08:00:00',
            },
          ],
        }),
      response: z.object({ code: z.number(), msg: z.string() }),
      errors: ['WEBHOOK_SIGNATURE_INVALID'],
      publicTenant: async ({ query }) => query.tenant,
      handler: async (ctx, { query, body }) => {
        await handleAliyunReceipts(ctx, query.key, body);
        return { code: 0, msg: '接收成功' };
      },
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/webhooks/sms/twilio',
      audience: 'public',
      summary: 'Twilio message status callback (signed with X-Twilio-Signature)',
      tags: ['webhooks'],
      idempotent: false,
      querystring: TenantQuery,
      body: z.record(z.string().max(100), z.string().max(2000)),
      consumes: ['application/x-www-form-urlencoded'],
      status: 204,
      response: Empty,
      errors: ['WEBHOOK_SIGNATURE_INVALID'],
      publicTenant: async ({ query }) => query.tenant,
      handler: async (ctx, { body }, req) => {
        const signature = req.headers['x-twilio-signature'];
        await handleTwilioReceipt(
          ctx,
          `${publicUrl.replace(/\/+$/u, '')}${req.url}`,
          typeof signature === 'string' ? signature : undefined,
          body,
        );
        return null;
      },
    });

    const WechatQuery = TenantQuery.extend({
      signature: z.string().max(100),
      timestamp: z.string().max(20),
      nonce: z.string().max(100),
    });

    defineRoute(scope, deps, {
      method: 'GET',
      url: '/api/v1/webhooks/wechat',
      audience: 'public',
      summary: 'WeChat server URL check (answers echostr when the signature holds)',
      tags: ['webhooks'],
      querystring: WechatQuery.extend({ echostr: z.string().max(200) }),
      produces: 'text/plain; charset=utf-8',
      response: z.string(),
      errors: ['WEBHOOK_SIGNATURE_INVALID'],
      publicTenant: async ({ query }) => query.tenant,
      handler: async (ctx, { query }, _req, reply) => {
        await checkWechatSignature(ctx, query);
        reply.type('text/plain; charset=utf-8');
        return query.echostr;
      },
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/webhooks/wechat',
      audience: 'public',
      summary: 'WeChat official-account events: template send results, follow / unfollow',
      tags: ['webhooks'],
      idempotent: false,
      querystring: WechatQuery.extend({
        openid: z.string().max(100).optional(),
        encrypt_type: z.string().max(20).optional(),
        msg_signature: z.string().max(100).optional(),
      }),
      body: z.string().max(64 * 1024),
      consumes: ['text/xml', 'application/xml'],
      produces: 'text/plain; charset=utf-8',
      response: z.string(),
      errors: ['WEBHOOK_SIGNATURE_INVALID'],
      publicTenant: async ({ query }) => query.tenant,
      handler: async (ctx, { query, body }, _req, reply) => {
        await checkWechatSignature(ctx, query);
        await handleWechatEvent(ctx, body);
        reply.type('text/plain; charset=utf-8');
        return 'success';
      },
    });
  });
}
