// The e-magazine (电子杂志) calls of the app and their types, taken from the server's OpenAPI document.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op> = Op extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

export type Issue = Json<paths['/api/v1/app/magazine/issues/{issueId}']['get']>;
export type IssueList = Json<paths['/api/v1/app/magazine/issues']['get']>;
export type IssueSummary = IssueList['items'][number];
export type MagazinePage = Issue['sections'][number]['pages'][number];
export type Call = Json<paths['/api/v1/app/magazine/calls']['get']>['items'][number];
export type Contribution = Json<
  paths['/api/v1/app/magazine/contributions']['get']
>['items'][number];

export type MagazineLatest = Json<paths['/api/v1/app/magazine/latest']['get']>;

export const magazineApi = {
  /** The latest published issue, or null when there is none yet (404 MAGAZINE_NONE). */
  latest: (): Promise<MagazineLatest | null> =>
    unwrap(client.GET('/api/v1/app/magazine/latest')).catch(() => null),
  issues: (): Promise<IssueList> => unwrap(client.GET('/api/v1/app/magazine/issues')),
  issue: (issueId: string): Promise<Issue> =>
    unwrap(client.GET('/api/v1/app/magazine/issues/{issueId}', { params: { path: { issueId } } })),
  calls: (): Promise<{ items: Call[] }> => unwrap(client.GET('/api/v1/app/magazine/calls')),
  mine: (): Promise<{ items: Contribution[] }> =>
    unwrap(client.GET('/api/v1/app/magazine/contributions')),
  contribute: (
    callId: string,
    body: { title: string; text: string; imageIds: string[] },
  ): Promise<Contribution> =>
    unwrap(
      client.POST('/api/v1/app/magazine/calls/{callId}/contributions', {
        params: { path: { callId } },
        body,
      }),
    ),
  subscribe: (): Promise<{ subscribed: boolean }> =>
    unwrap(client.PUT('/api/v1/app/magazine/subscription')),
  unsubscribe: (): Promise<{ subscribed: boolean }> =>
    unwrap(client.DELETE('/api/v1/app/magazine/subscription')),
};

/** "2026年12月1日" / "Dec 1, 2026". */
export function dayOf(iso: string, lang: string): string {
  return new Date(iso).toLocaleDateString(lang === 'en' ? 'en' : 'zh-CN', {
    year: 'numeric',
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
  });
}
