// The segment filter: a tree of AND / OR / NOT groups whose leaves name a field of a fixed
// catalogue, an operator allowed for the field's type and a value of that type. The zod schema
// checks the shape; `checkFilter` checks the meaning (field known, operator fits, value fits)
// and names the path of the first bad leaf, so the console can point at it.
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { isCalendarDate } from '../../kernel/calendar.ts';
import { MEMBER_ROLES } from '../clubs/index.ts';
import { CUSTOMER_SOURCES, GENDERS } from '../customers/index.ts';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import { FUEL_TYPES } from '../vehicles/index.ts';

export type FieldType =
  | 'enum'
  | 'text'
  | 'store'
  | 'club'
  | 'interest'
  | 'interestTag'
  | 'number'
  | 'money'
  | 'date'
  | 'month'
  | 'tags'
  | 'boolean'
  | 'categories';

export const OPERATORS_BY_TYPE: Record<FieldType, readonly string[]> = {
  enum: ['eq', 'neq', 'in', 'not_in'],
  text: ['eq', 'neq', 'in', 'not_in'],
  store: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  club: ['in', 'not_in'],
  interest: ['gte', 'lt'],
  interestTag: ['in', 'not_in'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  date: [
    'before',
    'after',
    'between',
    'within_last_days',
    'more_than_days_ago',
    'is_empty',
    'is_not_empty',
  ],
  month: ['in', 'not_in'],
  tags: ['has_any', 'has_all', 'has_none'],
  boolean: ['is'],
  categories: ['has_any'],
};

export interface FieldSpec {
  type: FieldType;
  /** Allowed values of an enum (and of categories). */
  options?: readonly string[];
  /** `withinDays`: required (services done), optional (visit count, spend) or not allowed. */
  period?: 'required' | 'optional';
  /** A relation to many rows (cars): the leaf is true when any of them matches. */
  any?: boolean;
  label: { 'zh-CN': string; en: string };
  group:
    | 'customer'
    | 'loyalty'
    | 'vehicle'
    | 'visits'
    | 'rfm'
    | 'services'
    | 'appointments'
    | 'community'
    | 'interests';
}

/**
 * The whitelist. Nothing else reaches SQL: a field name selects a fragment written here, never
 * text from the request.
 */
export const FIELDS = {
  'customer.gender': {
    type: 'enum',
    options: GENDERS,
    group: 'customer',
    label: { 'zh-CN': '性别', en: 'Gender' },
  },
  'customer.birthdayMonth': {
    type: 'month',
    group: 'customer',
    label: { 'zh-CN': '生日月份', en: 'Birthday month' },
  },
  'customer.tags': { type: 'tags', group: 'customer', label: { 'zh-CN': '标签', en: 'Tags' } },
  'customer.source': {
    type: 'enum',
    options: CUSTOMER_SOURCES,
    group: 'customer',
    label: { 'zh-CN': '来源', en: 'Source' },
  },
  'customer.homeStore': {
    type: 'store',
    group: 'customer',
    label: { 'zh-CN': '所属门店', en: 'Home store' },
  },
  'customer.createdAt': {
    type: 'date',
    group: 'customer',
    label: { 'zh-CN': '建档时间', en: 'Created' },
  },
  'loyalty.tier': { type: 'text', group: 'loyalty', label: { 'zh-CN': '会员等级', en: 'Tier' } },
  'loyalty.points': {
    type: 'number',
    group: 'loyalty',
    label: { 'zh-CN': '可用积分', en: 'Points available' },
  },
  'loyalty.storedValue': {
    type: 'money',
    group: 'loyalty',
    label: { 'zh-CN': '储值余额（元）', en: 'Stored value (¥)' },
  },
  'vehicle.make': {
    type: 'text',
    any: true,
    group: 'vehicle',
    label: { 'zh-CN': '车辆品牌', en: 'Car make' },
  },
  'vehicle.age': {
    type: 'number',
    any: true,
    group: 'vehicle',
    label: { 'zh-CN': '车龄（年）', en: 'Car age (years)' },
  },
  'vehicle.fuel': {
    type: 'enum',
    options: FUEL_TYPES,
    any: true,
    group: 'vehicle',
    label: { 'zh-CN': '燃料类型', en: 'Fuel' },
  },
  'visit.last': {
    type: 'date',
    group: 'visits',
    label: { 'zh-CN': '最近到店', en: 'Last visit' },
  },
  'visit.count': {
    type: 'number',
    period: 'optional',
    group: 'visits',
    label: { 'zh-CN': '到店次数', en: 'Visits' },
  },
  'spend.total': {
    type: 'money',
    period: 'optional',
    group: 'visits',
    label: { 'zh-CN': '消费金额（元）', en: 'Spend (¥)' },
  },
  'rfm.recency': {
    type: 'number',
    group: 'rfm',
    label: { 'zh-CN': 'R 近度（1–5）', en: 'R recency (1–5)' },
  },
  'rfm.frequency': {
    type: 'number',
    group: 'rfm',
    label: { 'zh-CN': 'F 频度（1–5）', en: 'F frequency (1–5)' },
  },
  'rfm.monetary': {
    type: 'number',
    group: 'rfm',
    label: { 'zh-CN': 'M 额度（1–5）', en: 'M monetary (1–5)' },
  },
  'rfm.score': {
    type: 'number',
    group: 'rfm',
    label: { 'zh-CN': 'RFM 总分（3–15）', en: 'RFM score (3–15)' },
  },
  'service.done': {
    type: 'categories',
    options: SERVICE_CATEGORIES,
    period: 'required',
    group: 'services',
    label: { 'zh-CN': '做过的项目', en: 'Services done' },
  },
  'service.declined': {
    type: 'categories',
    options: SERVICE_CATEGORIES,
    period: 'required',
    group: 'services',
    label: { 'zh-CN': '未做项目', en: 'Services declined' },
  },
  'appointment.upcoming': {
    type: 'boolean',
    group: 'appointments',
    label: { 'zh-CN': '有待到店预约', en: 'Has an upcoming appointment' },
  },
  'appointment.count': {
    type: 'number',
    period: 'optional',
    group: 'appointments',
    label: { 'zh-CN': '预约次数', en: 'Appointments' },
  },
  'community.club': {
    type: 'club',
    group: 'community',
    label: { 'zh-CN': '车友会（正式成员）', en: 'Club (active member)' },
  },
  'community.clubRole': {
    type: 'enum',
    options: MEMBER_ROLES,
    group: 'community',
    label: { 'zh-CN': '车友会角色', en: 'Club role' },
  },
  'community.events.attended': {
    type: 'number',
    period: 'optional',
    group: 'community',
    label: { 'zh-CN': '活动签到次数', en: 'Events attended (checked in)' },
  },
  'community.events.noShows': {
    type: 'number',
    period: 'optional',
    group: 'community',
    label: {
      'zh-CN': '活动爽约次数（报名未签到）',
      en: 'Event no-shows (signed up, not checked in)',
    },
  },
  'community.deals.joined': {
    type: 'number',
    period: 'optional',
    group: 'community',
    label: {
      'zh-CN': '参加拼团数（含已退出、未成团）',
      en: 'Group deals joined (any outcome, incl. left)',
    },
  },
  'interest.score': {
    type: 'interest',
    group: 'interests',
    label: {
      'zh-CN': '兴趣度（标签，0–1，随时间衰减）',
      en: 'Interest in a tag (0–1, decays over time)',
    },
  },
  'interest.follows': {
    type: 'interestTag',
    group: 'interests',
    label: { 'zh-CN': '关注的标签', en: 'Follows tag' },
  },
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

// ---- the tree ----

export interface SegmentRule {
  kind: 'rule';
  field: string;
  op: string;
  value?: unknown;
  withinDays?: number;
}
export interface SegmentGroup {
  kind: 'and' | 'or';
  children: SegmentNode[];
}
export interface SegmentNot {
  kind: 'not';
  child: SegmentNode;
}
export type SegmentNode = SegmentGroup | SegmentNot | SegmentRule;

export const MAX_DEPTH = 6;
export const MAX_RULES = 50;
export const MAX_LIST = 100;

const Scalar = z.union([z.string().max(100), z.number(), z.boolean()]);

export const SegmentRuleSchema = z
  .object({
    kind: z.literal('rule'),
    field: z.string().min(1).max(64).describe('A field of the catalogue (GET /segments/fields)'),
    op: z.string().min(1).max(32).describe('An operator allowed for the field’s type'),
    value: z
      .union([Scalar, z.array(Scalar).max(MAX_LIST)])
      .optional()
      .describe('A value of the field’s type; a pair for `between`; a list for `in`'),
    withinDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('Period in days for visits, spend, services, appointments, events and deals'),
  })
  .strict()
  .meta({ id: 'SegmentRule' });

export const SegmentNodeSchema: z.ZodType<SegmentNode> = z
  .lazy(() =>
    z.union([
      z
        .object({
          kind: z.enum(['and', 'or']),
          children: z.array(SegmentNodeSchema).min(1).max(20),
        })
        .strict(),
      z.object({ kind: z.literal('not'), child: SegmentNodeSchema }).strict(),
      SegmentRuleSchema,
    ]),
  )
  .meta({ id: 'SegmentNode' });

export const EXAMPLE_FILTER: SegmentNode = {
  kind: 'and',
  children: [
    { kind: 'rule', field: 'visit.last', op: 'more_than_days_ago', value: 180 },
    { kind: 'rule', field: 'vehicle.make', op: 'in', value: ['丰田', '本田'] },
    {
      kind: 'not',
      child: { kind: 'rule', field: 'customer.tags', op: 'has_any', value: ['投诉'] },
    },
  ],
};

// ---- meaning ----

/** A field over many rows (any car) offers no negative operators: use a NOT group. */
export function operatorsFor(spec: FieldSpec): readonly string[] {
  const ops = OPERATORS_BY_TYPE[spec.type];
  return spec.any && (spec.type === 'text' || spec.type === 'enum')
    ? ops.filter((o) => o !== 'neq' && o !== 'not_in')
    : ops;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isDate(v: unknown): v is string {
  return typeof v === 'string' && isCalendarDate(v);
}
const isSlug = (v: unknown): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= 100;
const isInt = (v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function bad(path: string, reason: string, details: Record<string, unknown> = {}): never {
  throw new AppError('SEGMENT_FILTER_INVALID', { field: path, details: { reason, ...details } });
}

function checkList(
  path: string,
  value: unknown,
  one: (v: unknown) => boolean,
  expected: string,
): void {
  if (!Array.isArray(value) || value.length === 0) bad(path, 'list_expected', { expected });
  value.forEach((v, i) => {
    if (!one(v)) bad(`${path}.${i}`, 'value_type', { expected, got: v });
  });
}

function checkRule(rule: SegmentRule, path: string): void {
  const spec = (FIELDS as Record<string, FieldSpec>)[rule.field];
  if (!spec || !Object.hasOwn(FIELDS, rule.field))
    bad(`${path}.field`, 'unknown_field', { fieldName: rule.field });
  const ops = operatorsFor(spec);
  if (!ops.includes(rule.op))
    bad(`${path}.op`, 'operator_not_allowed', { type: spec.type, allowed: ops, op: rule.op });
  if (rule.withinDays !== undefined && !spec.period)
    bad(`${path}.withinDays`, 'period_not_allowed');
  if (spec.period === 'required' && rule.withinDays === undefined)
    bad(`${path}.withinDays`, 'period_required');
  const vp = `${path}.value`;
  const v = rule.value;
  const noValue = ['is_empty', 'is_not_empty'].includes(rule.op);
  if (noValue) {
    if (v !== undefined) bad(vp, 'value_not_allowed');
    return;
  }
  if (v === undefined) bad(vp, 'value_required');
  const list =
    rule.op === 'in' ||
    rule.op === 'not_in' ||
    spec.type === 'tags' ||
    spec.type === 'categories' ||
    spec.type === 'month';
  switch (spec.type) {
    case 'enum': {
      const ok = (x: unknown) => typeof x === 'string' && spec.options!.includes(x);
      const expected = spec.options!.join('|');
      if (list) checkList(vp, v, ok, expected);
      else if (!ok(v)) bad(vp, 'value_type', { expected, got: v });
      return;
    }
    case 'text':
    case 'store':
    case 'club': {
      const ok =
        spec.type === 'text'
          ? (x: unknown) => typeof x === 'string' && x.trim().length > 0 && x.length <= 100
          : (x: unknown) => typeof x === 'string' && UUID_RE.test(x);
      const expected = spec.type === 'text' ? 'text' : `${spec.type} id`;
      if (list) checkList(vp, v, ok, expected);
      else if (!ok(v)) bad(vp, 'value_type', { expected, got: v });
      return;
    }
    case 'interest': {
      // [tag slug, score 0–1]: "interest in 轮胎 ≥ 0.6" is ['tyres', 0.6].
      const pair =
        Array.isArray(v) &&
        v.length === 2 &&
        isSlug(v[0]) &&
        typeof v[1] === 'number' &&
        v[1] >= 0 &&
        v[1] <= 1;
      if (!pair) bad(vp, 'value_type', { expected: '[tag slug, number 0–1]', got: v });
      return;
    }
    case 'interestTag':
      checkList(vp, v, isSlug, 'tag slug');
      return;
    case 'number':
    case 'money': {
      if (rule.op === 'between') {
        if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => isInt(x)))
          bad(vp, 'value_type', { expected: '[integer, integer]', got: v });
        if ((v[0] as number) > (v[1] as number)) bad(vp, 'range_reversed');
      } else if (!isInt(v)) bad(vp, 'value_type', { expected: 'integer ≥ 0', got: v });
      return;
    }
    case 'date': {
      if (rule.op === 'within_last_days' || rule.op === 'more_than_days_ago') {
        if (!isInt(v, 1, 36500))
          bad(vp, 'value_type', { expected: 'days (integer 1–36500)', got: v });
      } else if (rule.op === 'between') {
        if (!Array.isArray(v) || v.length !== 2 || !v.every(isDate))
          bad(vp, 'value_type', { expected: '[YYYY-MM-DD, YYYY-MM-DD]', got: v });
        if ((v[0] as string) > (v[1] as string)) bad(vp, 'range_reversed');
      } else if (!isDate(v)) bad(vp, 'value_type', { expected: 'date YYYY-MM-DD', got: v });
      return;
    }
    case 'month':
      checkList(vp, v, (x) => isInt(x, 1, 12), 'month 1–12');
      return;
    case 'tags':
      checkList(
        vp,
        v,
        (x) => typeof x === 'string' && x.trim().length > 0 && x.length <= 50,
        'tag',
      );
      return;
    case 'categories':
      checkList(
        vp,
        v,
        (x) => typeof x === 'string' && spec.options!.includes(x),
        spec.options!.join('|'),
      );
      return;
    case 'boolean':
      if (typeof v !== 'boolean') bad(vp, 'value_type', { expected: 'true|false', got: v });
      return;
  }
}

/** Throws SEGMENT_FILTER_INVALID naming the path (`filter.children.1.value`) of the first problem. */
export function checkFilter(node: SegmentNode, path = 'filter'): void {
  let rules = 0;
  const walk = (n: SegmentNode, p: string, depth: number) => {
    if (depth > MAX_DEPTH) bad(p, 'too_deep', { maxDepth: MAX_DEPTH });
    if (n.kind === 'rule') {
      rules += 1;
      if (rules > MAX_RULES) bad(p, 'too_many_rules', { maxRules: MAX_RULES });
      checkRule(n, p);
    } else if (n.kind === 'not') walk(n.child, `${p}.child`, depth + 1);
    else n.children.forEach((c, i) => walk(c, `${p}.children.${i}`, depth + 1));
  };
  walk(node, path, 1);
}
