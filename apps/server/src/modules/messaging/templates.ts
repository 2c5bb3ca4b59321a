// Templates: built-in wording declared in code by the module that sends it, tenant overrides in
// `message_templates`. Variables come from one typed catalogue; a template may use only the
// variables its key provides, checked when the template is saved, not when a message goes out.
import type { ChannelName } from '../../channels/port.ts';
import { AppError } from '../../kernel/errors.ts';
import { maskSecrets } from '../../kernel/secret-text.ts';
import { PLATFORM_TEMPLATES } from './builtins.ts';

export type VariableType = 'string' | 'date' | 'datetime' | 'money' | 'number' | 'url';

export interface VariableSpec {
  type: VariableType;
  /** Shown in the editor and used for previews without a customer. */
  sample: string;
  description: { 'zh-CN': string; en: string };
}

/** Every variable a template can name. `customer.*`, `tenant.*` and `unsubscribe.url` are always there. */
export const VARIABLES: Record<string, VariableSpec> = {
  'customer.name': {
    type: 'string',
    sample: '张先生',
    description: { 'zh-CN': '客户姓名', en: 'Customer name' },
  },
  'tenant.name': {
    type: 'string',
    sample: '留客汽修',
    description: { 'zh-CN': '商户名称', en: 'Business name' },
  },
  'store.name': {
    type: 'string',
    sample: '朝阳店',
    description: { 'zh-CN': '门店名称', en: 'Store name' },
  },
  'vehicle.plate': {
    type: 'string',
    sample: '京A12345',
    description: { 'zh-CN': '车牌号', en: 'Plate number' },
  },
  'vehicle.model': {
    type: 'string',
    sample: '卡罗拉',
    description: { 'zh-CN': '车型', en: 'Car model' },
  },
  'due.item': {
    type: 'string',
    sample: '常规保养',
    description: { 'zh-CN': '到期项目', en: 'Due service' },
  },
  'due.date': {
    type: 'date',
    sample: '2026-12-01',
    description: { 'zh-CN': '到期日期', en: 'Due date' },
  },
  'due.mileage': {
    type: 'number',
    sample: '50000',
    description: { 'zh-CN': '到期里程', en: 'Due mileage' },
  },
  'coupon.code': {
    type: 'string',
    sample: 'LK8H2K',
    description: { 'zh-CN': '优惠券码', en: 'Coupon code' },
  },
  'coupon.name': {
    type: 'string',
    sample: '保养立减 50 元',
    description: { 'zh-CN': '优惠券名称', en: 'Coupon name' },
  },
  'coupon.expiresAt': {
    type: 'date',
    sample: '2026-12-31',
    description: { 'zh-CN': '优惠券有效期', en: 'Coupon valid until' },
  },
  'appointment.time': {
    type: 'datetime',
    sample: '2026-12-01 09:30',
    description: { 'zh-CN': '预约时间', en: 'Appointment time' },
  },
  'order.number': {
    type: 'string',
    sample: 'CY-20261201-0001',
    description: { 'zh-CN': '工单号', en: 'Order number' },
  },
  'order.amount': {
    type: 'money',
    sample: '¥380.00',
    description: { 'zh-CN': '金额', en: 'Amount' },
  },
  'campaign.text': {
    type: 'string',
    sample: '冬季检测免费',
    description: { 'zh-CN': '活动内容', en: 'Campaign text' },
  },
  'auth.code': {
    type: 'string',
    sample: '123456',
    description: { 'zh-CN': '验证码', en: 'Sign-in code' },
  },
  'message.text': {
    type: 'string',
    sample: '您好，您的车已洗好，可以来取了。',
    description: { 'zh-CN': '消息内容', en: 'Message text' },
  },
  'message.subject': {
    type: 'string',
    sample: '通知',
    description: { 'zh-CN': '消息标题', en: 'Message subject' },
  },
  'partner.name': {
    type: 'string',
    sample: '洁途洗车',
    description: { 'zh-CN': '合作商家', en: 'Partner merchant' },
  },
  'redemption.time': {
    type: 'datetime',
    sample: '2026-12-01 14:20',
    description: { 'zh-CN': '核销时间', en: 'Redeemed at' },
  },
  'redemption.customer': {
    type: 'string',
    sample: '王**',
    description: { 'zh-CN': '核销客户（已脱敏）', en: 'Customer (masked)' },
  },
  'redemption.settlement': {
    type: 'money',
    sample: '¥15.00',
    description: { 'zh-CN': '结算金额', en: 'Settlement amount' },
  },
  'unsubscribe.url': {
    type: 'url',
    sample: 'https://liuke.example/u/abc',
    description: { 'zh-CN': '退订链接', en: 'Unsubscribe link' },
  },
};

const ALWAYS = ['customer.name', 'tenant.name', 'unsubscribe.url'];

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];

export interface ChannelText {
  subject?: string;
  body: string;
}

export interface BuiltInTemplate {
  key: string;
  /** What staff see instead of the key (message history, templates, rules, conversations). */
  name: Record<Language, string>;
  purpose: 'auth' | 'transactional' | 'service' | 'marketing';
  /** Variables (catalogue names) the sender provides in `data`, besides the ones always there. */
  variables: string[];
  /** Where a tap leads (push, in-app), may use variables. */
  url?: string;
  channels: Partial<Record<ChannelName, Record<Language, ChannelText>>>;
}

/** Adds a module's variables to the catalogue (checked: a sample is text, as it is shown). */
export function defineVariables(vars: Record<string, VariableSpec>): void {
  Object.assign(VARIABLES, vars);
}

const builtIns = new Map<string, BuiltInTemplate>();

/** Declares a template in code (zh-CN and en per channel). Called at module load. */
export function defineBuiltInTemplate(template: BuiltInTemplate): BuiltInTemplate {
  for (const v of template.variables)
    if (!VARIABLES[v]) throw new Error(`template ${template.key}: unknown variable ${v}`);
  for (const [channel, langs] of Object.entries(template.channels))
    for (const [lang, text] of Object.entries(langs ?? {})) {
      const problem = checkTemplateText(template, channel as ChannelName, text as ChannelText);
      if (problem)
        throw new Error(`template ${template.key} ${channel}/${lang}: ${JSON.stringify(problem)}`);
    }
  builtIns.set(template.key, template);
  return template;
}

export function builtInTemplate(key: string): BuiltInTemplate | undefined {
  return builtIns.get(key);
}

/** A template's display name in a language; an unknown key (a removed template) as it is. */
export function templateName(key: string, language: Language): string {
  return builtIns.get(key)?.name[language] ?? key;
}

export function listBuiltInTemplates(): BuiltInTemplate[] {
  return [...builtIns.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function availableVariables(template: BuiltInTemplate): string[] {
  return [...new Set([...ALWAYS, ...template.variables])];
}

// ---- SMS length ----

const GSM7 =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXT = '^{}\\[~]|€';

/** Segments an SMS needs: GSM-7 160 (153 per part), otherwise UCS-2 70 (67 per part). */
export function smsSegments(text: string): {
  encoding: 'gsm7' | 'ucs2';
  units: number;
  segments: number;
} {
  let gsm = true;
  let units = 0;
  for (const ch of text) {
    if (GSM7.includes(ch)) units += 1;
    else if (GSM7_EXT.includes(ch)) units += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (!gsm) {
    // UCS-2 counts UTF-16 code units (an emoji takes two).
    units = text.length;
    return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
  }
  return { encoding: 'gsm7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
}

export const SMS_MAX_SEGMENTS = 4;

// ---- rendering ----
// (a sealed secret in the text counts as the masked length: six characters, a sign-in code's)

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Replaces placeholders; a name without a value is returned in `missing`. */
export function fill(
  text: string,
  values: Record<string, string>,
  escape?: (s: string) => string,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === null) {
      missing.push(name);
      return '';
    }
    return escape ? escape(v) : v;
  });
  return { text: out, missing };
}

/** Flattens `{ vehicle: { plate: 'x' } }` into `{ 'vehicle.plate': 'x' }`. */
export function flatten(data: unknown, prefix = '', out: Record<string, string> = {}) {
  if (data === null || data === undefined) return out;
  if (typeof data === 'object' && !Array.isArray(data) && !(data instanceof Date)) {
    for (const [k, v] of Object.entries(data as Record<string, unknown>))
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = data instanceof Date ? data.toISOString() : String(data);
  return out;
}

export interface TextProblem {
  code:
    | 'MESSAGE_TEMPLATE_UNKNOWN_VARIABLE'
    | 'MESSAGE_TEMPLATE_VARIABLE_UNAVAILABLE'
    | 'MESSAGE_TEMPLATE_SMS_TOO_LONG'
    | 'MESSAGE_TEMPLATE_SUBJECT_REQUIRED';
  variable?: string;
  field: 'body' | 'subject';
  segments?: number;
}

/** What is wrong with a template text (null: fine). SMS length is counted with sample values. */
export function checkTemplateText(
  template: BuiltInTemplate,
  channel: ChannelName,
  text: ChannelText,
): TextProblem | null {
  const allowed = new Set(availableVariables(template));
  for (const [field, value] of [
    ['subject', text.subject ?? ''],
    ['body', text.body],
  ] as const) {
    for (const name of placeholders(value)) {
      if (!VARIABLES[name])
        return { code: 'MESSAGE_TEMPLATE_UNKNOWN_VARIABLE', variable: name, field };
      if (!allowed.has(name))
        return { code: 'MESSAGE_TEMPLATE_VARIABLE_UNAVAILABLE', variable: name, field };
    }
  }
  if (channel === 'email' && !text.subject?.trim())
    return { code: 'MESSAGE_TEMPLATE_SUBJECT_REQUIRED', field: 'subject' };
  if (channel === 'sms') {
    const samples = Object.fromEntries(Object.entries(VARIABLES).map(([k, v]) => [k, v.sample]));
    const body = withUnsubscribe(template.purpose, channel, text.body);
    const { segments } = smsSegments(fill(body, samples).text);
    if (segments > SMS_MAX_SEGMENTS)
      return { code: 'MESSAGE_TEMPLATE_SMS_TOO_LONG', field: 'body', segments };
  }
  return null;
}

/** Throws the problem as a 400 naming the variable. */
export function assertTemplateText(
  template: BuiltInTemplate,
  channel: ChannelName,
  text: ChannelText,
): void {
  const p = checkTemplateText(template, channel, text);
  if (p)
    throw new AppError(p.code, {
      field: p.field,
      details: { variable: p.variable, segments: p.segments, maxSegments: SMS_MAX_SEGMENTS },
    });
}

/** Marketing texts carry the unsubscribe link even when the wording forgot it. */
export function withUnsubscribe(purpose: string, channel: ChannelName, body: string): string {
  if (purpose !== 'marketing' || body.includes('unsubscribe.url')) return body;
  if (channel === 'sms') return `${body} 退订 {{unsubscribe.url}}`;
  if (channel === 'email') return `${body}\n\n退订 / Unsubscribe: {{unsubscribe.url}}`;
  return body;
}

export interface Rendered {
  subject?: string;
  text: string;
  html?: string;
  url?: string;
}

/** Renders one channel's text; throws a message for the timeline when it cannot be sent. */
export function renderText(
  template: BuiltInTemplate,
  channel: ChannelName,
  text: ChannelText,
  values: Record<string, string>,
):
  | { ok: true; rendered: Rendered }
  | { ok: false; reason: 'missing_variable' | 'sms_too_long'; error: string } {
  const body = withUnsubscribe(template.purpose, channel, text.body);
  const b = fill(body, values);
  const s = text.subject ? fill(text.subject, values) : null;
  const missing = [...b.missing, ...(s?.missing ?? [])];
  if (missing.length)
    return { ok: false, reason: 'missing_variable', error: `missing: ${missing.join(', ')}` };
  const rendered: Rendered = { text: b.text };
  if (s) rendered.subject = s.text;
  if (channel === 'sms') {
    const seg = smsSegments(maskSecrets(b.text));
    if (seg.segments > SMS_MAX_SEGMENTS)
      return {
        ok: false,
        reason: 'sms_too_long',
        error: `${seg.segments} segments (${seg.encoding}, ${seg.units} units) > ${SMS_MAX_SEGMENTS}`,
      };
  }
  if (channel === 'email') {
    const h = fill(body, values, escapeHtml).text.replace(/\n/g, '<br>\n');
    rendered.html = `<!doctype html><html><body style="font-family:sans-serif">${h}</body></html>`;
  }
  if (template.url) rendered.url = fill(template.url, values).text;
  return { ok: true, rendered };
}

// The platform's own templates, defined once everything above exists.
for (const t of PLATFORM_TEMPLATES) defineBuiltInTemplate(t);
