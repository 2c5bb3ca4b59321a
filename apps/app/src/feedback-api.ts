// The app's complaint (我的工单) and survey calls and their types, from the server's OpenAPI
// document. The survey page works from its signed link alone (no sign-in needed).
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op, S extends number = 200> = Op extends {
  responses: { [C in S]: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type MyComplaint = Json<paths['/api/v1/app/me/complaints']['get']>['items'][number];
export type MyComplaintDetail = Json<paths['/api/v1/app/me/complaints/{ticketId}']['get']>;
export type SurveyPage = Json<paths['/api/v1/public/surveys/{token}']['get']>;

const ticket = (ticketId: string) => ({ params: { path: { ticketId } } });
const token = (t: string) => ({ params: { path: { token: t } } });

export const feedbackApi = {
  categories: () => unwrap(client.GET('/api/v1/app/complaint-categories')),
  mine: () => unwrap(client.GET('/api/v1/app/me/complaints')),
  get: (ticketId: string) =>
    unwrap(client.GET('/api/v1/app/me/complaints/{ticketId}', ticket(ticketId))),
  open: (body: { category?: string; summary: string; serviceOrderId?: string | null }) =>
    unwrap(client.POST('/api/v1/app/me/complaints', { body })),
  message: (ticketId: string, body: string) =>
    unwrap(
      client.POST('/api/v1/app/me/complaints/{ticketId}/messages', {
        ...ticket(ticketId),
        body: { body },
      }),
    ),
  reopen: (ticketId: string) =>
    unwrap(client.POST('/api/v1/app/me/complaints/{ticketId}/reopen', ticket(ticketId))),
  survey: (t: string) => unwrap(client.GET('/api/v1/public/surveys/{token}', token(t))),
  answer: (t: string, nps: number) =>
    unwrap(client.POST('/api/v1/public/surveys/{token}/answer', { ...token(t), body: { nps } })),
  details: (
    t: string,
    body: { stars?: number | null; comment?: string | null; reasons?: string[] },
  ) => unwrap(client.POST('/api/v1/public/surveys/{token}/details', { ...token(t), body })),
};

export const STATUS_COLORS: Record<
  string,
  'danger' | 'primary' | 'warning' | 'success' | 'default'
> = {
  open: 'danger',
  in_progress: 'primary',
  waiting_parts: 'warning',
  waiting_owner: 'warning',
  resolved: 'success',
  closed: 'default',
};
