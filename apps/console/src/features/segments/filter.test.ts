// A new condition starts empty and is not counted until staff choose it; an error on a
// condition is named by its label, never by the API's path.
import { describe, expect, it } from 'vitest';
import {
  conditionLabel,
  emptyRule,
  isComplete,
  type SegmentField,
  type SegmentNode,
} from './filter.ts';

const FIELDS = [
  { name: 'customer.gender', label: '性别' },
  { name: 'spend.total', label: '消费金额（元）' },
] as SegmentField[];

describe('segment filter', () => {
  it('a new condition names no field and is not complete until chosen', () => {
    const rule = emptyRule();
    expect(rule.field).toBe('');
    expect(isComplete({ kind: 'and', children: [rule] })).toBe(false);
    const chosen: SegmentNode = { kind: 'rule', field: 'customer.gender', op: 'eq', value: '' };
    expect(isComplete(chosen)).toBe(false);
    expect(isComplete({ ...chosen, value: 'female' })).toBe(true);
    expect(isComplete({ kind: 'rule', field: 'customer.email', op: 'is_empty' })).toBe(true);
    expect(
      isComplete({ kind: 'rule', field: 'visit.last', op: 'between', value: ['2026-01-01', ''] }),
    ).toBe(false);
  });

  it('maps an error path to the label of its condition', () => {
    const filter: SegmentNode = {
      kind: 'and',
      children: [
        { kind: 'rule', field: 'customer.gender', op: 'eq', value: 'male' },
        { kind: 'not', child: { kind: 'rule', field: 'spend.total', op: 'gte', value: -1 } },
      ],
    };
    expect(conditionLabel(filter, 'filter.children.1.child.value', FIELDS)).toBe('消费金额（元）');
    expect(conditionLabel(filter, 'filter.children.0', FIELDS)).toBe('性别');
    expect(conditionLabel(filter, 'name', FIELDS)).toBeNull();
  });
});
