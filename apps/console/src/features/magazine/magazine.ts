// The e-magazine's shapes (from the API contract) and who may edit it.
import type { paths } from '@liuke/api-client';
import type { Json, StaffMe } from '../../types.ts';

export type IssueSummary = Json<paths['/api/v1/staff/magazine/issues']['get']>['items'][number];
export type MagazineIssue = Json<paths['/api/v1/staff/magazine/issues/{issueId}']['get']>;
export type Section = MagazineIssue['sections'][number];
export type MagazinePage = Section['pages'][number];
export type PageLayout = MagazinePage['layout'];
export type Call = Json<paths['/api/v1/staff/magazine/calls']['get']>['items'][number];
export type Contribution = Json<
  paths['/api/v1/staff/magazine/contributions']['get']
>['items'][number];
export type ContributionStatus = Contribution['status'];

export const PAGE_LAYOUTS = [
  'cover',
  'photo_story',
  'text',
  'gallery',
] as const satisfies readonly PageLayout[];

export const ISSUE_COLORS = { draft: 'default', published: 'green', archived: 'gold' } as const;
export const CONTRIBUTION_COLORS = {
  pending: 'orange',
  accepted: 'blue',
  placed: 'purple',
  published: 'green',
  rejected: 'default',
} as const;

/** Owner and manager edit the magazine and review contributions; the team reads. */
export function canEditMagazine(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager';
}

/** The sections and pages in order with one page moved up (-1) or down (+1) within its section. */
export function movedPage(magazine: MagazineIssue, pageId: string, by: -1 | 1) {
  return magazine.sections.map((s) => {
    const ids = s.pages.map((p) => p.id);
    const i = ids.indexOf(pageId);
    const j = i + by;
    if (i >= 0 && j >= 0 && j < ids.length) [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    return { id: s.id, pageIds: ids };
  });
}

/** The sections in order with one moved up or down, each keeping its pages. */
export function movedSection(magazine: MagazineIssue, sectionId: string, by: -1 | 1) {
  const order = magazine.sections.map((s) => ({ id: s.id, pageIds: s.pages.map((p) => p.id) }));
  const i = order.findIndex((s) => s.id === sectionId);
  const j = i + by;
  if (i >= 0 && j >= 0 && j < order.length) [order[i], order[j]] = [order[j]!, order[i]!];
  return order;
}
