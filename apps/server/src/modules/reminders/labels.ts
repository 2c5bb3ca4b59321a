// Names of due items for `due.item` (from the due-list's intervals and kinds).
export { BUILT_IN_INTERVALS } from '../automation/index.ts';

export const KIND_LABELS_FOR_REMINDERS: Record<string, { 'zh-CN': string; en: string }> = {
  maintenance: { 'zh-CN': '保养', en: 'Maintenance' },
  insurance: { 'zh-CN': '车险续保', en: 'Insurance renewal' },
  inspection: { 'zh-CN': '年检', en: 'Annual inspection' },
  warranty: { 'zh-CN': '质保到期', en: 'Warranty end' },
  recall: { 'zh-CN': '召回', en: 'Recall' },
  custom: { 'zh-CN': '提醒', en: 'Reminder' },
};
