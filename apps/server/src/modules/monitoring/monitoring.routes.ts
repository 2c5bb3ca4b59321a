import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import { listMatches } from './matches-read.ts';
import {
  CreateFeedBody,
  CreateRuleBody,
  FeedSchema,
  MatchListQuery,
  MatchPage,
  RecipientSchema,
  RuleSchema,
  SettingsBody,
  SettingsSchema,
  UpdateFeedBody,
  UpdateRuleBody,
} from './monitoring.schemas.ts';
import * as monitoring from './monitoring.service.ts';

/** Competitive intelligence and crisis alerts are the business's own: owner and manager. */
const KEEPERS: readonly StaffRole[] = ['owner', 'manager'];
const TAGS = ['monitoring'];
const BASE = '/api/v1/staff/monitoring';
const FeedParams = z.object({ feedId: z.string().uuid() });
const RuleParams = z.object({ ruleId: z.string().uuid() });

export function monitoringRoutes(app: FastifyInstance, deps: RouteDeps) {
  const allowPrivate = deps.config.monitorAllowPrivate;

  defineRoute(app, deps, {
    method: 'GET',
    url: `${BASE}/feeds`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Watched feeds (舆情监测) with their health: last fetch, last error, next attempt',
    tags: TAGS,
    response: z.object({ items: z.array(FeedSchema) }),
    handler: async (ctx) => monitoring.listFeeds(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${BASE}/feeds`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Watch an outside feed (RSS 2.0, RSS 1.0, Atom or JSON Feed); fetched within a minute',
    description:
      'The address must be http(s) without credentials; addresses on private, loopback or link-local networks are refused here and again on every fetch and redirect.',
    tags: TAGS,
    body: CreateFeedBody,
    status: 201,
    response: FeedSchema,
    errors: ['MONITOR_FEED_URL_INVALID', 'MONITOR_FEED_URL_BLOCKED', 'MONITOR_FEED_EXISTS'],
    handler: async (ctx, { body }) => monitoring.createFeed(ctx, body, { allowPrivate }),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: `${BASE}/feeds/{feedId}`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Rename, re-classify, pause or resume a feed (resuming makes it due at once)',
    tags: TAGS,
    params: FeedParams,
    body: UpdateFeedBody,
    response: FeedSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, body }) => monitoring.updateFeed(ctx, params.feedId, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${BASE}/feeds/{feedId}/fetch`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Fetch a feed soon: makes it due now (the fetcher runs every minute)',
    tags: TAGS,
    params: FeedParams,
    status: 202,
    response: FeedSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => monitoring.fetchSoon(ctx, params.feedId),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: `${BASE}/feeds/{feedId}`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Stop watching a feed (its items and matches go with it)',
    tags: TAGS,
    params: FeedParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await monitoring.deleteFeed(ctx, params.feedId);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${BASE}/rules`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Keyword rules',
    tags: TAGS,
    response: z.object({ items: z.array(RuleSchema) }),
    handler: async (ctx) => monitoring.listRules(ctx),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${BASE}/rules`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Add a keyword rule (include / exclude terms, `*` wildcards) for one feed or all',
    tags: TAGS,
    body: CreateRuleBody,
    status: 201,
    response: RuleSchema,
    errors: ['MONITOR_RULE_TERMS_EMPTY', 'MONITOR_FEED_UNKNOWN', 'MONITOR_RECIPIENT_UNKNOWN'],
    handler: async (ctx, { body }) => monitoring.createRule(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: `${BASE}/rules/{ruleId}`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Change a keyword rule',
    tags: TAGS,
    params: RuleParams,
    body: UpdateRuleBody,
    response: RuleSchema,
    errors: [
      'NOT_FOUND',
      'MONITOR_RULE_TERMS_EMPTY',
      'MONITOR_FEED_UNKNOWN',
      'MONITOR_RECIPIENT_UNKNOWN',
    ],
    handler: async (ctx, { params, body }) => monitoring.updateRule(ctx, params.ruleId, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: `${BASE}/rules/{ruleId}`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Delete a keyword rule (its past matches stay)',
    tags: TAGS,
    params: RuleParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await monitoring.deleteRule(ctx, params.ruleId);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${BASE}/recipients`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Staff who may receive monitoring alerts (active owners, managers and advisors)',
    tags: TAGS,
    response: z.object({ items: z.array(RecipientSchema) }),
    handler: async (ctx) => monitoring.listRecipients(ctx),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${BASE}/matches`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Matched items, newest first: rule matches and crisis alerts (舆情预警)',
    tags: TAGS,
    querystring: MatchListQuery,
    response: MatchPage,
    handler: async (ctx, { query }) => listMatches(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${BASE}/settings`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Crisis early-warning settings: aliases and extra negative words',
    tags: TAGS,
    response: SettingsSchema,
    handler: async (ctx) => monitoring.getSettings(ctx),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: `${BASE}/settings`,
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Set the aliases and the extra negative words of the crisis check',
    description:
      'The tenant’s and its stores’ names are always watched; aliases add other names. Negative words add to the built-in list.',
    tags: TAGS,
    body: SettingsBody,
    response: SettingsSchema,
    handler: async (ctx, { body }) => monitoring.putSettings(ctx, body),
  });
}
