import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { COOKIE, defineRoute, type RouteDeps } from '../../http/route.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { listTags } from '../articles/index.ts';
import { getCustomer } from '../customers/index.ts';
import { READING_SCRIPT } from './reading-script.ts';
import {
  CustomerInterestsSchema,
  CustomerParams,
  InterestSettingsBody,
  InterestSettingsSchema,
  MyInterestsSchema,
  ReadingEventBody,
  ReadingRecordedSchema,
  TagParams,
} from './interests.schemas.ts';
import * as interests from './interests.service.ts';

const TAGS = ['interests'];
const me = (ctx: { actor: { id: string | null } }) => ctx.actor.id!;

export function interestRoutes(app: FastifyInstance, deps: RouteDeps) {
  app.get('/reading.js', { schema: { hide: true } }, async (_req, reply) => {
    reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600');
    return READING_SCRIPT;
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/reading-events',
    audience: 'app',
    summary: 'Report reading an article or magazine issue (builds my interest profile)',
    description:
      'Opened counts once per subject per 30 minutes; time on the page is credited up to a cap; finished once. With personalisation off nothing is recorded (`recorded: false`).',
    tags: TAGS,
    body: ReadingEventBody,
    status: 202,
    response: ReadingRecordedSchema,
    errors: ['NOT_FOUND'],
    // Per session (hashed: the token never becomes a key), the client IP when there is none.
    rateLimit: {
      max: 120,
      timeWindow: '1 minute',
      keyGenerator: (req) => {
        const credential = req.headers.authorization ?? req.cookies[COOKIE.app];
        return credential ? `reading:${sha256Hex(credential)}` : `reading-ip:${req.ip}`;
      },
    },
    handler: async (ctx, { body }) => interests.recordReading(ctx, me(ctx), body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/interests',
    audience: 'app',
    summary: 'My interests: the personalisation switch, followed tags and scores by tag',
    tags: TAGS,
    response: MyInterestsSchema,
    handler: async (ctx) => interests.myInterests(ctx, me(ctx)),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/interests/follows/{tagSlug}',
    audience: 'app',
    summary: 'Follow a tag (关注)',
    tags: TAGS,
    params: TagParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await interests.follow(ctx, me(ctx), params.tagSlug);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/app/interests/follows/{tagSlug}',
    audience: 'app',
    summary: 'Stop following a tag',
    tags: TAGS,
    params: TagParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await interests.unfollow(ctx, me(ctx), params.tagSlug);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/interests/settings',
    audience: 'app',
    summary: 'Switch personalisation on or off',
    description:
      'Off: reading is no longer recorded, my reading history and scores are deleted at once, content is not ordered by my interests and segments treat me as having none. The change is recorded as a consent.',
    tags: TAGS,
    body: InterestSettingsBody,
    response: InterestSettingsSchema,
    handler: async (ctx, { body }) =>
      interests.setPersonalised(ctx, me(ctx), body.personalised, 'app'),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/interests/tags',
    audience: 'staff',
    summary: 'The tags interests are kept by (for the segment builder)',
    tags: TAGS,
    response: z.object({ items: z.array(z.object({ slug: z.string(), name: z.string() })) }),
    handler: async (ctx) => ({
      items: (await listTags(ctx)).map(({ slug, name }) => ({ slug, name })),
    }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/customers/{customerId}/interests',
    audience: 'staff',
    summary: "A customer's top interests (the customer page's 兴趣 card)",
    tags: TAGS,
    params: CustomerParams,
    response: CustomerInterestsSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await getCustomer(ctx, params.customerId);
      return interests.topInterests(ctx, params.customerId);
    },
  });
}
