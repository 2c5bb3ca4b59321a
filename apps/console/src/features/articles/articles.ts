// The articles' shapes (from the API contract) and who may publish them.
import type { paths } from '@liuke/api-client';
import type { Json, StaffMe } from '../../types.ts';

export type ArticleRow = Json<paths['/api/v1/staff/articles']['get']>['items'][number];
export type Article = Json<paths['/api/v1/staff/articles/{articleId}']['get']>;
export type ArticleStatus = ArticleRow['status'];
export type Author = Json<paths['/api/v1/staff/article-authors']['get']>['items'][number];
export type Tag = Json<paths['/api/v1/staff/article-tags']['get']>['items'][number];
export type Revision = Json<
  paths['/api/v1/staff/articles/{articleId}/revisions']['get']
>['items'][number];
export type KolCandidate = Json<
  paths['/api/v1/staff/article-authors/kol-candidates']['get']
>['items'][number];

export const ARTICLE_STATUSES = [
  'draft',
  'in_review',
  'scheduled',
  'published',
  'archived',
] as const satisfies readonly ArticleStatus[];

export const STATUS_COLORS = {
  draft: 'default',
  in_review: 'gold',
  scheduled: 'blue',
  published: 'green',
  archived: 'default',
} as const;

/** Owner and managers publish, schedule, review and keep authors and tags. */
export function canPublish(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager';
}

/** The team writes (advisors and technicians once they are staff authors). */
export function canWrite(staff: StaffMe): boolean {
  return staff.role !== 'partner';
}
