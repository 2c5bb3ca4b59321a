// The reminder rules' built-in wording (zh-CN and en). Two variables the messaging catalogue
// lacks are added to it here (stored-value balance, last visit), before the templates use them.
import { VARIABLES, defineBuiltInTemplate } from '../messaging/index.ts';

// -- reminders: variables of the stored-value and win-back rules (added to the messaging catalogue) --
VARIABLES['wallet.balance'] ??= {
  type: 'money',
  sample: '¥32.00',
  description: { 'zh-CN': '储值余额', en: 'Stored-value balance' },
};
VARIABLES['visit.lastDate'] ??= {
  type: 'date',
  sample: '2026-03-01',
  description: { 'zh-CN': '上次到店日期', en: 'Last visit' },
};

VARIABLES['due.when'] ??= {
  type: 'string',
  sample: '将于2026-06-15到期',
  description: {
    'zh-CN': '到期说法（将于…到期 / 已于…到期（已超期），按发送当天）',
    en: 'When it is due, worded on the day sent (is due on … / was due on … (overdue))',
  },
};

type Lang = { 'zh-CN': string; en: string };

/** What staff see for each reminder template (the key stays internal). */
const NAMES: Record<string, Lang> = {
  'reminder.maintenance': { 'zh-CN': '保养提醒', en: 'Maintenance reminder' },
  'reminder.insurance': { 'zh-CN': '车险到期提醒', en: 'Insurance renewal reminder' },
  'reminder.inspection': { 'zh-CN': '年检提醒', en: 'Inspection reminder' },
  'reminder.birthday': { 'zh-CN': '生日祝福', en: 'Birthday greeting' },
  'reminder.coupon_expiring': { 'zh-CN': '优惠券到期提醒', en: 'Coupon expiry reminder' },
  'reminder.stored_value_low': { 'zh-CN': '储值余额不足提醒', en: 'Low balance reminder' },
  'reminder.declined_work': { 'zh-CN': '未做项目提醒', en: 'Declined work reminder' },
  'reminder.thank_you': { 'zh-CN': '服务感谢', en: 'Thank-you message' },
  'reminder.survey': { 'zh-CN': '满意度回访', en: 'Satisfaction survey' },
  'reminder.win_back': { 'zh-CN': '老客召回', en: 'Win-back message' },
};

function define(
  key: string,
  purpose: 'service' | 'marketing',
  variables: string[],
  body: Lang,
  url = '/',
) {
  defineBuiltInTemplate({
    key,
    name: NAMES[key] ?? { 'zh-CN': key, en: key },
    purpose,
    variables,
    url,
    channels: {
      inapp: { 'zh-CN': { body: body['zh-CN'] }, en: { body: body.en } },
      webpush: {
        'zh-CN': { subject: '{{tenant.name}}', body: body['zh-CN'] },
        en: { subject: '{{tenant.name}}', body: body.en },
      },
      wechat: { 'zh-CN': { body: body['zh-CN'] }, en: { body: body.en } },
      sms: {
        'zh-CN': { body: `【{{tenant.name}}】${body['zh-CN']}` },
        en: { body: `[{{tenant.name}}] ${body.en}` },
      },
      email: {
        'zh-CN': { subject: '{{tenant.name}}', body: body['zh-CN'] },
        en: { subject: '{{tenant.name}}', body: body.en },
      },
    },
  });
}

// `due.when` is worded when the message goes: an overdue item reads "已于…到期（已超期）".
define('reminder.maintenance', 'service', ['vehicle.plate', 'due.item', 'due.when'], {
  'zh-CN':
    '{{customer.name}}您好，您的爱车{{vehicle.plate}}的{{due.item}}{{due.when}}，欢迎预约到店。',
  en: 'Hello {{customer.name}}, {{due.item}} for {{vehicle.plate}} {{due.when}}. Book a visit any time.',
});
define('reminder.insurance', 'service', ['vehicle.plate', 'due.when'], {
  'zh-CN': '{{customer.name}}您好，您的爱车{{vehicle.plate}}的车险{{due.when}}，请及时续保。',
  en: 'Hello {{customer.name}}, the insurance of {{vehicle.plate}} {{due.when}}. Remember to renew it.',
});
define('reminder.inspection', 'service', ['vehicle.plate', 'due.when'], {
  'zh-CN':
    '{{customer.name}}您好，您的爱车{{vehicle.plate}}的年检{{due.when}}，我们可代办，欢迎预约。',
  en: 'Hello {{customer.name}}, the annual inspection of {{vehicle.plate}} {{due.when}}; we can handle it for you.',
});
define('reminder.birthday', 'marketing', [], {
  'zh-CN': '{{customer.name}}，祝您生日快乐！{{tenant.name}}为您准备了生日关怀，欢迎到店。',
  en: 'Happy birthday, {{customer.name}}! {{tenant.name}} has a birthday treat waiting for you.',
});
define('reminder.coupon_expiring', 'service', ['coupon.name', 'coupon.code', 'coupon.expiresAt'], {
  'zh-CN':
    '{{customer.name}}您好，您的优惠券「{{coupon.name}}」（券码 {{coupon.code}}）将于{{coupon.expiresAt}}过期，别错过。',
  en: 'Hello {{customer.name}}, your coupon "{{coupon.name}}" ({{coupon.code}}) expires on {{coupon.expiresAt}}.',
});
define('reminder.stored_value_low', 'service', ['wallet.balance'], {
  'zh-CN': '{{customer.name}}您好，您的储值余额仅剩{{wallet.balance}}，到店即可充值。',
  en: 'Hello {{customer.name}}, your stored value is down to {{wallet.balance}}. Top up at your next visit.',
});
define('reminder.declined_work', 'service', ['vehicle.plate', 'due.item'], {
  'zh-CN':
    '{{customer.name}}您好，上次为{{vehicle.plate}}建议的项目「{{due.item}}」还未处理，需要为您预约吗？',
  en: 'Hello {{customer.name}}, the work we recommended for {{vehicle.plate}} ({{due.item}}) is still open. Shall we book it?',
});
define('reminder.thank_you', 'service', ['vehicle.plate', 'order.number'], {
  'zh-CN':
    '{{customer.name}}您好，感谢您光临{{tenant.name}}（工单 {{order.number}}，车辆 {{vehicle.plate}}），祝您用车愉快！',
  en: 'Thank you for visiting {{tenant.name}}, {{customer.name}} (order {{order.number}}, {{vehicle.plate}}). Safe driving!',
});
define('reminder.survey', 'service', ['vehicle.plate'], {
  'zh-CN':
    '{{customer.name}}您好，{{vehicle.plate}}的服务您还满意吗？请直接回复 1–5 分，我们会认真改进。',
  en: 'Hello {{customer.name}}, how was our service on {{vehicle.plate}}? Reply with a score from 1 to 5.',
});
define('reminder.win_back', 'marketing', ['visit.lastDate'], {
  'zh-CN':
    '{{customer.name}}您好，自{{visit.lastDate}}以来好久不见，{{tenant.name}}想念您，欢迎回来看看。',
  en: 'Hello {{customer.name}}, we have not seen you since {{visit.lastDate}}. {{tenant.name}} would love to welcome you back.',
});
