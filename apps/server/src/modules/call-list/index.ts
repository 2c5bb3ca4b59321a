// Call list (电话清单): one row per car with something due, and what staff did about it — calls
// logged, snoozes and "not interested" holds (which also stop the automatic reminder rules).
export { callListSummary, listCallList } from './call-list.service.ts';
export {
  logCall,
  markNotInterested,
  moveCallListOnMerge,
  remindNow,
  restoreCar,
  setRemindNow,
  snoozeCar,
} from './call-actions.ts';
export {
  callListHoldSql,
  NOT_INTERESTED_MAX_DAYS,
  SNOOZE_MAX_DAYS,
  WILL_BOOK_PAUSE_DAYS,
  type HoldRefs,
} from './holds.ts';
export { CALL_OUTCOMES, callListEntries, callLogs, type CallOutcome } from './call-list.tables.ts';
export type { CallListRowDto, CallListStatus } from './call-list.schemas.ts';
export { anonymiseCallLogs, callLogsOf } from './privacy.ts';
export { seedDemoCallList } from './demo.ts';
