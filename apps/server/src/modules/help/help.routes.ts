import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import {
  AppEntrySchema,
  AppHelpSchema,
  CategoryBody,
  CategoryParams,
  CategorySchema,
  EntryBody,
  EntryListQuery,
  EntryParams,
  EntrySchema,
  SearchQuery,
  SearchResultSchema,
  SynonymBody,
  SynonymParams,
  SynonymSchema,
  VoteBody,
} from './help.schemas.ts';
import { appEntry, appHelp, searchHelp, voteHelpful } from './help-read.ts';
import * as help from './help.service.ts';

/** The team reads the FAQ and tries searches. */
const TEAM: readonly StaffRole[] = ['owner', 'manager', 'advisor', 'technician'];
/** Who writes it. */
const KEEPERS: readonly StaffRole[] = ['owner', 'manager'];
const TAGS = ['help'];
const me = (ctx: { actor: { id: string | null } }) => ctx.actor.id!;

function staffCategoryRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/help/categories',
    audience: 'staff',
    roles: TEAM,
    summary: 'FAQ categories (帮助中心分类), in order, with how many entries each holds',
    tags: TAGS,
    response: z.object({ items: z.array(CategorySchema) }),
    handler: async (ctx) => ({ items: await help.listCategories(ctx) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/help/categories',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Create a category (its Chinese name unique)',
    tags: TAGS,
    body: CategoryBody,
    status: 201,
    response: CategorySchema,
    errors: ['HELP_CATEGORY_NAME_TAKEN'],
    handler: async (ctx, { body }) => help.createCategory(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/help/categories/{categoryId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Rename or reorder a category',
    tags: TAGS,
    params: CategoryParams,
    body: CategoryBody,
    response: CategorySchema,
    errors: ['HELP_CATEGORY_NAME_TAKEN', 'NOT_FOUND'],
    handler: async (ctx, { params, body }) => help.updateCategory(ctx, params.categoryId, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/help/categories/{categoryId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Delete an empty category',
    tags: TAGS,
    params: CategoryParams,
    status: 204,
    response: z.undefined(),
    errors: ['HELP_CATEGORY_NOT_EMPTY', 'NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await help.deleteCategory(ctx, params.categoryId);
      return undefined;
    },
  });
}

const ENTRY_ERRORS = ['HELP_CATEGORY_UNKNOWN', 'HELP_ENTRY_TEXT_INCOMPLETE'] as const;

function staffEntryRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/help/entries',
    audience: 'staff',
    roles: TEAM,
    summary: 'FAQ entries (drafts included) with their helpful votes',
    tags: TAGS,
    querystring: EntryListQuery,
    response: z.object({ items: z.array(EntrySchema) }),
    handler: async (ctx, { query }) => ({ items: await help.listEntries(ctx, query) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/help/entries',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Create an entry (zh-CN question and answer; English optional, both or neither)',
    tags: TAGS,
    body: EntryBody,
    status: 201,
    response: EntrySchema,
    errors: [...ENTRY_ERRORS],
    handler: async (ctx, { body }) => help.createEntry(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/help/entries/{entryId}',
    audience: 'staff',
    roles: TEAM,
    summary: 'One entry',
    tags: TAGS,
    params: EntryParams,
    response: EntrySchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => help.getEntry(ctx, params.entryId),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/help/entries/{entryId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Replace an entry: texts, category, order, draft or published',
    tags: TAGS,
    params: EntryParams,
    body: EntryBody,
    response: EntrySchema,
    errors: [...ENTRY_ERRORS, 'NOT_FOUND'],
    handler: async (ctx, { params, body }) => help.updateEntry(ctx, params.entryId, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/help/entries/{entryId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Delete an entry (its votes go with it)',
    tags: TAGS,
    params: EntryParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await help.deleteEntry(ctx, params.entryId);
      return undefined;
    },
  });
}

function staffSynonymRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/help/synonyms',
    audience: 'staff',
    roles: TEAM,
    summary: 'Synonym groups search reads as one word (保养 = 维护)',
    tags: TAGS,
    response: z.object({ items: z.array(SynonymSchema) }),
    handler: async (ctx) => ({ items: await help.listSynonyms(ctx) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/help/synonyms',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Create a synonym group (2+ terms, each in no other group)',
    tags: TAGS,
    body: SynonymBody,
    status: 201,
    response: SynonymSchema,
    errors: ['HELP_SYNONYM_TOO_FEW', 'HELP_SYNONYM_TERM_TAKEN'],
    handler: async (ctx, { body }) => help.createSynonym(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/help/synonyms/{synonymId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Replace a synonym group’s terms',
    tags: TAGS,
    params: SynonymParams,
    body: SynonymBody,
    response: SynonymSchema,
    errors: ['HELP_SYNONYM_TOO_FEW', 'HELP_SYNONYM_TERM_TAKEN', 'NOT_FOUND'],
    handler: async (ctx, { params, body }) => help.updateSynonym(ctx, params.synonymId, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/help/synonyms/{synonymId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Delete a synonym group',
    tags: TAGS,
    params: SynonymParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      await help.deleteSynonym(ctx, params.synonymId);
      return undefined;
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/help/search',
    audience: 'staff',
    roles: TEAM,
    summary: 'Try a search as an owner would: published entries ranked, with scores',
    tags: TAGS,
    querystring: SearchQuery,
    response: SearchResultSchema,
    handler: async (ctx, { query }) =>
      searchHelp(ctx, {
        query: query.q,
        language: query.language ?? ctx.locale,
        limit: query.limit,
      }),
  });
}

function appHelpRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/help',
    audience: 'app',
    summary: 'The help center (帮助): categories in order with their published questions',
    description: 'In the caller’s language: English texts where the shop wrote them, else Chinese.',
    tags: TAGS,
    response: AppHelpSchema,
    handler: async (ctx) => appHelp(ctx, ctx.locale),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/help/search',
    audience: 'app',
    summary: 'Search the help center (instant results as I type)',
    description:
      'An empty query (or only punctuation) finds nothing; over 200 characters is refused on `q`.',
    tags: TAGS,
    querystring: SearchQuery,
    response: SearchResultSchema,
    handler: async (ctx, { query }) =>
      searchHelp(ctx, {
        query: query.q,
        language: query.language ?? ctx.locale,
        limit: query.limit,
      }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/help/entries/{entryId}',
    audience: 'app',
    summary: 'One published question with its answer and my vote',
    tags: TAGS,
    params: EntryParams,
    response: AppEntrySchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => appEntry(ctx, me(ctx), params.entryId, ctx.locale),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/help/entries/{entryId}/vote',
    audience: 'app',
    summary: 'Was this helpful? (one answer per owner, can be changed)',
    tags: TAGS,
    params: EntryParams,
    body: VoteBody,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, body }) => {
      await voteHelpful(ctx, me(ctx), params.entryId, body.helpful);
      return undefined;
    },
  });
}

export function helpRoutes(app: FastifyInstance, deps: RouteDeps) {
  staffCategoryRoutes(app, deps);
  staffEntryRoutes(app, deps);
  staffSynonymRoutes(app, deps);
  appHelpRoutes(app, deps);
}
