import { z } from 'zod';
import { CursorQuery, LimitQuery, page } from '../../kernel/paging.ts';
import { TERM_MAX, TERMS_MAX } from './rules.ts';
import {
  FEED_KINDS,
  FEED_STATUSES,
  FETCH_RESULTS,
  RULE_DELIVERIES,
  RULE_FIELDS,
} from './monitoring.tables.ts';

const Name = z.string().trim().min(1).max(60);
const Kind = z
  .enum(FEED_KINDS)
  .describe('competitor 竞争对手, industry 行业资讯, regulator 监管, press 媒体, other 其他');

export const CreateFeedBody = z
  .object({
    name: Name,
    kind: Kind,
    url: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .describe('http(s) address of an RSS, Atom or JSON feed'),
  })
  .meta({
    example: {
      name: '同城竞品·新闻',
      kind: 'competitor',
      url: 'https://example.com/news/feed.xml',
    },
  });

export const UpdateFeedBody = z
  .object({ name: Name, kind: Kind, status: z.enum(FEED_STATUSES) })
  .partial()
  .meta({ example: { status: 'paused' } });

export const FeedSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(FEED_KINDS),
  url: z.string(),
  status: z.enum(FEED_STATUSES),
  lastFetchAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastResult: z.enum(FETCH_RESULTS).nullable(),
  lastError: z.string().nullable(),
  lastHttpStatus: z.number().int().nullable(),
  consecutiveFailures: z.number().int(),
  nextFetchAt: z.string().nullable().describe('Null while paused'),
  itemCount: z.number().int(),
  createdAt: z.string(),
});
export type FeedDto = z.infer<typeof FeedSchema>;

const Terms = z
  .array(z.string().max(TERM_MAX * 2))
  .max(TERMS_MAX)
  .describe('Plain words; `*` stands for any run of characters');

export const CreateRuleBody = z
  .object({
    name: Name,
    feedId: z.string().uuid().nullable().default(null).describe('null: every feed'),
    include: Terms.min(1),
    exclude: Terms.default([]),
    fields: z.array(z.enum(RULE_FIELDS)).min(1).max(3).default(['title', 'summary']),
    delivery: z
      .enum(RULE_DELIVERIES)
      .default('immediate')
      .describe('immediate: at once; digest: in the daily digest; none: console only'),
    recipientStaffIds: z.array(z.string().uuid()).max(50).default([]),
    active: z.boolean().default(true),
  })
  .meta({
    example: {
      name: '竞品促销',
      feedId: null,
      include: ['保养*优惠', '轮胎'],
      exclude: ['招聘'],
      fields: ['title', 'summary'],
      delivery: 'immediate',
      recipientStaffIds: [],
    },
  });

export const UpdateRuleBody = z
  .object({
    name: Name,
    feedId: z.string().uuid().nullable(),
    include: Terms.min(1),
    exclude: Terms,
    fields: z.array(z.enum(RULE_FIELDS)).min(1).max(3),
    delivery: z.enum(RULE_DELIVERIES),
    recipientStaffIds: z.array(z.string().uuid()).max(50),
    active: z.boolean(),
  })
  .partial()
  .meta({ example: { active: false } });

export const RuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  feedId: z.string().nullable(),
  include: z.array(z.string()),
  exclude: z.array(z.string()),
  fields: z.array(z.enum(RULE_FIELDS)),
  delivery: z.enum(RULE_DELIVERIES),
  recipientStaffIds: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export type RuleDto = z.infer<typeof RuleSchema>;

export const MatchListQuery = z.object({
  crisis: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only crisis alerts (舆情预警); false: only rule matches'),
  feedId: z.string().uuid().optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const MatchSchema = z.object({
  id: z.string(),
  crisis: z.boolean(),
  terms: z.array(z.string()),
  delivery: z.enum(RULE_DELIVERIES),
  notifiedAt: z.string().nullable(),
  createdAt: z.string(),
  rule: z.object({ id: z.string(), name: z.string() }).nullable(),
  feed: z.object({ id: z.string(), name: z.string(), kind: z.enum(FEED_KINDS) }),
  item: z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    author: z.string(),
    link: z.string().nullable(),
    publishedAt: z.string().nullable(),
  }),
});
export type MatchDto = z.infer<typeof MatchSchema>;
export const MatchPage = page(MatchSchema);

export const SettingsBody = z
  .object({
    aliases: z.array(z.string().max(TERM_MAX)).max(TERMS_MAX),
    negativeWords: z.array(z.string().max(TERM_MAX)).max(200),
  })
  .meta({ example: { aliases: ['老王汽修'], negativeWords: ['偷换配件'] } });

export const SettingsSchema = z.object({
  aliases: z.array(z.string()),
  negativeWords: z.array(z.string()),
  builtInNegativeWords: z.array(z.string()),
  /** The tenant's and stores' names, always watched. */
  names: z.array(z.string()),
});
export type SettingsDto = z.infer<typeof SettingsSchema>;

export const RecipientSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
});
