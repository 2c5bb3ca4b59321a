import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import {
  ArticleListQuery,
  ArticleRowSchema,
  ArticleSchema,
  AuthorCandidateSchema,
  AuthorSchema,
  CreateArticleBody,
  CreateAuthorBody,
  CreateTagBody,
  RenameTagBody,
  RestoreBody,
  ReturnBody,
  RevisionSchema,
  SaveArticleBody,
  ScheduleBody,
  TagSchema,
  UpdateAuthorBody,
} from './articles.schemas.ts';
import * as svc from './articles.service.ts';
import { listArticles } from './articles-view.ts';
import {
  authorOf,
  createAuthor,
  kolCandidates,
  listAuthorsForStaff,
  staffCandidates,
  updateAuthor,
} from './authors.ts';
import { createTag, deleteTag, listTagsForStaff, renameTag } from './tags.ts';

/** Writers: the team (advisors and technicians who are staff authors write drafts of their own). */
const TEAM: readonly StaffRole[] = ['owner', 'manager', 'advisor', 'technician'];
/** Who keeps authors and tags, publishes and reviews. */
const KEEPERS: readonly StaffRole[] = ['owner', 'manager'];
const TAGS = ['articles'];
const TagParams = z.object({ tagId: z.string().uuid() });
const AuthorParams = z.object({ authorId: z.string().uuid() });
const ArticleParams = z.object({ articleId: z.string().uuid() });
const RevisionParams = z.object({
  articleId: z.string().uuid(),
  revision: z.coerce.number().int().min(1),
});
const WRITE_ERRORS: ErrorCode[] = [
  'ARTICLE_TITLE_EMPTY',
  'ARTICLE_TAG_UNKNOWN',
  'ARTICLE_AUTHOR_UNKNOWN',
  'ARTICLE_NOT_AUTHOR',
  'MEDIA_NOT_FOUND',
];
const STATUS_ERRORS: ErrorCode[] = [
  'ARTICLE_STATUS_INVALID',
  'ARTICLE_PUBLISH_FORBIDDEN',
  'ARTICLE_NOT_AUTHOR',
  'NOT_FOUND',
];

export function articleRoutes(app: FastifyInstance, deps: RouteDeps) {
  // ---- tags ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/article-tags',
    audience: 'staff',
    roles: TEAM,
    summary: 'Tags (标签) with how many articles use each',
    tags: TAGS,
    response: z.object({ items: z.array(TagSchema) }),
    handler: async (ctx) => ({ items: await listTagsForStaff(ctx) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/article-tags',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Create a tag (its slug, from the name in pinyin unless given, never changes)',
    tags: TAGS,
    body: CreateTagBody,
    status: 201,
    response: TagSchema,
    errors: ['TAG_TAKEN'],
    handler: async (ctx, { body }) => createTag(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/article-tags/{tagId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Rename a tag (the slug stays)',
    tags: TAGS,
    params: TagParams,
    body: RenameTagBody,
    response: TagSchema,
    errors: ['TAG_TAKEN', 'NOT_FOUND'],
    handler: async (ctx, { params, body }) => renameTag(ctx, params.tagId, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/article-tags/{tagId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Delete a tag no article uses',
    tags: TAGS,
    params: TagParams,
    status: 204,
    response: z.undefined(),
    errors: ['TAG_IN_USE', 'NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await deleteTag(ctx, params.tagId);
      return undefined;
    },
  });

  // ---- authors ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/article-authors',
    audience: 'staff',
    roles: TEAM,
    summary: 'Authors (作者): the business, staff who write, nominated KOL owners',
    tags: TAGS,
    response: z.object({ items: z.array(AuthorSchema), myAuthorId: z.string().uuid().nullable() }),
    handler: async (ctx) => ({
      items: await listAuthorsForStaff(ctx),
      myAuthorId: (await authorOf(ctx, { staffUserId: ctx.actor.id! }))?.id ?? null,
    }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/article-authors/kol-candidates',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Owners with the KOL role in a car club who are not authors yet',
    tags: TAGS,
    response: z.object({ items: z.array(AuthorCandidateSchema) }),
    handler: async (ctx) => ({ items: await kolCandidates(ctx) }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/article-authors/staff-candidates',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Team members who are not authors yet',
    tags: TAGS,
    response: z.object({
      items: z.array(
        z.object({ staffUserId: z.string().uuid(), name: z.string(), role: z.string() }),
      ),
    }),
    handler: async (ctx) => ({ items: await staffCandidates(ctx) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/article-authors',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Make a staff member an author, or nominate a car owner as KOL',
    tags: TAGS,
    body: CreateAuthorBody,
    status: 201,
    response: AuthorSchema,
    errors: ['ARTICLE_AUTHOR_EXISTS', 'NOT_FOUND'],
    handler: async (ctx, { body }) => createAuthor(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/article-authors/{authorId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Change an author’s byline, or withdraw / renew a nomination (`active`)',
    tags: TAGS,
    params: AuthorParams,
    body: UpdateAuthorBody,
    response: AuthorSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, body }) => updateAuthor(ctx, params.authorId, body),
  });

  // ---- articles ----
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/articles',
    audience: 'staff',
    roles: TEAM,
    summary:
      'Articles (文章), latest change first; writers without the publishing role see their own',
    tags: TAGS,
    querystring: ArticleListQuery,
    response: z.object({ items: z.array(ArticleRowSchema) }),
    handler: async (ctx, { query }) => {
      const e = svc.staffEditor(ctx);
      const own = e.kind === 'staff' && !e.publisher;
      const mine = own ? await authorOf(ctx, { staffUserId: ctx.actor.id! }) : null;
      return { items: await listArticles(ctx, query, own ? (mine ? [mine.id] : []) : null) };
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/articles',
    audience: 'staff',
    roles: TEAM,
    summary: 'Write a new article (a draft)',
    description:
      'The HTML is sanitised; images other than this business’s media are removed. The reading time is computed (Chinese 400 characters/min, English 200 words/min, pictures a little).',
    tags: TAGS,
    body: CreateArticleBody,
    status: 201,
    response: ArticleSchema,
    errors: WRITE_ERRORS,
    handler: async (ctx, { body }) =>
      svc.asDto(ctx, await svc.createArticle(ctx, svc.staffEditor(ctx), body)),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/articles/{articleId}',
    audience: 'staff',
    roles: TEAM,
    summary: 'An article to edit',
    tags: TAGS,
    params: ArticleParams,
    response: ArticleSchema,
    errors: ['ARTICLE_NOT_AUTHOR', 'NOT_FOUND'],
    handler: async (ctx, { params }) =>
      svc.asDto(ctx, await svc.articleFor(ctx, svc.staffEditor(ctx), params.articleId)),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/articles/{articleId}',
    audience: 'staff',
    roles: TEAM,
    summary: 'Save an article (a new revision)',
    description:
      '`version` is the version the editor loaded; if someone saved since, ARTICLE_VERSION_STALE (409). The slug follows the title until the first publication.',
    tags: TAGS,
    params: ArticleParams,
    body: SaveArticleBody,
    response: ArticleSchema,
    errors: [...WRITE_ERRORS, 'ARTICLE_VERSION_STALE', 'ARTICLE_PUBLISH_FORBIDDEN', 'NOT_FOUND'],
    handler: async (ctx, { params, body }) =>
      svc.asDto(ctx, await svc.saveArticle(ctx, svc.staffEditor(ctx), params.articleId, body)),
  });
  const action = (name: 'publish' | 'unpublish', summary: string) =>
    defineRoute(app, deps, {
      method: 'POST',
      url: `/api/v1/staff/articles/{articleId}/${name}`,
      audience: 'staff',
      roles: TEAM,
      summary,
      tags: TAGS,
      params: ArticleParams,
      response: ArticleSchema,
      errors: STATUS_ERRORS,
      handler: async (ctx, { params }) =>
        svc.asDto(ctx, await svc.changeStatus(ctx, svc.staffEditor(ctx), params.articleId, name)),
    });
  action('publish', 'Publish now (owner, manager); a KOL draft in review is approved this way');
  action('unpublish', 'Take a published article off (archived), or call a schedule off (draft)');
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/articles/{articleId}/schedule',
    audience: 'staff',
    roles: TEAM,
    summary: 'Publish at a future time (owner, manager); a job publishes it then',
    tags: TAGS,
    params: ArticleParams,
    body: ScheduleBody,
    response: ArticleSchema,
    errors: [...STATUS_ERRORS, 'ARTICLE_PUBLISH_AT_PAST'],
    handler: async (ctx, { params, body }) =>
      svc.asDto(
        ctx,
        await svc.changeStatus(ctx, svc.staffEditor(ctx), params.articleId, 'schedule', body),
      ),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/articles/{articleId}/return',
    audience: 'staff',
    roles: TEAM,
    summary: 'Send a KOL draft in review back to its author with a note (owner, manager)',
    tags: TAGS,
    params: ArticleParams,
    body: ReturnBody,
    response: ArticleSchema,
    errors: STATUS_ERRORS,
    handler: async (ctx, { params, body }) =>
      svc.asDto(
        ctx,
        await svc.changeStatus(ctx, svc.staffEditor(ctx), params.articleId, 'return', body),
      ),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/articles/{articleId}/revisions',
    audience: 'staff',
    roles: TEAM,
    summary: 'Every saved version, newest first',
    tags: TAGS,
    params: ArticleParams,
    response: z.object({ items: z.array(RevisionSchema) }),
    errors: ['ARTICLE_NOT_AUTHOR', 'NOT_FOUND'],
    handler: async (ctx, { params }) => ({
      items: await svc.listRevisions(ctx, svc.staffEditor(ctx), params.articleId),
    }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/articles/{articleId}/revisions/{revision}/restore',
    audience: 'staff',
    roles: TEAM,
    summary: 'Restore a revision as a new save',
    tags: TAGS,
    params: RevisionParams,
    body: RestoreBody,
    response: ArticleSchema,
    errors: [
      'ARTICLE_REVISION_UNKNOWN',
      'ARTICLE_VERSION_STALE',
      'ARTICLE_PUBLISH_FORBIDDEN',
      'ARTICLE_NOT_AUTHOR',
      'NOT_FOUND',
    ],
    handler: async (ctx, { params, body }) =>
      svc.asDto(
        ctx,
        await svc.restoreRevision(
          ctx,
          svc.staffEditor(ctx),
          params.articleId,
          params.revision,
          body.version,
        ),
      ),
  });
}
