import { z } from 'zod';
import { Instant } from '../../kernel/calendar.ts';
import { StoredImageSchema } from '../media/index.ts';
import {
  CALL_STATUSES,
  CONTRIBUTION_STATUSES,
  ISSUE_STATUSES,
  PAGE_LAYOUTS,
} from './magazine.tables.ts';

const Title = z.string().trim().min(1).max(80);
const ImageIds = z.array(z.string().uuid()).max(20);

// ---- bodies ----

export const IssueBody = z
  .object({
    title: Title,
    summary: z.string().max(500).default('').describe('Plain text; any markup is removed'),
    coverImageId: z.string().uuid().nullish().describe('An image the staff member uploaded'),
  })
  .meta({ example: { title: '《留客车友》2026 冬季刊', summary: '冬季用车、读者自驾故事。' } });
export type IssueInput = z.infer<typeof IssueBody>;
export const IssuePatchBody = z
  .object({
    title: Title,
    summary: z.string().max(500),
    coverImageId: z.string().uuid().nullable(),
  })
  .partial()
  .meta({ example: { summary: '冬季用车干货，和车友们的冬日自驾故事。' } });

export const SectionBody = z
  .object({ title: z.string().trim().min(1).max(40) })
  .meta({ example: { title: '用车课堂' } });

export const PageBody = z
  .object({
    sectionId: z.string().uuid(),
    title: Title,
    bodyHtml: z.string().max(50_000).default('').describe('Rich text; sanitised on the way in'),
    imageIds: ImageIds.default([]),
    layout: z.enum(PAGE_LAYOUTS).default('text'),
  })
  .meta({
    example: {
      sectionId: '00000000-0000-4000-8000-000000000000',
      title: '冬季胎压怎么调',
      bodyHtml: '<p>气温每降 10℃，胎压约降 0.1 bar。</p>',
      layout: 'text',
    },
  });
export type PageInput = z.infer<typeof PageBody>;
export const PagePatchBody = z
  .object({
    sectionId: z.string().uuid(),
    title: Title,
    bodyHtml: z.string().max(50_000),
    imageIds: ImageIds,
    layout: z.enum(PAGE_LAYOUTS),
  })
  .partial()
  .meta({ example: { title: '冬季胎压怎么调', layout: 'text' } });

export const OrderBody = z
  .object({
    sections: z
      .array(z.object({ id: z.string().uuid(), pageIds: z.array(z.string().uuid()).max(200) }))
      .max(50),
  })
  .describe('Every section of the issue in order, each with every page it holds in order')
  .meta({
    example: {
      sections: [{ id: '00000000-0000-4000-8000-000000000000', pageIds: [] }],
    },
  });

export const CallBody = z
  .object({
    theme: z.string().trim().min(1).max(60),
    description: z.string().max(2000).default(''),
    deadline: Instant,
    sectionId: z.string().uuid().describe('The section accepted contributions are placed in'),
    points: z.number().int().min(0).max(100_000).default(0),
  })
  .meta({
    example: {
      theme: '我的冬季自驾',
      description: '分享一段冬天的自驾路：照片加几句话就好。',
      deadline: '2026-12-31T15:59:59Z',
      sectionId: '00000000-0000-4000-8000-000000000000',
      points: 200,
    },
  });
export type CallInput = z.infer<typeof CallBody>;
export const CallPatchBody = z
  .object({
    theme: z.string().trim().min(1).max(60),
    description: z.string().max(2000),
    deadline: Instant,
    points: z.number().int().min(0).max(100_000),
    status: z.enum(CALL_STATUSES),
  })
  .partial()
  .meta({ example: { status: 'closed' } });

export const ContributionBody = z
  .object({
    title: z.string().max(200).default(''),
    text: z.string().max(20_000).describe('Plain text, at most 2,000 characters once cleaned'),
    imageIds: z.array(z.string().uuid()).max(50).default([]).describe('At most 9 photos'),
  })
  .meta({ example: { title: '雪后的千岛湖', text: '十二月初开车去千岛湖……', imageIds: [] } });
export type ContributionInput = z.infer<typeof ContributionBody>;

export const RejectBody = z
  .object({ reason: z.string().max(500) })
  .meta({ example: { reason: '与征稿主题无关' } });
export const PlaceBody = z
  .object({
    sectionId: z
      .string()
      .uuid()
      .optional()
      .describe('Another section to place it in; omitted: the section the call feeds'),
  })
  .meta({ example: {} });
export const ContributionListQuery = z.object({
  callId: z.string().uuid().optional(),
  status: z.enum(CONTRIBUTION_STATUSES).optional(),
});

// ---- answers ----

export const CreditSchema = z.object({
  customerId: z.string().uuid(),
  name: z.string(),
  initial: z.string(),
  label: z.string().describe('读者投稿'),
});

export const PageSchema = z.object({
  id: z.string().uuid(),
  sectionId: z.string().uuid(),
  title: z.string(),
  bodyHtml: z.string(),
  images: z.array(StoredImageSchema),
  layout: z.enum(PAGE_LAYOUTS),
  position: z.number().int(),
  contributionId: z.string().uuid().nullable(),
  credit: CreditSchema.nullable(),
});

export const SectionSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  position: z.number().int(),
  pages: z.array(PageSchema),
});

export const IssueSummarySchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  summary: z.string(),
  coverUrl: z.string().nullable(),
  coverImageId: z.string().uuid().nullable(),
  status: z.enum(ISSUE_STATUSES),
  publishedAt: z.string().nullable(),
  pageCount: z.number().int(),
  contributionCount: z.number().int(),
  shareUrl: z.string().describe('The app’s reader of the issue'),
  createdAt: z.string(),
});
export type IssueSummary = z.infer<typeof IssueSummarySchema>;

export const IssueSchema = IssueSummarySchema.extend({ sections: z.array(SectionSchema) });
export type IssueDto = z.infer<typeof IssueSchema>;

export const PublishSchema = z.object({
  issue: IssueSchema,
  credited: z.number().int().describe('Contributions credited by this publication'),
  pointsGranted: z.number().int(),
  announced: z.number().int().describe('Subscribers told of the issue for the first time'),
});

export const CallSchema = z.object({
  id: z.string().uuid(),
  theme: z.string(),
  description: z.string(),
  deadline: z.string(),
  issueId: z.string().uuid(),
  issueTitle: z.string(),
  sectionId: z.string().uuid(),
  sectionTitle: z.string(),
  points: z.number().int(),
  status: z.enum(CALL_STATUSES),
  open: z.boolean().describe('Open and before the deadline'),
  counts: z.object({
    pending: z.number().int(),
    accepted: z.number().int(),
    placed: z.number().int(),
    published: z.number().int(),
    rejected: z.number().int(),
  }),
});
export type CallDto = z.infer<typeof CallSchema>;

export const ContributionSchema = z.object({
  id: z.string().uuid(),
  callId: z.string().uuid(),
  callTheme: z.string(),
  customerId: z.string().uuid(),
  customerName: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  images: z.array(StoredImageSchema),
  status: z.enum(CONTRIBUTION_STATUSES),
  rejectReason: z.string().nullable(),
  pageId: z.string().uuid().nullable(),
  issueId: z.string().uuid().nullable(),
  pointsGranted: z.number().int(),
  creditedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ContributionDto = z.infer<typeof ContributionSchema>;

export const AppCallSchema = CallSchema.omit({ counts: true, issueId: true, sectionId: true });

export const LatestSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  coverUrl: z.string().nullable(),
  publishedAt: z.string(),
  openCalls: z.number().int().describe('Themed pages open for contributions'),
});

export const SubscriptionSchema = z.object({ subscribed: z.boolean() });
