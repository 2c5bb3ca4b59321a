// The help center's calls in the app and their types, from the server's OpenAPI document: the
// FAQ by category, one entry, search as I type, "was this helpful".
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op> = Op extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type AppHelp = Json<paths['/api/v1/app/help']['get']>;
export type AppHelpEntry = Json<paths['/api/v1/app/help/entries/{entryId}']['get']>;
export type HelpHit = Json<paths['/api/v1/app/help/search']['get']>['hits'][number];

const entry = (entryId: string) => ({ params: { path: { entryId } } });

export const helpApi = {
  home: (): Promise<AppHelp> => unwrap(client.GET('/api/v1/app/help')),
  entry: (entryId: string): Promise<AppHelpEntry> =>
    unwrap(client.GET('/api/v1/app/help/entries/{entryId}', entry(entryId))),
  search: async (q: string): Promise<HelpHit[]> =>
    (await unwrap(client.GET('/api/v1/app/help/search', { params: { query: { q, limit: 8 } } })))
      .hits,
  vote: (entryId: string, helpful: boolean) =>
    unwrap(
      client.PUT('/api/v1/app/help/entries/{entryId}/vote', {
        ...entry(entryId),
        body: { helpful },
      }),
    ),
};
