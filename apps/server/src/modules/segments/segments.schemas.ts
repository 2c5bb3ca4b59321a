import { z } from 'zod';
import { EXAMPLE_FILTER, SegmentNodeSchema } from './fields.ts';

export const PreviewBody = z
  .object({ filter: SegmentNodeSchema })
  .meta({ example: { filter: EXAMPLE_FILTER } });

export const SegmentBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    description: z.string().trim().max(500).nullish(),
    filter: SegmentNodeSchema,
  })
  .meta({
    example: { name: '半年未到店的丰田本田车主', description: '召回保养', filter: EXAMPLE_FILTER },
  });
export type SegmentInput = z.infer<typeof SegmentBody>;

export const SegmentSampleSchema = z.object({
  id: z.string(),
  memberNo: z.number().int(),
  name: z.string().nullable(),
  phoneMasked: z.string(),
});

export const SegmentPreviewSchema = z
  .object({
    count: z.number().int().describe('Customers matching now'),
    sample: z.array(SegmentSampleSchema).describe('The first 10 (by member number)'),
  })
  .meta({ id: 'SegmentPreview' });

export const SegmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    filter: SegmentNodeSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Segment' });
export type SegmentDto = z.infer<typeof SegmentSchema>;

export const SegmentDetailSchema = SegmentSchema.extend({
  count: z.number().int(),
  sample: z.array(SegmentSampleSchema),
}).meta({ id: 'SegmentDetail' });

export const SegmentFieldSchema = z.object({
  name: z.string(),
  type: z.string(),
  group: z.string(),
  label: z.string(),
  operators: z.array(z.string()),
  options: z.array(z.string()).nullable(),
  period: z.enum(['required', 'optional']).nullable(),
});

export const SegmentFieldsSchema = z
  .object({
    fields: z.array(SegmentFieldSchema),
    notAvailable: z
      .array(z.string())
      .describe('Filters the product names that this installation cannot offer yet, and why'),
  })
  .meta({ id: 'SegmentFields' });
