// The interest calls of the app and their types, taken from the server's OpenAPI document: my
// interests, following tags, the personalisation switch, and reading events (content pages).
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op, S extends number = 200> = Op extends {
  responses: { [C in S]: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type MyInterests = Json<paths['/api/v1/app/interests']['get']>;
export type ReadingEvent =
  paths['/api/v1/app/reading-events']['post']['requestBody']['content']['application/json'];

const tag = (tagSlug: string) => ({ params: { path: { tagSlug } } });

export const interestsApi = {
  mine: (): Promise<MyInterests> => unwrap(client.GET('/api/v1/app/interests')),
  follow: (tagSlug: string): Promise<unknown> =>
    unwrap(client.PUT('/api/v1/app/interests/follows/{tagSlug}', tag(tagSlug))),
  unfollow: (tagSlug: string): Promise<unknown> =>
    unwrap(client.DELETE('/api/v1/app/interests/follows/{tagSlug}', tag(tagSlug))),
  setPersonalised: (personalised: boolean) =>
    unwrap(client.PUT('/api/v1/app/interests/settings', { body: { personalised } })),
  read: (event: ReadingEvent) => unwrap(client.POST('/api/v1/app/reading-events', { body: event })),
};
