import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';

const Day = CalendarDate;
const Format = z.enum(['text', 'int', 'fen', 'pct', 'decimal']);
const CellValue = z.union([z.string(), z.number(), z.null()]);

export const PanelParams = z.object({ panelId: z.string().regex(/^[a-z0-9-]{1,60}$/) });

export const PanelFilterQuery = z.object({
  storeId: z.string().uuid().optional(),
  from: Day.optional().describe('First local day of the period (default: 12 months to today)'),
  to: Day.optional().describe('Last local day of the period (inclusive)'),
  compareFrom: Day.optional().describe('First day of the comparison period (same length)'),
  compareTo: Day.optional(),
});

const Localised = z.string();

const PanelBody = z.object({
  chart: z.object({
    type: z.enum(['line', 'bar', 'stacked', 'heatmap']),
    categories: z.array(z.string()),
    yCategories: z.array(z.string()).nullable(),
    series: z.array(
      z.object({ key: z.string(), name: Localised, data: z.array(z.number().nullable()) }),
    ),
    cells: z.array(z.tuple([z.number(), z.number(), z.number().nullable()])).nullable(),
    format: Format,
  }),
  columns: z.array(z.object({ key: z.string(), title: Localised, format: Format })),
  rows: z.array(z.record(z.string(), CellValue)),
  headline: z.array(
    z.object({ key: z.string(), title: Localised, value: z.number().nullable(), format: Format }),
  ),
  segments: z
    .array(z.object({ name: z.string(), filter: z.record(z.string(), z.unknown()) }).nullable())
    .nullable(),
});

export const PanelAnswerSchema = PanelBody.extend({
  id: z.string(),
  dashboard: z.string(),
  title: z.string(),
  definition: z.string(),
  filters: z.array(z.enum(['store', 'period', 'compare'])),
  storeId: z.string().nullable(),
  period: z.object({ from: z.string(), to: z.string() }),
  comparePeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
  builtAt: z.string().nullable(),
  comparison: PanelBody.nullable(),
}).meta({ id: 'AnalyticsPanel' });

export const DashboardsSchema = z.object({
  builtAt: z.string().nullable(),
  dashboards: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      panels: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          definition: z.string(),
          filters: z.array(z.enum(['store', 'period', 'compare'])),
        }),
      ),
    }),
  ),
});

export const RebuildResultSchema = z.object({
  visits: z.number().int(),
  cells: z.number().int(),
  millis: z.number().int(),
});

export const AnalyticsSettingsSchema = z.object({
  smsSegmentFen: z.number().int().min(0).max(10_000),
  wechatFen: z.number().int().min(0).max(10_000),
  emailFen: z.number().int().min(0).max(10_000),
  pushFen: z.number().int().min(0).max(10_000),
  weeklyReport: z.enum(['on', 'off']),
});
export const AnalyticsSettingsBody = AnalyticsSettingsSchema.partial().meta({
  example: { smsSegmentFen: 5, wechatFen: 1, emailFen: 0, pushFen: 0, weeklyReport: 'on' },
});

export const ReportTokenParams = z.object({ token: z.string().max(200) });
