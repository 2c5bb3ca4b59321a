import { z } from 'zod';
import { HELP_ENTRY_STATUSES } from './help.tables.ts';

/** A query longer than this is not a question (and would make search slow): 400 on `q`. */
export const MAX_QUERY_LENGTH = 200;
export const HELP_LANGUAGES = ['zh-CN', 'en'] as const;
export type HelpLanguage = (typeof HELP_LANGUAGES)[number];

export const CategoryParams = z.object({ categoryId: z.string().uuid() });
export const EntryParams = z.object({ entryId: z.string().uuid() });
export const SynonymParams = z.object({ synonymId: z.string().uuid() });

export const CategoryBody = z
  .object({
    nameZh: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().max(60).default(''),
    position: z.number().int().min(0).max(10_000).default(0).describe('Lower first'),
  })
  .strict()
  .meta({
    example: { nameZh: '保养与维修', nameEn: 'Maintenance & repairs', position: 1 },
  });

export const CategorySchema = z
  .object({
    id: z.string().uuid(),
    nameZh: z.string(),
    nameEn: z.string(),
    position: z.number().int(),
    entries: z.number().int().describe('Entries in it, drafts included'),
  })
  .meta({ id: 'HelpCategory' });

export const EntryBody = z
  .object({
    categoryId: z.string().uuid().nullable().default(null),
    questionZh: z.string().trim().min(1).max(200),
    answerZh: z.string().trim().min(1).max(4000),
    questionEn: z.string().trim().max(200).default('').describe('Empty: no English version'),
    answerEn: z.string().trim().max(4000).default(''),
    status: z.enum(HELP_ENTRY_STATUSES).default('draft'),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict()
  .meta({
    example: {
      categoryId: '0b9a1f4e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
      questionZh: '多久换一次机油？',
      answerZh: '一般每 5000–10000 公里或 6–12 个月更换一次。',
      questionEn: 'How often should I change the engine oil?',
      answerEn: 'Usually every 5,000–10,000 km or 6–12 months.',
      status: 'published',
      position: 1,
    },
  });

export const EntrySchema = z
  .object({
    id: z.string().uuid(),
    categoryId: z.string().uuid().nullable(),
    questionZh: z.string(),
    answerZh: z.string(),
    questionEn: z.string(),
    answerEn: z.string(),
    status: z.enum(HELP_ENTRY_STATUSES),
    position: z.number().int(),
    helpfulYes: z.number().int().describe('Owners who found it helpful'),
    helpfulNo: z.number().int(),
    updatedAt: z.date(),
  })
  .meta({ id: 'HelpEntry' });

export const EntryListQuery = z.object({
  categoryId: z.string().uuid().optional(),
  status: z.enum(HELP_ENTRY_STATUSES).optional(),
});

export const SynonymBody = z
  .object({
    terms: z
      .array(z.string().trim().min(1).max(40))
      .min(2)
      .max(20)
      .describe('The first term is the one the others are read as'),
  })
  .strict()
  .meta({ example: { terms: ['保养', '维护', '养护'] } });

export const SynonymSchema = z
  .object({ id: z.string().uuid(), terms: z.array(z.string()) })
  .meta({ id: 'HelpSynonymGroup' });

export const SearchQuery = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH)
    .default('')
    .describe('The question; empty (or only punctuation and stop words) finds nothing'),
  language: z.enum(HELP_LANGUAGES).optional().describe("Default: the caller's language"),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const HitSchema = z.object({
  entryId: z.string().uuid(),
  question: z.string(),
  answer: z.string(),
  categoryId: z.string().uuid().nullable(),
  score: z.number().describe('BM25 relevance; higher is better'),
});
export const SearchResultSchema = z
  .object({
    hits: z.array(HitSchema).describe('Best first; empty when nothing matches well enough'),
  })
  .meta({ id: 'HelpSearchResult' });

const AppEntryRow = z.object({ id: z.string().uuid(), question: z.string() });
export const AppHelpSchema = z
  .object({
    categories: z.array(
      z.object({ id: z.string().uuid(), name: z.string(), entries: z.array(AppEntryRow) }),
    ),
    others: z.array(AppEntryRow).describe('Published entries in no category'),
  })
  .meta({ id: 'AppHelp' });

export const AppEntrySchema = z
  .object({
    id: z.string().uuid(),
    question: z.string(),
    answer: z.string(),
    categoryId: z.string().uuid().nullable(),
    categoryName: z.string().nullable(),
    myVote: z.boolean().nullable().describe('My "was this helpful" answer, null before I give one'),
  })
  .meta({ id: 'AppHelpEntry' });

export const VoteBody = z
  .object({ helpful: z.boolean() })
  .strict()
  .meta({ example: { helpful: true } });
