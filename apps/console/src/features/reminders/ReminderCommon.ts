// Shapes of the reminder screens (提醒规则), from the generated OpenAPI document.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type RuleList = Json<paths['/api/v1/staff/reminder-rules']['get']>;
export type ReminderRule = RuleList['items'][number];
export type ReminderTemplate = RuleList['templates'][number];
export type RulePatch = Body<paths['/api/v1/staff/reminder-rules/{ruleId}']['patch']>;
export type TodayPreview = Json<paths['/api/v1/staff/reminders/today']['get']>;
export type TodayItem = TodayPreview['items'][number];
export type RuleDashboard = Json<paths['/api/v1/staff/reminders/dashboard']['get']>;
export type RuleStats = RuleDashboard['items'][number];

export const CHANNELS = ['inapp', 'webpush', 'wechat', 'sms', 'email'] as const;
export const STOPS = ['booked', 'serviced', 'opted_out', 'replied'] as const;

export const canManageReminders = (staff: StaffMe) =>
  staff.role === 'owner' || staff.role === 'manager';
