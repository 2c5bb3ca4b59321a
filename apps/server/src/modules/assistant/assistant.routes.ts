import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DESK_ROLES, MARKETING_ROLES } from '../../kernel/roles.ts';
import {
  CustomerParams,
  OwnerAssistantSchema,
  SettingsBody,
  SettingsSchema,
  TranscriptListQuery,
  TranscriptListSchema,
  TranscriptSchema,
} from './assistant.schemas.ts';
import { loadAssistantSettings, saveAssistantSettings } from './settings.ts';
import { assistantForOwner, getTranscript, handBack, listTranscripts } from './transcripts.ts';

const TAGS = ['assistant'];
const me = (ctx: Ctx) => ctx.actor.id!;

export function assistantRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/assistant/settings',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'The self-service assistant’s settings (智能助手)',
    tags: TAGS,
    response: SettingsSchema,
    handler: async (ctx) => loadAssistantSettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/assistant/settings',
    audience: 'staff',
    roles: MARKETING_ROLES,
    summary:
      'Turn the assistant on or off, set its handover words, failed turns, silence and greeting',
    tags: TAGS,
    body: SettingsBody,
    response: SettingsSchema,
    errors: ['IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { body }) => saveAssistantSettings(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/assistant/transcripts',
    audience: 'staff',
    roles: DESK_ROLES,
    summary:
      'Conversations the assistant handled, latest first (filter: waiting = the handover queue)',
    tags: TAGS,
    querystring: TranscriptListQuery,
    response: TranscriptListSchema,
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listTranscripts(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/assistant/transcripts/{customerId}',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'One transcript: every message (the assistant’s included) and every action it took',
    tags: TAGS,
    params: CustomerParams,
    response: TranscriptSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getTranscript(ctx, params.customerId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/assistant/transcripts/{customerId}/hand-back',
    audience: 'staff',
    roles: DESK_ROLES,
    summary: 'Give a handed-over conversation back to the assistant',
    tags: TAGS,
    params: CustomerParams,
    response: TranscriptSchema,
    errors: ['NOT_FOUND', 'ASSISTANT_NOT_HANDED_OVER', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => handBack(ctx, params.customerId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/me/assistant',
    audience: 'app',
    summary: 'The shop’s assistant in my conversation: on or off, who answers now, quick replies',
    tags: TAGS,
    response: OwnerAssistantSchema,
    handler: async (ctx) => assistantForOwner(ctx, me(ctx)),
  });
}
