// Error codes of the analytics dashboards: the filters of a panel (period, comparison, store)
// and the weekly report's unsubscribe link. Part of the closed set in error-codes.ts.
import { code, type CodeSpec } from './error-code-spec.ts';

export const ANALYTICS_ERROR_CODES = {
  ANALYTICS_PERIOD_INVALID: code(
    422,
    '统计期间的结束日期早于开始日期',
    'The period ends before it starts',
  ),
  ANALYTICS_PERIOD_TOO_LONG: code(422, '统计期间最长 5 年', 'A period is at most 5 years long'),
  ANALYTICS_COMPARE_INVALID: code(
    422,
    '对比期间须与统计期间等长，且同时给出开始和结束日期',
    'The comparison period must be as long as the period, with both its start and its end',
  ),
  ANALYTICS_STORE_UNKNOWN: code(422, '门店不存在', 'There is no such store'),
  ANALYTICS_UNSUBSCRIBE_INVALID: code(
    404,
    '退订链接无效或已过期',
    'This unsubscribe link is not valid',
  ),
} as const satisfies Record<string, CodeSpec>;
