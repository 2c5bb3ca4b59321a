// The segment filter as data: a new (empty) condition, whether a tree is complete enough to
// count, and which condition an API error's field path points at. Pure: unit-tested.
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';

export type SegmentFields = Json<paths['/api/v1/staff/segments/fields']['get']>;
export type SegmentField = SegmentFields['fields'][number];
export type SegmentPreview = Json<paths['/api/v1/staff/segments/preview']['post']>;
export type SegmentDetail = Json<paths['/api/v1/staff/segments/{segmentId}']['get']>;
export type SegmentNode = SegmentDetail['filter'];
export type SegmentRule = Extract<SegmentNode, { kind: 'rule' }>;

export const NO_VALUE = new Set(['is_empty', 'is_not_empty']);

/** A new condition names no field yet: staff choose one (no silent "gender = male"). */
export const emptyRule = (): SegmentRule => ({ kind: 'rule', field: '', op: '' as never });

/** Every condition of the tree has its field and, where the operator needs one, a value. */
export function isComplete(node: SegmentNode): boolean {
  if (node.kind === 'rule')
    return (
      node.field !== '' &&
      (NO_VALUE.has(node.op) ||
        (node.value !== undefined &&
          node.value !== '' &&
          !(
            Array.isArray(node.value) &&
            (node.value.length === 0 || node.value.some((x) => x === ''))
          )))
    );
  if (node.kind === 'not') return isComplete(node.child);
  return node.children.every(isComplete);
}

/**
 * The label of the condition an API error's field points at ("filter.children.1.value" → the
 * field's label), or null when the path names no condition.
 */
export function conditionLabel(
  filter: SegmentNode,
  path: string,
  fields: SegmentField[],
): string | null {
  let node: unknown = { filter };
  for (const part of path.split('.')) {
    if (node && typeof node === 'object' && part in node)
      node = (node as Record<string, unknown>)[part];
    else break;
    if (node && typeof node === 'object' && (node as SegmentNode).kind === 'rule') {
      const name = (node as SegmentRule).field;
      return fields.find((f) => f.name === name)?.label ?? null;
    }
  }
  return null;
}
