// The pure rules of an inspection: what a measurement suggests (green / amber / red), what a
// reading may be, which items may carry a recommended job, whether the owner may still decide,
// and when declined wear work reaches its limit.
import { AppError } from '../../kernel/errors.ts';
import type { TemplatePoint } from './inspections.tables.ts';

export type CheckStatus = 'green' | 'amber' | 'red';

/** The status a reading suggests by the point's thresholds; null when the point has none. */
export function suggestStatus(point: TemplatePoint, value: number | null): CheckStatus | null {
  if (value === null || point.measurement === 'none') return null;
  const { amberAt, redAt } = point;
  if (amberAt == null && redAt == null) return null;
  const worse = (limit: number) => (point.higherIsWorse ? value >= limit : value <= limit);
  if (redAt != null && worse(redAt)) return 'red';
  if (amberAt != null && worse(amberAt)) return 'amber';
  return 'green';
}

/** A reading fits the point: a measured point takes a number within its range, others none. */
export function assertMeasurement(point: TemplatePoint, value: number | null, field: string) {
  if (value === null) return;
  if (point.measurement === 'none')
    throw new AppError('INSPECTION_MEASUREMENT_OUT_OF_RANGE', {
      field,
      details: { min: null, max: null },
    });
  const below = point.min != null && value < point.min;
  const above = point.max != null && value > point.max;
  if (below || above || !Number.isFinite(value))
    throw new AppError('INSPECTION_MEASUREMENT_OUT_OF_RANGE', {
      field,
      details: { min: point.min ?? null, max: point.max ?? null },
    });
}

/** Only an amber or red item carries a recommended job. */
export function assertCanCarryJob(status: CheckStatus | null) {
  if (status !== 'amber' && status !== 'red')
    throw new AppError('INSPECTION_JOB_NEEDS_FINDING', { field: 'status', details: { status } });
}

export interface JobState {
  sent: boolean;
  hasJob: boolean;
  decision: 'approved' | 'declined' | null;
  orderStatus: string;
}

/** The owner decides once, on a sent report, on a job that exists, while the order is open. */
export function assertCanDecide(s: JobState) {
  if (!s.sent || !s.hasJob) throw new AppError('NOT_FOUND', { field: 'itemId' });
  if (s.decision)
    throw new AppError('INSPECTION_ITEM_DECIDED', { details: { decision: s.decision } });
  if (s.orderStatus !== 'open')
    throw new AppError('INSPECTION_ORDER_CLOSED', { details: { status: s.orderStatus } });
}

/** Staff change a job only until the owner decided it. */
export function assertJobEditable(decision: 'approved' | 'declined' | null) {
  if (decision) throw new AppError('INSPECTION_ITEM_DECIDED', { details: { decision } });
}

/** An inspection is opened on an order that is not cancelled, refunded or closed. */
export function assertCanInspect(orderStatus: string) {
  if (orderStatus !== 'open' && orderStatus !== 'completed')
    throw new AppError('INSPECTION_ORDER_CLOSED', {
      field: 'orderId',
      details: { status: orderStatus },
    });
}

/**
 * The mileage at which worn work reaches its red limit: the remaining measure over the wear rate.
 * Null without a rate, a reading or a mileage — the due date then comes from time alone.
 */
export function limitMileage(
  point: TemplatePoint,
  value: number | null,
  mileageKm: number | null,
): number | null {
  const rate = point.wearPerThousandKm;
  if (value === null || mileageKm === null || !rate || rate <= 0 || point.redAt == null)
    return null;
  const left = point.higherIsWorse ? point.redAt - value : value - point.redAt;
  return mileageKm + Math.max(0, Math.round((left / rate) * 1000));
}

const UNITS: Record<TemplatePoint['measurement'], string> = {
  none: '',
  mm: ' mm',
  percent: '%',
  volts: ' V',
};

/** "前刹车片 3 mm（45,200 km）": what a declined item says on the due-list. */
export function declinedTitle(
  point: TemplatePoint,
  value: number | null,
  mileageKm: number | null,
) {
  const reading = value === null ? '' : ` ${value}${UNITS[point.measurement]}`;
  const at = mileageKm === null ? '' : `（${mileageKm.toLocaleString('en-US')} km）`;
  return `${point.label}${reading}${at}`;
}

/** Total of a job in fen. */
export const jobTotal = (j: { labourFen: number | null; partsFen: number | null }) =>
  (j.labourFen ?? 0) + (j.partsFen ?? 0);

/**
 * A point as stored: a point without a measurement keeps no range, thresholds or wear rate (a
 * form switched to pass / fail may still carry them).
 */
export function normalisePoint(point: TemplatePoint): TemplatePoint {
  if (point.measurement !== 'none') return point;
  const { key, section, label, measurement, category, why } = point;
  return { key, section, label, measurement, category, why };
}

/**
 * A template's points make sense: the minimum below the maximum, thresholds within the range,
 * and red worse than amber in the point's direction (below it, or above it when higher is
 * worse) — else amber would never be suggested. The error names the point's field.
 */
export function assertTemplatePoints(points: readonly TemplatePoint[]) {
  points.forEach((p, i) => {
    if (p.measurement === 'none') return;
    const field = (name: string) => `points.${i}.${name}`;
    const { min, max, amberAt, redAt } = p;
    if (min != null && max != null && min >= max)
      throw new AppError('INSPECTION_RANGE_INVALID', {
        field: field('max'),
        details: { min, max },
      });
    for (const [name, at] of [
      ['amberAt', amberAt],
      ['redAt', redAt],
    ] as const) {
      if (at != null && ((min != null && at < min) || (max != null && at > max)))
        throw new AppError('INSPECTION_RANGE_INVALID', {
          field: field(name),
          details: { min: min ?? null, max: max ?? null, [name]: at },
        });
    }
    if (amberAt != null && redAt != null && (p.higherIsWorse ? redAt <= amberAt : redAt >= amberAt))
      throw new AppError('INSPECTION_THRESHOLDS_INCONSISTENT', {
        field: field('redAt'),
        details: { amberAt, redAt, higherIsWorse: !!p.higherIsWorse },
      });
  });
}
