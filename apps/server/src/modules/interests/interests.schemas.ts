import { z } from 'zod';
import { READING_EVENTS, SUBJECT_TYPES } from './interests.tables.ts';

export const ReadingEventBody = z
  .object({
    subjectType: z.enum(SUBJECT_TYPES),
    subjectId: z.string().uuid(),
    event: z
      .enum(READING_EVENTS)
      .describe('opened on load, progress while reading (running totals), finished at the end'),
    seconds: z.number().int().min(0).max(7200).optional().describe('Seconds on the page so far'),
    depth: z.number().min(0).max(1).optional().describe('How far down the page (0–1)'),
  })
  .meta({
    id: 'ReadingEvent',
    example: {
      subjectType: 'article',
      subjectId: '0b9a1f4e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
      event: 'finished',
      seconds: 140,
      depth: 1,
    },
  });

export const ReadingRecordedSchema = z
  .object({ recorded: z.boolean().describe('false when the owner switched personalisation off') })
  .meta({ id: 'ReadingRecorded' });

const TagScore = z.object({
  slug: z.string(),
  name: z.string(),
  score: z.number().min(0).max(1),
});

export const MyInterestsSchema = z
  .object({
    personalised: z.boolean(),
    follows: z.array(z.string()).describe('Tag slugs followed'),
    scores: z.array(TagScore).describe('Highest first; empty when personalisation is off'),
  })
  .meta({ id: 'MyInterests' });

export const CustomerInterestsSchema = z
  .object({
    personalised: z.boolean(),
    items: z.array(TagScore.extend({ followed: z.boolean() })),
  })
  .meta({ id: 'CustomerInterests' });

export const InterestSettingsBody = z.object({ personalised: z.boolean() }).strict();
export const InterestSettingsSchema = z
  .object({ personalised: z.boolean() })
  .meta({ id: 'InterestSettings' });

export const TagParams = z.object({ tagSlug: z.string().trim().min(1).max(100) });
export const CustomerParams = z.object({ customerId: z.string().uuid() });
