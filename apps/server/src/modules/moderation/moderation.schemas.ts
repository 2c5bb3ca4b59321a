import { z } from 'zod';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import {
  DECISION_ACTIONS,
  LOG_ACTIONS,
  LOG_ACTOR_TYPES,
  QUEUE_REASONS,
  REPORT_REASONS,
} from './moderation.tables.ts';

const Kind = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'A subject kind, e.g. club_post')
  .describe('What kind of piece: club_post, club_comment…');
const Reason = z.string().trim().max(500);

export const ReportBody = z
  .object({
    kind: Kind,
    subjectId: z.string().uuid(),
    reason: z.enum(REPORT_REASONS),
    note: z.string().trim().max(500).optional(),
  })
  .meta({
    example: {
      kind: 'club_post',
      subjectId: '01900000-0000-7000-8000-000000000021',
      reason: 'ads',
      note: '帖子里在卖假配件',
    },
  });
export type ReportInput = z.infer<typeof ReportBody>;

export const DecisionBody = z
  .object({
    kind: Kind,
    subjectId: z.string().uuid(),
    action: z
      .enum(DECISION_ACTIONS)
      .describe(
        'hide: take it down; restore: show a hidden piece again; approve: publish a held one',
      ),
    reason: Reason.optional().describe('Required to hide'),
  })
  .meta({
    example: {
      kind: 'club_post',
      subjectId: '01900000-0000-7000-8000-000000000021',
      action: 'hide',
      reason: '广告，已多次提醒',
    },
  });
export type DecisionInput = z.infer<typeof DecisionBody>;

export const MuteBody = z
  .object({
    customerId: z.string().uuid(),
    scopeId: z.string().uuid().nullish().describe('The club (or other scope); none: everywhere'),
    days: z.number().int().min(1).max(3650),
    hidePast: z.boolean().default(false).describe("Also hide the member's visible pieces there"),
    reason: Reason.describe('Required'),
  })
  .meta({
    example: {
      customerId: '01900000-0000-7000-8000-000000000031',
      scopeId: '01900000-0000-7000-8000-000000000041',
      days: 7,
      hidePast: true,
      reason: '多次发布广告',
    },
  });
export type MuteInput = z.infer<typeof MuteBody>;

const BoolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const MuteListQuery = z.object({
  customerId: z.string().uuid().optional(),
  active: BoolQuery.default(true).describe('Only mutes in force (default); false: every mute'),
  limit: LimitQuery,
  cursor: CursorQuery,
});
export type MuteListInput = z.infer<typeof MuteListQuery>;

export const KeywordBody = z
  .object({ word: z.string().trim().min(1).max(40) })
  .meta({ example: { word: '加微信' } });

export const SettingsBody = z
  .object({
    autoHideThreshold: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .describe('Weighted reports that hide a piece until a moderator decides'),
    minTrustForLinks: z
      .number()
      .int()
      .min(0)
      .max(100)
      .describe('Below this trust level, a piece with a link or an image is held for review'),
  })
  .meta({ example: { autoHideThreshold: 5, minTrustForLinks: 1 } });
export type SettingsInput = z.infer<typeof SettingsBody>;

export const QueueQuery = z.object({
  kind: Kind.optional(),
  limit: LimitQuery,
  cursor: CursorQuery,
});
export type QueueListInput = z.infer<typeof QueueQuery>;

export const LogQuery = z.object({
  kind: Kind.optional(),
  subjectId: z.string().uuid().optional(),
  customerId: z.string().uuid().optional(),
  action: z.enum(LOG_ACTIONS).optional(),
  actor: z
    .union([z.literal('system'), z.string().uuid()])
    .optional()
    .describe('A staff member’s (or API key’s) id, or "system"'),
  limit: LimitQuery,
  cursor: CursorQuery,
});
export type LogListInput = z.infer<typeof LogQuery>;

// ---- responses ----

export const ReportSchema = z.object({
  id: z.string(),
  kind: z.string(),
  subjectId: z.string(),
  reason: z.enum(REPORT_REASONS),
  createdAt: z.string(),
});

export const SubjectViewSchema = z.object({
  kind: z.string(),
  id: z.string(),
  authorCustomerId: z.string().nullable(),
  authorName: z.string().nullable().describe('The name the shop keeps for the author'),
  scopeId: z.string().nullable(),
  scopeName: z.string().nullable(),
  text: z.string(),
  imageUrls: z.array(z.string()),
  state: z.enum(['visible', 'held', 'hidden']),
  createdAt: z.string(),
});

export const QueueItemSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    subjectId: z.string(),
    reasons: z.array(z.enum(QUEUE_REASONS)),
    reportWeight: z.number().int(),
    openedAt: z.string(),
    autoHiddenAt: z.string().nullable(),
    subject: SubjectViewSchema.nullable().describe('Null when the piece no longer exists'),
    reports: z.array(
      z.object({
        id: z.string(),
        reporterCustomerId: z.string(),
        reporterName: z.string().nullable(),
        reason: z.enum(REPORT_REASONS),
        note: z.string().nullable(),
        weight: z.number().int(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'ModerationQueueItem' });

export const DecisionResultSchema = z.object({
  kind: z.string(),
  subjectId: z.string(),
  action: z.enum(DECISION_ACTIONS),
  state: z.enum(['visible', 'hidden']),
  queueItemClosed: z.boolean(),
});

export const MuteSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    customerName: z.string().nullable(),
    scopeId: z.string().nullable(),
    until: z.string(),
    reason: z.string(),
    hidePast: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'ModerationMute' });
export type MuteDto = z.infer<typeof MuteSchema>;

export const MuteCreatedSchema = MuteSchema.extend({
  hiddenCount: z.number().int().describe('Past pieces hidden with the mute'),
});

export const KeywordSchema = z.object({
  id: z.string(),
  word: z.string(),
  createdAt: z.string(),
});

export const SettingsSchema = SettingsBody;

export const LogEntrySchema = z
  .object({
    id: z.string(),
    action: z.enum(LOG_ACTIONS),
    actor: z.string().describe('The staff member’s (or API key’s) id, or "system"'),
    actorType: z.enum(LOG_ACTOR_TYPES),
    actorName: z.string().nullable().describe('The staff member’s name (null for the system)'),
    kind: z.string().nullable(),
    subjectId: z.string().nullable(),
    subjectText: z
      .string()
      .nullable()
      .describe('The beginning of the piece’s text (null when the piece is gone)'),
    scopeName: z.string().nullable().describe('Where the piece is (its club)'),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    muteId: z.string().nullable(),
    keyword: z.string().nullable(),
    reason: z.string(),
    at: z.string(),
  })
  .meta({ id: 'ModerationLogEntry' });
export type LogEntryDto = z.infer<typeof LogEntrySchema>;
