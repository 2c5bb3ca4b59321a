// Moderation's shapes (from the API contract), its words as data, and who moderates.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type QueueItem = Json<paths['/api/v1/staff/moderation/queue']['get']>['items'][number];
export type QueueSubject = NonNullable<QueueItem['subject']>;
export type QueueReason = QueueItem['reasons'][number];
export type SubjectState = QueueSubject['state'];
export type Mute = Json<paths['/api/v1/staff/moderation/mutes']['get']>['items'][number];
export type MuteInput = Body<paths['/api/v1/staff/moderation/mutes']['post']>;
export type Keyword = Json<paths['/api/v1/staff/moderation/keywords']['get']>['items'][number];
export type ModerationSettings = Json<paths['/api/v1/staff/moderation/settings']['get']>;
export type LogEntry = Json<paths['/api/v1/staff/moderation/log']['get']>['items'][number];
export type LogAction = LogEntry['action'];
export type DecisionAction = Body<paths['/api/v1/staff/moderation/decisions']['post']>['action'];

export const LOG_ACTIONS = [
  'hold',
  'hide',
  'restore',
  'approve',
  'auto_hide',
  'mute',
  'unmute',
  'keyword_add',
  'keyword_remove',
  'settings',
] as const satisfies readonly LogAction[];

/** The kinds of piece the shop's community has today (others show as they are named). */
export const SUBJECT_KINDS = ['club_post', 'club_comment', 'magazine_contribution'] as const;

export const STATE_COLORS: Record<SubjectState, string> = {
  visible: 'green',
  held: 'gold',
  hidden: 'red',
};
export const REASON_COLORS: Record<QueueReason, string> = {
  keyword: 'volcano',
  link: 'blue',
  image: 'purple',
  new_member: 'cyan',
  reports: 'red',
};
export const LOG_ACTION_COLORS: Partial<Record<LogAction, string>> = {
  hold: 'gold',
  hide: 'red',
  auto_hide: 'volcano',
  restore: 'green',
  approve: 'green',
  mute: 'magenta',
  unmute: 'cyan',
  keyword_add: 'blue',
  keyword_remove: 'default',
  settings: 'geekblue',
};

/** The owner and managers moderate (the server says the same). */
export function canModerate(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager';
}

/** What staff may decide on a piece in its state, first the likely one. */
export function decisionsFor(state: SubjectState | undefined): DecisionAction[] {
  if (state === 'held') return ['approve', 'hide'];
  if (state === 'hidden') return ['restore', 'hide'];
  if (state === 'visible') return ['approve', 'hide'];
  return [];
}
