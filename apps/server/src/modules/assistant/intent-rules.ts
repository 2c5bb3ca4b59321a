// What an owner's message asks for, by rules: the intent, the language, and the pieces a booking
// needs (service, date and time, a plate). Pure and table-tested; the dialogue (dialogue.ts)
// decides what to do with it.
import { normalizePlate, PLATE_PROVINCES } from '../../kernel/plate.ts';
import { parseWhen, type When } from './when-rules.ts';

export const INTENTS = [
  'book',
  'reschedule',
  'cancel',
  'points',
  'stored_value',
  'coupons',
  'due',
  'hours',
  'directions',
  'part_price',
  'complaint',
  'human',
  'greeting',
  'thanks',
  'confirm',
  'deny',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];
export type Lang = 'zh-CN' | 'en' | 'other';

/** The service categories a booking may name (service's categories). */
export type ServiceKind = 'oil_change' | 'tyres' | 'brakes' | 'battery' | 'inspection' | 'wash';

export interface Understood {
  intent: Intent;
  lang: Lang;
  service: ServiceKind | null;
  plate: string | null;
  /** What a price question asks about ("机油滤芯"), when it is a price question. */
  part: string | null;
  when: When;
  /** The tenant's handover keyword the text contains, if any. */
  keyword: string | null;
}

/** The language of a message: Chinese (any Han character), English (Latin letters), or other. */
export function detectLang(text: string): Lang | null {
  if (/[\u3040-\u30ff\uac00-\ud7af\u0400-\u04ff\u0600-\u06ff\u0e00-\u0e7f]/.test(text))
    return 'other';
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh-CN';
  if (/[a-z]{2,}/i.test(text)) {
    // Latin letters with accents beyond English (é, ü, ñ…) are another language.
    return /[\u00c0-\u024f]/.test(text) ? 'other' : 'en';
  }
  return null;
}

const SERVICES: [RegExp, ServiceKind][] = [
  [/保养|机油|换油|oil|maintenance|service my car|servicing/i, 'oil_change'],
  [/洗车|洗个车|精洗|打蜡|car wash|\bwash/i, 'wash'],
  [/轮胎|换胎|补胎|四轮定位|动平衡|tyre|tire|alignment/i, 'tyres'],
  [/刹车|制动|刹车片|brake/i, 'brakes'],
  [/电瓶|蓄电池|电池|battery/i, 'battery'],
  [/年检|年审|检测|inspection/i, 'inspection'],
];

export function serviceIn(text: string): ServiceKind | null {
  return SERVICES.find(([re]) => re.test(text))?.[1] ?? null;
}

const PLATE_RE = new RegExp(`[${PLATE_PROVINCES}]\\s*[A-Z]\\s*[·•.\\-\\s]?\\s*[A-Z0-9]{5,6}`, 'i');

export function plateIn(text: string): string | null {
  const m = PLATE_RE.exec(text);
  return m ? normalizePlate(m[0]) : null;
}

/** Rules in order: the first that matches decides. Short replies come first (确认, 好的). */
const RULES: [Intent, RegExp][] = [
  [
    'confirm',
    /^\s*(确认|确定|确认预约|好的?|好啊|可以|行|没问题|是的?|对的?|嗯|ok|okay|yes|yep|sure|confirm)\s*[!！。.~]*\s*$/i,
  ],
  ['deny', /^\s*(不用了?|不要了?|算了|不对|不是|取消|no|nope|cancel it|不了)\s*[!！。.~]*\s*$/i],
  [
    'human',
    /人工|转人工|真人|活人|找.{0,2}客服|人工客服|客服|顾问|human|real person|agent|talk to (a |someone|staff)|speak to/i,
  ],
  [
    'complaint',
    /投诉|不满意?|太差|差评|欺骗|坑人|维权|complain|complaint|terrible service|unhappy/i,
  ],
  ['cancel', /(取消|不去了|去不了|来不了|撤销).{0,6}(预约|保养|洗车|订单)?|cancel/i],
  [
    'reschedule',
    /改期|改约|改时间|改到|换.{0,2}时间|推迟|延后|延期|提前到|挪到|reschedule|move my (booking|appointment)|change (my )?(booking|appointment)/i,
  ],
  ['stored_value', /储值|余额|会员卡.{0,2}钱|卡里.{0,5}钱|充值|stored value|balance|wallet/i],
  ['part_price', /多少钱|什么价|价格|价钱|报价|收费|贵不贵|how much|price|cost/i],
  ['due', /下次保养|下一次保养|该保养了?吗|什么时候.{0,4}(保养|年检|到期)|到期|due|next service/i],
  [
    'book',
    /预约|约个|约一下|约.{0,4}(保养|洗车|时间)|订个|想.{0,3}(做|来|去).{0,4}(保养|洗车|换|补|检)|\bbook|appointment|schedule/i,
  ],
  ['points', /积分|points?\b/i],
  ['coupons', /优惠券|代金券|券|coupons?|vouchers?/i],
  [
    'hours',
    /营业时间|几点.{0,2}(开门|关门|下班|营业)|开门|关门|营业|上班时间|opening hours|open(ing)? (time|today)|when .{0,10}open|hours/i,
  ],
  [
    'directions',
    /地址|在哪|在什么地方|怎么走|怎么去|位置|导航|门店|address|where are you|directions|location/i,
  ],
  [
    'greeting',
    /^\s*(你好|您好|嗨|哈喽|在吗|在不在|早上好|下午好|晚上好|hi|hello|hey|good (morning|afternoon|evening))(?![a-z])/i,
  ],
  ['thanks', /谢谢|多谢|感谢|辛苦了|thanks|thank you|thx/i],
];

/** The first rule matching, else a booking when the text names a service with a date. */
function intentOf(text: string, service: ServiceKind | null, when: When): Intent {
  for (const [intent, re] of RULES) if (re.test(text)) return intent;
  if (service && when.date) return 'book';
  return 'unknown';
}

/** "机油滤芯多少钱" → "机油滤芯". */
export function partIn(text: string): string | null {
  const stripped = text
    .replace(
      /(请问|你们|这边|店里|一下|换|更换|一个|一套|个|的|大概|呢|啊|吗|？|\?|。|！|!|，|,)/g,
      ' ',
    )
    .replace(
      /(多少钱|什么价|价格|价钱|报价|收费|贵不贵|how much (is|are|does|for)?|price of|the price|cost(s)?( of)?|what is|a |an |the )/gi,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
  return stripped.length >= 2 ? stripped.slice(0, 40) : null;
}

export function understand(
  text: string,
  opts: { today: string; handoverKeywords: readonly string[] },
): Understood {
  const trimmed = text.trim();
  const service = serviceIn(trimmed);
  const when = parseWhen(trimmed, opts.today);
  const keyword = opts.handoverKeywords.find((k) => k && trimmed.includes(k)) ?? null;
  let intent = intentOf(trimmed, service, when);
  // A tenant's keyword hands over even when a rule would have answered.
  if (keyword && intent !== 'complaint')
    intent = /投诉|complain/i.test(keyword) ? 'complaint' : 'human';
  return {
    intent,
    lang: detectLang(trimmed) ?? 'zh-CN',
    service,
    plate: plateIn(trimmed),
    part: intent === 'part_price' ? partIn(trimmed) : null,
    when,
    keyword,
  };
}
