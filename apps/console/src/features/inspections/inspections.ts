// Types and helpers of the inspection pages, from the API's own types.
import type { paths } from '@liuke/api-client';

export type Inspection =
  paths['/api/v1/staff/inspections/{inspectionId}']['get']['responses'][200]['content']['application/json'];
export type InspectionItem = Inspection['items'][number];
export type InspectionSummary =
  paths['/api/v1/staff/service-orders/{orderId}/inspections']['get']['responses'][200]['content']['application/json']['items'][number];
export type Metrics =
  paths['/api/v1/staff/inspections/metrics']['get']['responses'][200]['content']['application/json'];
export type MetricsRow = Metrics['byTechnician'][number];

export const CHECK_STATUSES = ['green', 'amber', 'red'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const STATUS_COLORS: Record<CheckStatus, string> = {
  green: '#52c41a',
  amber: '#faad14',
  red: '#ff4d4f',
};

export const UNITS: Record<InspectionItem['measurement'], string> = {
  none: '',
  mm: 'mm',
  percent: '%',
  volts: 'V',
};

/** Items grouped by their section, in template order. */
export function bySection(items: readonly InspectionItem[]): [string, InspectionItem[]][] {
  const out = new Map<string, InspectionItem[]>();
  for (const i of items) out.set(i.section, [...(out.get(i.section) ?? []), i]);
  return [...out];
}

export const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`;
