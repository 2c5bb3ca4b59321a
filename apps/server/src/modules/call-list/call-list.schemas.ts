import { z } from 'zod';
import { CalendarDate } from '../../kernel/calendar.ts';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { DUE_WINDOWS } from '../automation/index.ts';
import { CALL_OUTCOMES } from './call-list.tables.ts';

export const CALL_LIST_STATUSES = [
  'to_call',
  'will_book',
  'booked',
  'snoozed',
  'not_interested',
] as const;
export type CallListStatus = (typeof CALL_LIST_STATUSES)[number];
/** `open` = to call or will book (what a caller works through); `all` = every status. */
export const CALL_LIST_FILTERS = ['open', 'all', ...CALL_LIST_STATUSES] as const;

export const CallListQuery = z.object({
  window: z
    .enum(DUE_WINDOWS)
    .default('due')
    .describe('Cars with an item: due (overdue or within lead days), overdue, today, week, month'),
  storeId: z.string().uuid().optional().describe('The customer’s home store'),
  status: z.enum(CALL_LIST_FILTERS).default('open'),
  limit: LimitQuery,
  cursor: CursorQuery,
});
export type CallListQuery = z.infer<typeof CallListQuery>;

const CallListItemSchema = z.object({
  key: z.string(),
  kind: z.string(),
  label: z.string(),
  dueDate: z.string(),
  dueKm: z.number().int().nullable(),
  status: z.enum(['overdue', 'due_soon', 'ok']),
});

export const LastContactSchema = z
  .object({
    type: z.enum(['call', 'message']),
    at: z.string(),
    outcome: z.enum(CALL_OUTCOMES).nullable().describe('A call’s outcome'),
    note: z.string().nullable(),
    byName: z.string().nullable().describe('Who called'),
    templateKey: z.string().nullable().describe('A reminder message’s template'),
    messageStatus: z.string().nullable(),
  })
  .meta({ id: 'CallListLastContact' });
export type LastContactDto = z.infer<typeof LastContactSchema>;

export const CallListRowSchema = z
  .object({
    vehicleId: z.string(),
    plate: z.string().nullable(),
    make: z.string().nullable(),
    model: z.string().nullable(),
    customerId: z.string(),
    customerName: z.string(),
    phone: z.string().describe('Masked for technicians (as everywhere else)'),
    storeId: z.string().nullable(),
    status: z.enum(CALL_LIST_STATUSES),
    snoozedUntil: z.string().nullable(),
    firstDueDate: z.string(),
    items: z.array(CallListItemSchema).describe('What is due, most urgent first'),
    lastContact: LastContactSchema.nullable(),
  })
  .meta({ id: 'CallListRow' });
export type CallListRowDto = z.infer<typeof CallListRowSchema>;

export const CallListSchema = z.object({
  today: z.string(),
  items: z.array(CallListRowSchema),
  nextCursor: z.string().nullable(),
});

export const LogCallBody = z
  .object({
    outcome: z.enum(CALL_OUTCOMES),
    note: z.string().trim().max(500).optional().describe('Required when the outcome is `other`'),
  })
  .meta({ example: { outcome: 'reached_not_now', note: '下月出差回来再约' } });
export type LogCallInput = z.infer<typeof LogCallBody>;

export const CallLogSchema = z
  .object({
    id: z.string(),
    vehicleId: z.string(),
    customerId: z.string(),
    outcome: z.enum(CALL_OUTCOMES),
    note: z.string().nullable(),
    createdAt: z.string(),
    deduplicated: z.boolean().describe('The same call logged moments ago: answered, not repeated'),
  })
  .meta({ id: 'CallLog' });
export type CallLogDto = z.infer<typeof CallLogSchema>;

export const SnoozeBody = z
  .object({ until: CalendarDate.describe('Hidden until this day (it shows again on it)') })
  .meta({ example: { until: '2026-06-15' } });

export const CallHoldSchema = z
  .object({
    vehicleId: z.string(),
    snoozedUntil: z.string().nullable(),
    notInterested: z.boolean(),
  })
  .meta({ id: 'CallHold' });
export type CallHoldDto = z.infer<typeof CallHoldSchema>;

export const RemindNowSchema = z.object({
  intentId: z.string(),
  templateKey: z.string(),
  deduplicated: z.boolean().describe('Already sent from the call list today: not sent again'),
});
