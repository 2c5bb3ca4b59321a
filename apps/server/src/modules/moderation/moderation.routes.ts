import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import { page } from '../../kernel/paging.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import { decide } from './decisions.ts';
import { listLog } from './moderation-log.ts';
import {
  DecisionBody,
  DecisionResultSchema,
  KeywordBody,
  KeywordSchema,
  LogEntrySchema,
  LogQuery,
  MuteBody,
  MuteCreatedSchema,
  MuteListQuery,
  MuteSchema,
  QueueItemSchema,
  QueueQuery,
  ReportBody,
  ReportSchema,
  SettingsBody,
  SettingsSchema,
} from './moderation.schemas.ts';
import { listMutes, muteMember, unmuteMember } from './mutes.ts';
import { listQueue } from './queue.ts';
import { reportSubject } from './reports.ts';
import {
  addKeyword,
  getModerationSettings,
  listKeywords,
  putModerationSettings,
  removeKeyword,
} from './settings.ts';

/** Who moderates: the owner and managers (advisors and technicians do not). */
const MODERATORS: readonly StaffRole[] = ['owner', 'manager'];
const TAGS = ['moderation'];

export function moderationRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/moderation/reports',
    audience: 'app',
    summary: 'Report a piece (举报): spam, abuse, ads, privacy, illegal or other',
    description:
      'One report per car owner and piece: a second answers 409 `MODERATION_ALREADY_REPORTED`. The report is weighed by the piece’s owner (an organiser’s or a KOL’s counts more); when the open weighted sum reaches the tenant’s threshold the piece is hidden until a moderator decides. Reporting one’s own piece: 400 `MODERATION_OWN_SUBJECT`; a piece the owner cannot see: 404.',
    tags: TAGS,
    body: ReportBody,
    status: 201,
    response: ReportSchema,
    errors: [
      'MODERATION_KIND_UNKNOWN',
      'MODERATION_OWN_SUBJECT',
      'MODERATION_ALREADY_REPORTED',
      'NOT_FOUND',
    ],
    handler: async (ctx, { body }) => reportSubject(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/moderation/queue',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'The review queue (待审核): held and reported pieces, oldest first',
    description:
      'Each open item with its reasons (keyword, link, image, new_member, reports), the weighted sum of its reports, whether the system hid it, the piece as its owner shows it, and the reports.',
    tags: TAGS,
    querystring: QueueQuery,
    response: page(QueueItemSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listQueue(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/moderation/decisions',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'Decide on a piece: hide, restore or approve',
    description:
      'Applies the state to the owner’s row, closes the piece’s queue item if open, and logs the decision with its reason (required to hide).',
    tags: TAGS,
    body: DecisionBody,
    response: DecisionResultSchema,
    errors: ['MODERATION_KIND_UNKNOWN', 'MODERATION_REASON_REQUIRED', 'NOT_FOUND'],
    handler: async (ctx, { body }) => decide(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/moderation/mutes',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'Mute a member (禁言) for some days, in a scope or everywhere',
    description:
      'With `hidePast`, the member’s visible pieces in the scope (everywhere without one) are hidden too, each logged. A reason is required.',
    tags: TAGS,
    body: MuteBody,
    status: 201,
    response: MuteCreatedSchema,
    errors: ['MODERATION_REASON_REQUIRED', 'NOT_FOUND'],
    handler: async (ctx, { body }) => muteMember(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/moderation/mutes',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'Mutes, newest first (those in force unless `active=false`)',
    tags: TAGS,
    querystring: MuteListQuery,
    response: page(MuteSchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listMutes(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/moderation/mutes/{muteId}',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'Lift a mute before its end (pieces hidden with it stay hidden)',
    tags: TAGS,
    params: z.object({ muteId: z.string().uuid() }),
    response: MuteSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => unmuteMember(ctx, params.muteId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/moderation/keywords',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'The keywords that hold a piece for review',
    tags: TAGS,
    response: z.object({ items: z.array(KeywordSchema) }),
    handler: async (ctx) => listKeywords(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/moderation/keywords',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'Add a keyword (matched whatever its case, width or spacing)',
    tags: TAGS,
    body: KeywordBody,
    status: 201,
    response: KeywordSchema,
    errors: ['MODERATION_KEYWORD_EXISTS'],
    handler: async (ctx, { body }) => addKeyword(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/moderation/keywords/{keywordId}',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'Remove a keyword',
    tags: TAGS,
    params: z.object({ keywordId: z.string().uuid() }),
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await removeKeyword(ctx, params.keywordId);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/moderation/settings',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'The threshold of weighted reports that hides a piece, and the trust links need',
    tags: TAGS,
    response: SettingsSchema,
    handler: async (ctx) => getModerationSettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/moderation/settings',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'Change the moderation settings',
    tags: TAGS,
    body: SettingsBody,
    response: SettingsSchema,
    handler: async (ctx, { body }) => putModerationSettings(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/moderation/log',
    audience: 'staff',
    roles: MODERATORS,
    summary: 'The moderation log: every decision, who and why, newest first',
    tags: TAGS,
    querystring: LogQuery,
    response: page(LogEntrySchema),
    errors: ['CURSOR_INVALID'],
    handler: async (ctx, { query }) => listLog(ctx, query),
  });
}
