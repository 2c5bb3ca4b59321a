// What the partner alliance tells people, as messaging templates (zh-CN and en): the car owner
// when their coupon was used at a partner, the partner by e-mail for each redemption.
import { defineBuiltInTemplate } from '../messaging/index.ts';

export const PARTNER_REDEEMED = defineBuiltInTemplate({
  key: 'partner.couponRedeemed',
  name: { 'zh-CN': '合作商券已核销', en: 'Partner coupon redeemed' },
  purpose: 'transactional',
  variables: ['coupon.name', 'coupon.code', 'partner.name', 'redemption.time'],
  url: '/app/coupons',
  channels: {
    inapp: {
      'zh-CN': {
        subject: '优惠券已使用',
        body: '您的优惠券「{{coupon.name}}」（券码 {{coupon.code}}）已于 {{redemption.time}} 在合作商家{{partner.name}}核销。',
      },
      en: {
        subject: 'Coupon used',
        body: 'Your coupon "{{coupon.name}}" ({{coupon.code}}) was redeemed at our partner {{partner.name}} on {{redemption.time}}.',
      },
    },
    webpush: {
      'zh-CN': {
        subject: '优惠券已使用',
        body: '「{{coupon.name}}」已在{{partner.name}}核销',
      },
      en: {
        subject: 'Coupon used',
        body: '"{{coupon.name}}" was redeemed at {{partner.name}}',
      },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】您的优惠券「{{coupon.name}}」已于 {{redemption.time}} 在{{partner.name}}核销。如非本人使用请联系我们。',
      },
      en: {
        body: '[{{tenant.name}}] Your coupon "{{coupon.name}}" was redeemed at {{partner.name}} on {{redemption.time}}. Not you? Contact us.',
      },
    },
  },
});

export const PARTNER_REDEMPTION_NOTICE = defineBuiltInTemplate({
  key: 'partner.redemptionNotice',
  name: { 'zh-CN': '合作商核销通知', en: 'Partner redemption notice' },
  purpose: 'transactional',
  variables: [
    'partner.name',
    'coupon.name',
    'coupon.code',
    'redemption.time',
    'redemption.customer',
    'redemption.settlement',
  ],
  channels: {
    email: {
      'zh-CN': {
        subject: '【{{tenant.name}}】核销通知：{{coupon.name}}',
        body: '{{partner.name}}您好：\n\n{{redemption.time}} 核销了一张{{tenant.name}}的优惠券。\n券名称：{{coupon.name}}\n券码：{{coupon.code}}\n客户：{{redemption.customer}}\n结算金额：{{redemption.settlement}}\n\n本期核销明细与对账单可在合作商家门户查看。',
      },
      en: {
        subject: '[{{tenant.name}}] Redemption: {{coupon.name}}',
        body: 'Hello {{partner.name}},\n\nA {{tenant.name}} coupon was redeemed on {{redemption.time}}.\nCoupon: {{coupon.name}}\nCode: {{coupon.code}}\nCustomer: {{redemption.customer}}\nSettlement: {{redemption.settlement}}\n\nSee the partner portal for all redemptions and the statement.',
      },
    },
  },
});
