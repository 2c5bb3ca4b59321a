import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import {
  IntentParams,
  MessageDetailSchema,
  MessageListQuery,
  MessagePageSchema,
  PreviewBody,
  PreviewSchema,
  SettingsSchema,
  TemplateKeyParams,
  TemplateListSchema,
  TemplateSchema,
  TemplateTextBody,
  TemplateTextParams,
  TokenParams,
  UnsubscribeInfoSchema,
} from './messaging.schemas.ts';
import * as messaging from './messaging.service.ts';

const EDITORS = ['owner', 'manager'] as const;
const TEXT_ERRORS: ErrorCode[] = [
  'MESSAGE_TEMPLATE_NOT_FOUND',
  'MESSAGE_TEMPLATE_UNKNOWN_VARIABLE',
  'MESSAGE_TEMPLATE_VARIABLE_UNAVAILABLE',
  'MESSAGE_TEMPLATE_SMS_TOO_LONG',
  'MESSAGE_TEMPLATE_SUBJECT_REQUIRED',
  'MESSAGE_CHANNEL_NOT_IN_TEMPLATE',
];

export function messagingRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/message-templates',
    audience: 'staff',
    summary:
      'Message templates: built-in wording and this business’s edits, per channel and language',
    tags: ['messaging'],
    response: TemplateListSchema,
    handler: async (ctx) => messaging.listTemplates(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/message-templates/{templateKey}',
    audience: 'staff',
    summary: 'One message template with its variables',
    tags: ['messaging'],
    params: TemplateKeyParams,
    response: TemplateSchema,
    errors: ['MESSAGE_TEMPLATE_NOT_FOUND'],
    handler: async (ctx, { params }) => messaging.getTemplate(ctx, params.templateKey),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/message-templates/{templateKey}/{channel}/{language}',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Save this business’s wording of a template for one channel and language',
    description:
      'Refused (400) when the text names an unknown variable or one this template does not provide (the variable is in `details.variable`), or when an SMS would need more segments than allowed.',
    tags: ['messaging'],
    params: TemplateTextParams,
    body: TemplateTextBody,
    response: TemplateSchema,
    errors: [...TEXT_ERRORS, 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      messaging.saveTemplateText(ctx, {
        key: params.templateKey,
        channel: params.channel,
        language: params.language,
        subject: body.subject ?? null,
        body: body.body,
      }),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/message-templates/{templateKey}/{channel}/{language}',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Go back to the built-in wording for one channel and language',
    tags: ['messaging'],
    params: TemplateTextParams,
    response: TemplateSchema,
    errors: ['MESSAGE_TEMPLATE_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) =>
      messaging.resetTemplateText(ctx, {
        key: params.templateKey,
        channel: params.channel,
        language: params.language,
      }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/message-templates/{templateKey}/preview',
    audience: 'staff',
    summary: 'Render a draft with a real customer (nothing is saved or sent)',
    tags: ['messaging'],
    params: TemplateKeyParams,
    body: PreviewBody,
    response: PreviewSchema,
    errors: ['MESSAGE_TEMPLATE_NOT_FOUND', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      messaging.previewTemplate(ctx, params.templateKey, {
        channel: body.channel,
        language: body.language,
        subject: body.subject ?? null,
        body: body.body,
        customerId: body.customerId ?? null,
      }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/messages',
    audience: 'staff',
    summary: 'Messages, newest first, with their deliveries per channel',
    tags: ['messaging'],
    querystring: MessageListQuery,
    response: MessagePageSchema,
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => messaging.listMessages(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/messages/{intentId}',
    audience: 'staff',
    summary: 'One message and its timeline (queued, held, suppressed, sent, delivered, retries…)',
    tags: ['messaging'],
    params: IntentParams,
    response: MessageDetailSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => messaging.getMessage(ctx, params.intentId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/messaging/settings',
    audience: 'staff',
    summary: 'Quiet hours, marketing frequency caps and the push → SMS fallback delay',
    tags: ['messaging'],
    response: SettingsSchema,
    handler: async (ctx) => messaging.getSettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/messaging/settings',
    audience: 'staff',
    roles: ['owner'],
    summary: 'Save quiet hours, caps and the fallback delay',
    tags: ['messaging'],
    body: SettingsSchema,
    response: SettingsSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => messaging.saveSettings(ctx, body),
  });

  const tenantOfToken = async (input: { params: { token: string } }) =>
    messaging.tenantOfUnsubscribe(input.params.token);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/unsubscribe/{token}',
    audience: 'public',
    summary: 'What an unsubscribe link would stop (nothing changes)',
    tags: ['messaging'],
    params: TokenParams,
    response: UnsubscribeInfoSchema,
    errors: ['UNSUBSCRIBE_LINK_INVALID'],
    publicTenant: tenantOfToken,
    handler: async (ctx, { params }) => messaging.unsubscribeInfo(ctx, params.token),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/public/unsubscribe/{token}',
    audience: 'public',
    summary: 'Stop marketing messages on the link’s channel (records the withdrawal of consent)',
    tags: ['messaging'],
    params: TokenParams,
    response: UnsubscribeInfoSchema,
    errors: ['UNSUBSCRIBE_LINK_INVALID'],
    publicTenant: tenantOfToken,
    handler: async (ctx, { params }) => messaging.unsubscribe(ctx, params.token),
  });
}
