import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import {
  KolDraftBody,
  KolDraftSchema,
  KolSaveBody,
  NewsArticleSchema,
  NewsItemSchema,
  NewsListQuery,
  NewsMeSchema,
} from './articles.schemas.ts';
import { listTags } from './articles-read.ts';
import * as news from './news.ts';

const TAGS = ['articles'];
const customerId = (ctx: { actor: { id: string | null } }) => ctx.actor.id!;
const DraftParams = z.object({ draftId: z.string().uuid() });
const KOL_ERRORS: ErrorCode[] = [
  'ARTICLE_NOT_AUTHOR',
  'ARTICLE_TITLE_EMPTY',
  'ARTICLE_TAG_UNKNOWN',
  'MEDIA_NOT_FOUND',
];

export function newsRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/news',
    audience: 'app',
    summary: '资讯: published articles, by my interests when I have any, else newest first',
    tags: TAGS,
    querystring: NewsListQuery,
    response: z.object({ items: z.array(NewsItemSchema), personalised: z.boolean() }),
    handler: async (ctx, { query }) => news.listNews(ctx, customerId(ctx), query.tag),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/news/tags',
    audience: 'app',
    summary: 'The business’s tags, by name',
    tags: TAGS,
    response: z.object({ items: z.array(z.object({ slug: z.string(), name: z.string() })) }),
    handler: async (ctx) => ({
      items: (await listTags(ctx)).map(({ slug, name }) => ({ slug, name })),
    }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/news/me',
    audience: 'app',
    summary: 'Whether I write (a nominated KOL) and the business’s slug for public links',
    tags: TAGS,
    response: NewsMeSchema,
    handler: async (ctx) => news.newsMe(ctx, customerId(ctx)),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/news/articles/{articleSlug}',
    audience: 'app',
    summary: 'One published article to read',
    tags: TAGS,
    params: z.object({ articleSlug: z.string().min(1).max(120) }),
    response: NewsArticleSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => news.readNews(ctx, params.articleSlug),
  });

  // ---- KOL drafts ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/news/drafts',
    audience: 'app',
    summary: 'My articles as a KOL (drafts, in review, published), latest change first',
    tags: TAGS,
    response: z.object({ items: z.array(KolDraftSchema) }),
    errors: ['ARTICLE_NOT_AUTHOR'],
    handler: async (ctx) => news.myDrafts(ctx, customerId(ctx)),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/news/drafts',
    audience: 'app',
    summary: 'Write a draft (title, text, up to 9 photos, tags)',
    tags: TAGS,
    body: KolDraftBody,
    status: 201,
    response: KolDraftSchema,
    errors: KOL_ERRORS,
    handler: async (ctx, { body }) => news.createKolDraft(ctx, customerId(ctx), body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/news/drafts/{draftId}',
    audience: 'app',
    summary: 'One of my drafts',
    tags: TAGS,
    params: DraftParams,
    response: KolDraftSchema,
    errors: ['ARTICLE_NOT_AUTHOR', 'NOT_FOUND'],
    handler: async (ctx, { params }) => news.myDraft(ctx, customerId(ctx), params.draftId),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/news/drafts/{draftId}',
    audience: 'app',
    summary: 'Save my draft (not while in review)',
    tags: TAGS,
    params: DraftParams,
    body: KolSaveBody,
    response: KolDraftSchema,
    errors: [
      ...KOL_ERRORS,
      'ARTICLE_IN_REVIEW',
      'ARTICLE_STATUS_INVALID',
      'ARTICLE_VERSION_STALE',
      'NOT_FOUND',
    ],
    handler: async (ctx, { params, body }) =>
      news.saveKolDraft(ctx, customerId(ctx), params.draftId, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/news/drafts/{draftId}/submit',
    audience: 'app',
    summary: 'Hand my draft to the shop for review (in_review)',
    tags: TAGS,
    params: DraftParams,
    response: KolDraftSchema,
    errors: ['ARTICLE_NOT_AUTHOR', 'ARTICLE_STATUS_INVALID', 'NOT_FOUND'],
    handler: async (ctx, { params }) => news.submitKolDraft(ctx, customerId(ctx), params.draftId),
  });
}
