// The 资讯 calls of the app and their types, taken from the server's OpenAPI document (reading
// events and follows are interests' calls, the latest magazine issue the magazine's).
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

export type NewsItem = Json<paths['/api/v1/app/news']['get']>['items'][number];
export type NewsArticle = Json<paths['/api/v1/app/news/articles/{articleSlug}']['get']>;
export type NewsTag = Json<paths['/api/v1/app/news/tags']['get']>['items'][number];
export type KolDraft = Json<paths['/api/v1/app/news/drafts/{draftId}']['get']>;
export interface DraftInput {
  title: string;
  text: string;
  imageIds: string[];
  tagSlugs: string[];
}

export const newsApi = {
  list: (tag?: string) =>
    unwrap(client.GET('/api/v1/app/news', { params: { query: tag ? { tag } : {} } })),
  tags: () => unwrap(client.GET('/api/v1/app/news/tags')),
  me: () => unwrap(client.GET('/api/v1/app/news/me')),
  article: (slug: string) =>
    unwrap(
      client.GET('/api/v1/app/news/articles/{articleSlug}', {
        params: { path: { articleSlug: slug } },
      }),
    ),
  drafts: () => unwrap(client.GET('/api/v1/app/news/drafts')),
  draft: (id: string) =>
    unwrap(client.GET('/api/v1/app/news/drafts/{draftId}', { params: { path: { draftId: id } } })),
  create: (body: DraftInput) => unwrap(client.POST('/api/v1/app/news/drafts', { body })),
  save: (id: string, body: DraftInput & { version: number }) =>
    unwrap(
      client.PUT('/api/v1/app/news/drafts/{draftId}', { params: { path: { draftId: id } }, body }),
    ),
  submit: (id: string) =>
    unwrap(
      client.POST('/api/v1/app/news/drafts/{draftId}/submit', {
        params: { path: { draftId: id } },
      }),
    ),
};

/** The byline's label: 店家 / 技师 · 一号店 / KOL. */
export function bylineLabel(b: NewsItem['byline'], t: (key: string) => string): string {
  if (b.kind === 'business') return t('news.byline.business');
  if (b.kind === 'kol') return t('news.byline.kol');
  return [b.staffRole ? t(`news.role.${b.staffRole}`) : t('news.byline.staff'), b.storeName]
    .filter(Boolean)
    .join(' · ');
}
