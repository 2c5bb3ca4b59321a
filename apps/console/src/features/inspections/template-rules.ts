// The inspection template editor's types and checks, from the API's own types. The checks are the
// server's (inspection-rules.ts `assertTemplatePoints`), so the form says what is wrong before
// saving: the minimum below the maximum, thresholds within the range, and red worse than amber in
// the point's direction.
import type { paths } from '@liuke/api-client';

export type InspectionTemplate =
  paths['/api/v1/staff/inspection-templates']['get']['responses'][200]['content']['application/json']['items'][number];
export type TemplatePoint = InspectionTemplate['points'][number];
export type Measurement = TemplatePoint['measurement'];

export const MEASUREMENTS: readonly Measurement[] = ['none', 'mm', 'percent', 'volts'];

/** Who edits templates (the API's roles); everyone else on the team reads them. */
export const canEditTemplates = (role: string) => role === 'owner' || role === 'manager';

/** A new point's key: stable, unique within the template, as the API takes it. */
export function newPointKey(taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) {
    const key = `point_${n}`;
    if (!taken.includes(key)) return key;
  }
}

export const newPoint = (taken: readonly string[]): TemplatePoint => ({
  key: newPointKey(taken),
  section: '',
  label: '',
  measurement: 'none',
  category: 'other',
  why: '',
});

/** The fields of a point that make it wrong, each with its problem (none: an empty object). */
export type PointField = 'max' | 'amberAt' | 'redAt';
export type PointProblem = 'range' | 'outside' | 'order';

const num = (v: number | null | undefined): v is number => typeof v === 'number';

export function pointProblems(
  p: Partial<TemplatePoint>,
): Partial<Record<PointField, PointProblem>> {
  if (!p.measurement || p.measurement === 'none') return {};
  const out: Partial<Record<PointField, PointProblem>> = {};
  const { min, max, amberAt, redAt } = p;
  if (num(min) && num(max) && min >= max) out.max = 'range';
  for (const name of ['amberAt', 'redAt'] as const) {
    const at = p[name];
    if (num(at) && ((num(min) && at < min) || (num(max) && at > max))) out[name] = 'outside';
  }
  if (
    !out.redAt &&
    num(amberAt) &&
    num(redAt) &&
    (p.higherIsWorse ? redAt <= amberAt : redAt >= amberAt)
  )
    out.redAt = 'order';
  return out;
}

/** The point as the API takes it: a pass / fail point sends no range or thresholds. */
export function pointBody(p: TemplatePoint): TemplatePoint {
  const base = {
    key: p.key,
    section: p.section.trim(),
    label: p.label.trim(),
    measurement: p.measurement,
    category: p.category,
    why: (p.why ?? '').trim(),
  };
  if (p.measurement === 'none') return base;
  return {
    ...base,
    min: p.min ?? null,
    max: p.max ?? null,
    amberAt: p.amberAt ?? null,
    redAt: p.redAt ?? null,
    higherIsWorse: !!p.higherIsWorse,
    wearPerThousandKm: p.wearPerThousandKm || null,
  };
}
