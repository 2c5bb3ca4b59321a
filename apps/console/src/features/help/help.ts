// The help center's shapes (from the API contract) and who may edit it.
import type { paths } from '@liuke/api-client';
import type { Body, Json, StaffMe } from '../../types.ts';

export type HelpCategory = Json<paths['/api/v1/staff/help/categories']['get']>['items'][number];
export type HelpEntry = Json<paths['/api/v1/staff/help/entries']['get']>['items'][number];
export type HelpEntryBody = Body<paths['/api/v1/staff/help/entries']['post']>;
export type HelpSynonymGroup = Json<paths['/api/v1/staff/help/synonyms']['get']>['items'][number];
export type HelpHit = Json<paths['/api/v1/staff/help/search']['get']>['hits'][number];

/** The owner and managers write the FAQ; the rest of the team reads it. */
export const canEditHelp = (staff: StaffMe) => staff.role === 'owner' || staff.role === 'manager';
