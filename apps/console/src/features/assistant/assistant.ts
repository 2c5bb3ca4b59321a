// The assistant's shapes (from the API contract) and who may change its settings.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type AssistantSettings = Json<paths['/api/v1/staff/assistant/settings']['get']>;
export type AssistantSettingsInput = Body<paths['/api/v1/staff/assistant/settings']['put']>;
export type TranscriptPage = Json<paths['/api/v1/staff/assistant/transcripts']['get']>;
export type TranscriptRow = TranscriptPage['items'][number];
export type Transcript = Json<paths['/api/v1/staff/assistant/transcripts/{customerId}']['get']>;
export type TranscriptFilter = 'waiting' | 'handed_over' | 'resolved' | 'all';

export const STATUS_COLORS: Record<TranscriptRow['status'], string> = {
  waiting: 'warning',
  handed_over: 'default',
  resolved: 'success',
};

export const ACTION_COLORS: Record<Transcript['actions'][number]['kind'], string> = {
  booked: 'green',
  rescheduled: 'blue',
  cancelled: 'default',
  complaint: 'red',
  handover: 'orange',
  part_request: 'purple',
};

/** Owner and manager change the settings; advisors read transcripts and hand back. */
export const canConfigureAssistant = (staff: StaffMe): boolean =>
  staff.role === 'owner' || staff.role === 'manager';
