// Ready-made starting points (lifecycle plays): a segment filter, a template and a text that a
// manager adjusts before launching. Also the campaign template with a coupon.
import { defineBuiltInTemplate } from '../messaging/index.ts';
import type { SegmentNode } from '../segments/index.ts';
import type { CAMPAIGN_PLAYS } from './campaigns.tables.ts';

export type Play = (typeof CAMPAIGN_PLAYS)[number];

defineBuiltInTemplate({
  key: 'campaign.coupon',
  name: { 'zh-CN': '活动优惠券', en: 'Campaign coupon' },
  purpose: 'marketing',
  variables: ['campaign.text', 'coupon.name', 'coupon.code', 'coupon.expiresAt'],
  url: '/coupons',
  channels: {
    inapp: {
      'zh-CN': {
        body: '{{customer.name}}您好，{{campaign.text}} 送您「{{coupon.name}}」，券码 {{coupon.code}}，{{coupon.expiresAt}} 前有效。',
      },
      en: {
        body: 'Hello {{customer.name}}, {{campaign.text}} Here is “{{coupon.name}}”, code {{coupon.code}}, valid until {{coupon.expiresAt}}.',
      },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}}', body: '{{campaign.text}} 券码 {{coupon.code}}' },
      en: { subject: '{{tenant.name}}', body: '{{campaign.text}} Code {{coupon.code}}' },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】{{campaign.text}}送您{{coupon.name}}，券码{{coupon.code}}，{{coupon.expiresAt}}前有效',
      },
      en: {
        body: '[{{tenant.name}}] {{campaign.text}} {{coupon.name}}: code {{coupon.code}}, valid until {{coupon.expiresAt}}',
      },
    },
  },
});

export interface PlaySpec {
  name: { 'zh-CN': string; en: string };
  description: { 'zh-CN': string; en: string };
  filter: SegmentNode;
  templateKey: string;
  text: { 'zh-CN': string; en: string };
  attributionDays: number;
}

export const PLAYS: Record<Play, PlaySpec> = {
  win_back: {
    name: { 'zh-CN': '流失挽回', en: 'Win-back' },
    description: {
      'zh-CN': '180 天以上未到店的老客户，邀请回店',
      en: 'Customers who have not visited for over 180 days',
    },
    filter: {
      kind: 'rule',
      field: 'visit.last',
      op: 'more_than_days_ago',
      value: 180,
    },
    templateKey: 'marketing.campaign',
    text: {
      'zh-CN': '好久不见！本月回店保养可享老客户专属优惠。',
      en: 'We miss you! Come back this month for a returning-customer offer.',
    },
    attributionDays: 30,
  },
  retention: {
    name: { 'zh-CN': '老客维系', en: 'Retention' },
    description: {
      'zh-CN': '一年内到店 2 次以上、已 90 天未到店的客户',
      en: 'Two or more visits in a year, none in the last 90 days',
    },
    filter: {
      kind: 'and',
      children: [
        { kind: 'rule', field: 'visit.count', op: 'gte', value: 2, withinDays: 365 },
        { kind: 'rule', field: 'visit.last', op: 'more_than_days_ago', value: 90 },
      ],
    },
    templateKey: 'marketing.campaign',
    text: {
      'zh-CN': '感谢您一直以来的信任，换季检测已为您预留名额。',
      en: 'Thank you for your loyalty: a seasonal check is reserved for you.',
    },
    attributionDays: 14,
  },
  upsell: {
    name: { 'zh-CN': '升级推荐', en: 'Upsell' },
    description: {
      'zh-CN': '消费额度排名前 40%（RFM M ≥ 4）的客户，推荐高端保养套餐',
      en: 'Top 40% by spend (RFM M ≥ 4): offer the premium service plan',
    },
    filter: { kind: 'rule', field: 'rfm.monetary', op: 'gte', value: 4 },
    templateKey: 'marketing.campaign',
    text: {
      'zh-CN': '尊享保养套餐上线，全合成机油+全车检测，会员专享价。',
      en: 'Our premium plan is here: full-synthetic oil and a full check at a member price.',
    },
    attributionDays: 14,
  },
  cross_sell: {
    name: { 'zh-CN': '交叉销售', en: 'Cross-sell' },
    description: {
      'zh-CN': '半年内做过保养但没有洗车的客户，推荐洗车服务',
      en: 'Had an oil change in 6 months but no wash: offer the wash',
    },
    filter: {
      kind: 'and',
      children: [
        {
          kind: 'rule',
          field: 'service.done',
          op: 'has_any',
          value: ['oil_change'],
          withinDays: 180,
        },
        {
          kind: 'not',
          child: {
            kind: 'rule',
            field: 'service.done',
            op: 'has_any',
            value: ['wash'],
            withinDays: 180,
          },
        },
      ],
    },
    templateKey: 'marketing.campaign',
    text: {
      'zh-CN': '精洗体验价 39 元，保养客户专享。',
      en: 'A detailed wash for ¥39, for our service customers.',
    },
    attributionDays: 14,
  },
};
