// The price list's shapes (from the API contract) and who may change it.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type CatalogItem = Json<paths['/api/v1/staff/catalog/items']['get']>['items'][number];
export type CatalogKind = CatalogItem['kind'];
export type CatalogInput = Body<paths['/api/v1/staff/catalog/items']['post']>;
export const CATALOG_KINDS = [
  'labour',
  'part',
  'package',
] as const satisfies readonly CatalogKind[];

/** Owner and manager keep the price list; everyone else reads it. */
export function canEditCatalog(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager';
}

/** Minutes as hours for the eye: 30 → "0.5". */
export const minutesToHours = (m: number | null): number | null =>
  m === null ? null : Math.round((m / 60) * 100) / 100;
export const hoursToMinutes = (h: number | null | undefined): number | null =>
  h === null || h === undefined || !Number.isFinite(h) ? null : Math.round(h * 60);
