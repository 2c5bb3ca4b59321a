// The vehicle-inspection (车辆检查) calls of the app and their types, from the server's OpenAPI
// document: my cars' reports, one report, a decision on a job, and the viewing-time ping.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : never;

export type InspectionReport = Json<paths['/api/v1/app/me/inspections/{inspectionId}']['get']>;
export type ReportItem = InspectionReport['items'][number];
export type ReportSummary = Json<paths['/api/v1/app/me/inspections']['get']>['items'][number];

const path = (inspectionId: string) => ({ params: { path: { inspectionId } } });

export const inspectionsApi = {
  list: (vehicleId?: string) =>
    unwrap(client.GET('/api/v1/app/me/inspections', { params: { query: { vehicleId } } })),
  get: (inspectionId: string) =>
    unwrap(client.GET('/api/v1/app/me/inspections/{inspectionId}', path(inspectionId))),
  decide: (inspectionId: string, itemId: string, decision: 'approved' | 'declined') =>
    unwrap(
      client.POST('/api/v1/app/me/inspections/{inspectionId}/items/{itemId}/decision', {
        params: { path: { inspectionId, itemId } },
        body: { decision },
      }),
    ),
  viewed: (inspectionId: string, seconds: number) =>
    unwrap(
      client.POST('/api/v1/app/me/inspections/{inspectionId}/view', {
        ...path(inspectionId),
        body: { seconds },
      }),
    ),
};

export const UNIT: Record<ReportItem['measurement'], string> = {
  none: '',
  mm: ' mm',
  percent: '%',
  volts: ' V',
};

/** Findings first (red, then amber), the rest after, in template order within each. */
export function findingsFirst(items: readonly ReportItem[]) {
  const rank = (i: ReportItem) => (i.status === 'red' ? 0 : i.status === 'amber' ? 1 : 2);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}
