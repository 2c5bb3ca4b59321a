import { z } from 'zod';
import { Instant } from '../../kernel/calendar.ts';
import { StoredImageSchema } from '../media/index.ts';
import { ARTICLE_STATUSES, AUTHOR_KINDS } from './articles.tables.ts';

const TagSlugs = z
  .array(z.string().trim().min(1).max(60))
  .max(10)
  .default([])
  .describe('Tag slugs (unknown ones answer ARTICLE_TAG_UNKNOWN)');

// ---- tags ----

export const TagSchema = z
  .object({
    id: z.string().uuid(),
    slug: z.string(),
    name: z.string(),
    articles: z.number().int().describe('Articles using the tag (any status)'),
  })
  .meta({ id: 'ArticleTagRow' });
export const CreateTagBody = z.object({
  name: z.string().trim().min(1).max(20),
  slug: z
    .string()
    .trim()
    .max(40)
    .optional()
    .describe('Lower-case latin and dashes; made from the name (pinyin) when absent'),
});
export const RenameTagBody = z
  .object({ name: z.string().trim().min(1).max(20) })
  .meta({ example: { name: '轮胎' } });

// ---- authors ----

export const AuthorSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(AUTHOR_KINDS),
    slug: z.string(),
    displayName: z.string(),
    bio: z.string(),
    active: z.boolean(),
    staffUserId: z.string().uuid().nullable(),
    customerId: z.string().uuid().nullable(),
    storeId: z.string().uuid().nullable(),
    storeName: z.string().nullable(),
    /** Staff authors: their role (shown on the byline with the store). */
    staffRole: z.string().nullable(),
    articles: z.number().int(),
  })
  .meta({ id: 'ArticleAuthor' });
export type AuthorDto = z.infer<typeof AuthorSchema>;

export const CreateAuthorBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    staffUserId: z.string().uuid(),
    storeId: z.string().uuid().nullish(),
    displayName: z.string().trim().max(30).optional(),
    bio: z.string().max(200).default(''),
  }),
  z.object({
    kind: z.literal('kol'),
    customerId: z.string().uuid(),
    displayName: z.string().trim().max(30).optional(),
    bio: z.string().max(200).default(''),
  }),
]);
export const UpdateAuthorBody = z
  .object({
    displayName: z.string().trim().min(1).max(30),
    bio: z.string().max(200),
    storeId: z.string().uuid().nullable(),
    active: z.boolean().describe('false withdraws a KOL nomination (published articles stay)'),
  })
  .partial()
  .meta({ example: { bio: '十年机修经验，专注底盘与轮胎' } });

export const AuthorCandidateSchema = z.object({
  customerId: z.string().uuid(),
  name: z.string().nullable(),
  clubs: z.array(z.string()).describe('Clubs where the owner has the KOL role'),
});

// ---- articles (staff) ----

const articleFields = {
  title: z.string().max(120).describe('Plain text; must not be empty'),
  summary: z.string().max(300).default(''),
  html: z
    .string()
    .max(200_000)
    .default('')
    .describe(
      'Rich text; sanitised (headings, lists, emphasis, links, quotes, images of our media only)',
    ),
  coverImageId: z.string().uuid().nullish(),
  tagSlugs: TagSlugs,
};

export const CreateArticleBody = z.object({
  ...articleFields,
  authorId: z
    .string()
    .uuid()
    .optional()
    .describe('Owner/manager: any active author (default the business); others: their own'),
});
export const SaveArticleBody = z
  .object({
    ...articleFields,
    authorId: z.string().uuid().optional(),
    version: z.number().int().min(1).describe('The version the editor started from'),
  })
  .meta({
    example: {
      title: '冬季胎压怎么调',
      summary: '',
      html: '<p>气温每降 10℃，胎压约降 0.1 bar。</p>',
      tagSlugs: [],
      version: 1,
    },
  });
export const ScheduleBody = z
  .object({ publishAt: Instant })
  .meta({ example: { publishAt: '2099-01-01T09:00:00+08:00' } });
export const ReturnBody = z
  .object({ note: z.string().trim().min(1).max(500) })
  .meta({ example: { note: '第二段请补一张实拍图' } });
export const RestoreBody = z
  .object({ version: z.number().int().min(1) })
  .meta({ example: { version: 1 } });

export const ArticleListQuery = z.object({
  status: z.enum(ARTICLE_STATUSES).optional(),
  q: z.string().trim().max(60).optional(),
});

const Byline = z.object({
  id: z.string().uuid(),
  kind: z.enum(AUTHOR_KINDS),
  displayName: z.string(),
  slug: z.string(),
});

export const ArticleRowSchema = z
  .object({
    id: z.string().uuid(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(ARTICLE_STATUSES),
    author: Byline,
    tagSlugs: z.array(z.string()),
    cover: StoredImageSchema.nullable(),
    readingMinutes: z.number().int(),
    publishAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number().int(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: 'ArticleRow' });
export type ArticleRowDto = z.infer<typeof ArticleRowSchema>;

export const ArticleSchema = ArticleRowSchema.extend({
  html: z.string(),
  /** `/site/{tenantSlug}/articles/{slug}` (answers once published). */
  publicPath: z.string(),
}).meta({ id: 'Article' });
export type ArticleDto = z.infer<typeof ArticleSchema>;

export const RevisionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  tagSlugs: z.array(z.string()),
  savedBy: z.string().nullable(),
  savedAt: z.string(),
  chars: z.number().int(),
});

// ---- app ----

export const NewsItemSchema = z
  .object({
    id: z.string().uuid(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    cover: StoredImageSchema.nullable(),
    readingMinutes: z.number().int(),
    byline: z.object({
      kind: z.enum(AUTHOR_KINDS),
      displayName: z.string(),
      /** Staff: role and store (e.g. technician · 一号店). */
      staffRole: z.string().nullable(),
      storeName: z.string().nullable(),
    }),
    tags: z.array(z.object({ slug: z.string(), name: z.string() })),
    publishedAt: z.string(),
  })
  .meta({ id: 'NewsItem' });
export type NewsItemDto = z.infer<typeof NewsItemSchema>;

export const NewsArticleSchema = NewsItemSchema.extend({
  html: z.string(),
  updatedAt: z.string(),
  publicPath: z.string(),
}).meta({ id: 'NewsArticle' });
export type NewsArticleDto = z.infer<typeof NewsArticleSchema>;

export const NewsListQuery = z.object({ tag: z.string().max(60).optional() });

export const KolDraftBody = z.object({
  title: z.string().max(120),
  text: z.string().max(20_000).default('').describe('Plain text; a paragraph per line'),
  imageIds: z.array(z.string().uuid()).max(9).default([]).describe('Uploaded through the app'),
  tagSlugs: TagSlugs,
});
export const KolSaveBody = KolDraftBody.extend({ version: z.number().int().min(1) }).meta({
  example: {
    title: '川西自驾七日',
    text: '第一天从成都出发。',
    imageIds: [],
    tagSlugs: [],
    version: 1,
  },
});

export const KolDraftSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    text: z.string(),
    images: z.array(StoredImageSchema),
    tagSlugs: z.array(z.string()),
    status: z.enum(ARTICLE_STATUSES),
    slug: z.string(),
    reviewNote: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'KolDraft' });
export type KolDraftDto = z.infer<typeof KolDraftSchema>;

export const NewsMeSchema = z.object({
  kol: z.boolean().describe('Whether I may write (a nominated, active KOL)'),
  tenantSlug: z.string(),
});
