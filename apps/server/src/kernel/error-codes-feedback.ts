// Error codes of feedback: complaint tickets and their SLA, after-service surveys. Part of the
// closed set in error-codes.ts (spread into ERROR_CODES there).
import { code, type CodeSpec } from './error-code-spec.ts';

export const FEEDBACK_ERROR_CODES = {
  COMPLAINT_STATUS_INVALID: code(
    409,
    '工单当前状态不允许此操作',
    'This cannot be done in the ticket’s current status',
  ),
  COMPLAINT_REOPEN_EXPIRED: code(
    409,
    '已超过可重新打开的期限',
    'The time to reopen this ticket has passed',
  ),
  COMPLAINT_CLOSED: code(409, '工单已关闭，不能再回复', 'The ticket is closed and takes no reply'),
  COMPLAINT_CATEGORY_UNKNOWN: code(422, '没有这个投诉类别', 'There is no such complaint category'),
  COMPLAINT_ASSIGNEE_INVALID: code(
    422,
    '处理人不存在或已停用',
    'No such active staff member to assign',
  ),
  COMPLAINT_REFERENCE_INVALID: code(
    422,
    '关联的车辆或工单不属于该客户',
    'The car or service order named is not the customer’s',
  ),
  SURVEY_ALREADY_ANSWERED: code(409, '此问卷已经回答过了', 'This survey was already answered'),
  SURVEY_EXPIRED: code(410, '此问卷已过期', 'This survey has expired'),
  SURVEY_NOT_ANSWERED: code(409, '请先选择评分', 'Give a score first'),
  SURVEY_LINK_INVALID: code(404, '问卷链接无效', 'The survey link is not valid'),
  HOLIDAY_EXISTS: code(409, '该日期已在节假日列表中', 'This date is already a holiday'),
} satisfies Record<string, CodeSpec>;
