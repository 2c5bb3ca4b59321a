// The built-in reminder rules (seeded per tenant on first use, then the tenant's to edit) and
// what each trigger provides to its template. A rule's template may use only these variables
// (plus `customer.*`, `tenant.*`): checked when the rule is saved.
import type { REMINDER_TRIGGERS, RuleParams, STOP_CONDITIONS } from './reminders.tables.ts';

export type Trigger = (typeof REMINDER_TRIGGERS)[number];
export type StopCondition = (typeof STOP_CONDITIONS)[number];

type Text = { 'zh-CN': string; en: string };

export interface TriggerSpec {
  subject: 'vehicle' | 'customer';
  purpose: 'service' | 'marketing';
  /** Template variables the trigger fills in `data`. */
  variables: string[];
  /** Stop conditions that mean something for this trigger. */
  stops: StopCondition[];
  label: Text;
  /**
   * What the rule's days count from: before a date ahead (due, birthday, coupon expiry) or after
   * something that happened (a visit, a recommendation); the low balance has no date.
   */
  anchor: Anchor;
}

export const ANCHORS = [
  'before_due',
  'before_birthday',
  'before_expiry',
  'on_low_balance',
  'after_recommendation',
  'after_visit',
  'after_last_visit',
] as const;
export type Anchor = (typeof ANCHORS)[number];

export const TRIGGERS: Record<Trigger, TriggerSpec> = {
  maintenance: {
    subject: 'vehicle',
    purpose: 'service',
    variables: [
      'vehicle.plate',
      'vehicle.model',
      'due.item',
      'due.date',
      'due.when',
      'due.mileage',
      'store.name',
    ],
    stops: ['booked', 'serviced', 'opted_out', 'replied'],
    label: { 'zh-CN': '保养到期', en: 'Maintenance due' },
    anchor: 'before_due',
  },
  insurance: {
    subject: 'vehicle',
    purpose: 'service',
    variables: ['vehicle.plate', 'vehicle.model', 'due.item', 'due.date', 'due.when'],
    stops: ['booked', 'serviced', 'opted_out', 'replied'],
    label: { 'zh-CN': '保险续保', en: 'Insurance renewal' },
    anchor: 'before_due',
  },
  inspection: {
    subject: 'vehicle',
    purpose: 'service',
    variables: ['vehicle.plate', 'vehicle.model', 'due.item', 'due.date', 'due.when'],
    stops: ['booked', 'serviced', 'opted_out', 'replied'],
    label: { 'zh-CN': '年检到期', en: 'Annual inspection' },
    anchor: 'before_due',
  },
  birthday: {
    subject: 'customer',
    purpose: 'marketing',
    variables: ['due.date'],
    stops: ['opted_out'],
    label: { 'zh-CN': '生日祝福', en: 'Birthday' },
    anchor: 'before_birthday',
  },
  coupon_expiring: {
    subject: 'customer',
    purpose: 'service',
    variables: ['coupon.code', 'coupon.name', 'coupon.expiresAt'],
    stops: ['booked', 'serviced', 'opted_out', 'replied'],
    label: { 'zh-CN': '优惠券即将过期', en: 'Coupon expiring' },
    anchor: 'before_expiry',
  },
  stored_value_low: {
    subject: 'customer',
    purpose: 'service',
    variables: ['wallet.balance'],
    stops: ['opted_out', 'replied'],
    label: { 'zh-CN': '储值余额不足', en: 'Stored value low' },
    anchor: 'on_low_balance',
  },
  declined_work: {
    subject: 'vehicle',
    purpose: 'service',
    variables: ['vehicle.plate', 'vehicle.model', 'due.item'],
    stops: ['booked', 'serviced', 'opted_out', 'replied'],
    label: { 'zh-CN': '未做项目跟进', en: 'Declined-work follow-up' },
    anchor: 'after_recommendation',
  },
  post_service_thanks: {
    subject: 'vehicle',
    purpose: 'service',
    variables: ['vehicle.plate', 'order.number', 'order.amount'],
    stops: ['opted_out'],
    label: { 'zh-CN': '服务后感谢', en: 'Post-service thank-you' },
    anchor: 'after_visit',
  },
  post_service_survey: {
    subject: 'vehicle',
    purpose: 'service',
    variables: ['vehicle.plate', 'order.number'],
    stops: ['opted_out', 'replied'],
    label: { 'zh-CN': '满意度回访', en: 'Satisfaction survey' },
    anchor: 'after_visit',
  },
  win_back: {
    subject: 'customer',
    purpose: 'marketing',
    variables: ['visit.lastDate'],
    stops: ['booked', 'serviced', 'opted_out', 'replied'],
    label: { 'zh-CN': '流失召回', en: 'Win-back' },
    anchor: 'after_last_visit',
  },
};

export interface BuiltInRule {
  key: string;
  trigger: Trigger;
  name: Text;
  leadDays: number;
  repeatEveryDays: number | null;
  repeatMax: number;
  channels: string[] | null;
  templateKey: string;
  stopConditions: StopCondition[];
  attributionDays: number;
  params: RuleParams;
}

const winBack = (days: number): BuiltInRule => ({
  key: `win_back_${days}`,
  trigger: 'win_back',
  name: { 'zh-CN': `${days} 天未到店召回`, en: `Win-back after ${days} days` },
  leadDays: 0,
  repeatEveryDays: null,
  repeatMax: 0,
  channels: null,
  templateKey: 'reminder.win_back',
  stopConditions: ['booked', 'serviced', 'opted_out'],
  attributionDays: 30,
  params: { days, windowDays: 30 },
});

export const BUILT_IN_RULES: BuiltInRule[] = [
  {
    key: 'maintenance',
    trigger: 'maintenance',
    name: { 'zh-CN': '保养提醒', en: 'Maintenance reminder' },
    leadDays: 14,
    repeatEveryDays: 7,
    repeatMax: 1,
    channels: null,
    templateKey: 'reminder.maintenance',
    stopConditions: ['booked', 'serviced', 'opted_out', 'replied'],
    attributionDays: 14,
    params: { windowDays: 60 },
  },
  {
    key: 'insurance',
    trigger: 'insurance',
    name: { 'zh-CN': '保险续保提醒', en: 'Insurance renewal reminder' },
    leadDays: 30,
    repeatEveryDays: 14,
    repeatMax: 1,
    channels: null,
    templateKey: 'reminder.insurance',
    stopConditions: ['booked', 'opted_out', 'replied'],
    attributionDays: 30,
    params: { windowDays: 7 },
  },
  {
    key: 'inspection',
    trigger: 'inspection',
    name: { 'zh-CN': '年检提醒', en: 'Inspection reminder' },
    leadDays: 30,
    repeatEveryDays: 14,
    repeatMax: 1,
    channels: null,
    templateKey: 'reminder.inspection',
    stopConditions: ['booked', 'opted_out', 'replied'],
    attributionDays: 30,
    params: { windowDays: 7 },
  },
  {
    key: 'birthday',
    trigger: 'birthday',
    name: { 'zh-CN': '生日祝福', en: 'Birthday greeting' },
    leadDays: 0,
    repeatEveryDays: null,
    repeatMax: 0,
    channels: null,
    templateKey: 'reminder.birthday',
    stopConditions: ['opted_out'],
    attributionDays: 14,
    params: {},
  },
  {
    key: 'coupon_expiring',
    trigger: 'coupon_expiring',
    name: { 'zh-CN': '优惠券到期提醒', en: 'Coupon expiry reminder' },
    leadDays: 7,
    repeatEveryDays: null,
    repeatMax: 0,
    channels: null,
    templateKey: 'reminder.coupon_expiring',
    stopConditions: ['opted_out'],
    attributionDays: 7,
    params: {},
  },
  {
    key: 'stored_value_low',
    trigger: 'stored_value_low',
    name: { 'zh-CN': '储值余额不足提醒', en: 'Low stored value reminder' },
    leadDays: 0,
    repeatEveryDays: null,
    repeatMax: 0,
    channels: null,
    templateKey: 'reminder.stored_value_low',
    stopConditions: ['opted_out'],
    attributionDays: 14,
    params: { thresholdFen: 5000 },
  },
  {
    key: 'declined_work',
    trigger: 'declined_work',
    name: { 'zh-CN': '未做项目跟进', en: 'Declined-work follow-up' },
    leadDays: 14,
    repeatEveryDays: null,
    repeatMax: 0,
    channels: null,
    templateKey: 'reminder.declined_work',
    stopConditions: ['booked', 'serviced', 'opted_out', 'replied'],
    attributionDays: 21,
    params: { windowDays: 30 },
  },
  {
    key: 'post_service_thanks',
    trigger: 'post_service_thanks',
    name: { 'zh-CN': '服务后感谢', en: 'Thank you after service' },
    leadDays: 0,
    repeatEveryDays: null,
    repeatMax: 0,
    channels: null,
    templateKey: 'reminder.thank_you',
    stopConditions: ['opted_out'],
    attributionDays: 7,
    params: { windowDays: 3 },
  },
  {
    key: 'post_service_survey',
    trigger: 'post_service_survey',
    name: { 'zh-CN': '服务满意度回访', en: 'Post-service survey' },
    leadDays: 3,
    repeatEveryDays: null,
    repeatMax: 0,
    channels: null,
    templateKey: 'reminder.survey',
    stopConditions: ['opted_out', 'replied'],
    attributionDays: 7,
    params: { windowDays: 3 },
  },
  winBack(90),
  winBack(180),
  winBack(365),
];

export const LEAD_DAYS_MAX = 90;
export const REPEAT_MAX = 5;
