// Error codes of digital vehicle inspection. Part of the closed set in error-codes.ts (spread into
// ERROR_CODES there).
import { code } from './error-code-spec.ts';

export const INSPECTION_ERROR_CODES = {
  INSPECTION_ORDER_CLOSED: code(
    409,
    '工单已结算、关闭或取消，不能再检查或确认项目',
    'The order is paid, closed or cancelled: no inspection or approval any more',
  ),
  INSPECTION_MEASUREMENT_OUT_OF_RANGE: code(
    422,
    '测量值超出该检查项的范围',
    'The measurement is outside what this check point can read',
  ),
  INSPECTION_JOB_NEEDS_FINDING: code(
    422,
    '只有黄色或红色的检查项可以附加建议项目',
    'Only an amber or red item can carry a recommended job',
  ),
  INSPECTION_ITEM_DECIDED: code(
    409,
    '车主已对该项目作出决定',
    'The owner has already decided on this job',
  ),
  INSPECTION_NOTHING_TO_SEND: code(
    422,
    '检查尚未完成：请至少检查一个项目',
    'Nothing inspected yet: check at least one item before sending',
  ),
  INSPECTION_TOO_MANY_PHOTOS: code(422, '每个检查项最多 6 张照片', 'At most 6 photos per item'),
  INSPECTION_RANGE_INVALID: code(
    422,
    '测量范围有误：最小值须小于最大值，阈值须在范围之内',
    'The measuring range is wrong: the minimum must be below the maximum, thresholds within it',
  ),
  INSPECTION_THRESHOLDS_INCONSISTENT: code(
    422,
    '红色阈值须比黄色阈值更严重：越低越差时红色更低，越高越差时红色更高',
    'The red threshold must be worse than the amber one: lower when lower is worse, higher when higher is worse',
  ),
  INSPECTION_TEMPLATE_LAST: code(
    409,
    '至少保留一个检查模板',
    'Keep at least one inspection template',
  ),
};
