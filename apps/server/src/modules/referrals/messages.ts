// The referral messages (transactional, in-app first): a friend joined, a reward arrived, and the
// referee's welcome with the offer. Variables are added to messaging's catalogue from here.
import { defineVariables, defineBuiltInTemplate } from '../messaging/index.ts';
import type { Reward } from './referrals.schemas.ts';

defineVariables({
  'referral.friend': {
    type: 'string',
    sample: '王**',
    description: { 'zh-CN': '被推荐的好友（已脱敏）', en: 'The referred friend (masked)' },
  },
  'referral.referrer': {
    type: 'string',
    sample: '李**',
    description: { 'zh-CN': '推荐人（已脱敏）', en: 'The referrer (masked)' },
  },
  'referral.reward': {
    type: 'string',
    sample: '500 积分',
    description: { 'zh-CN': '推荐奖励', en: 'Referral reward' },
  },
  'referral.offer': {
    type: 'string',
    sample: '首单满 200 元送 300 积分',
    description: { 'zh-CN': '新客欢迎礼', en: 'Welcome offer' },
  },
});

const URL = '/referral';

defineBuiltInTemplate({
  key: 'referral.joined',
  name: { 'zh-CN': '好友已加入', en: 'Referred friend joined' },
  purpose: 'transactional',
  variables: ['referral.friend'],
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '好友已加入',
        body: '您邀请的好友 {{referral.friend}} 已注册，好友首单完成后您将获得奖励。',
      },
      en: {
        subject: 'Your friend joined',
        body: 'Your friend {{referral.friend}} signed up; you get your reward after their first paid order.',
      },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}}', body: '好友 {{referral.friend}} 已通过您的邀请注册' },
      en: { subject: '{{tenant.name}}', body: 'Your friend {{referral.friend}} joined' },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】您邀请的好友{{referral.friend}}已注册，首单完成后奖励到账',
      },
      en: { body: '[{{tenant.name}}] Your friend {{referral.friend}} joined' },
    },
  },
});

defineBuiltInTemplate({
  key: 'referral.rewarded',
  name: { 'zh-CN': '推荐奖励已发放', en: 'Referral reward' },
  purpose: 'transactional',
  variables: ['referral.reward'],
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '推荐奖励已到账',
        body: '您的推荐奖励 {{referral.reward}} 已到账，感谢支持！',
      },
      en: {
        subject: 'Referral reward',
        body: 'Your referral reward {{referral.reward}} has arrived. Thank you!',
      },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}}', body: '推荐奖励 {{referral.reward}} 已到账' },
      en: { subject: '{{tenant.name}}', body: 'Referral reward {{referral.reward}} arrived' },
    },
    sms: {
      'zh-CN': { body: '【{{tenant.name}}】您的推荐奖励{{referral.reward}}已到账' },
      en: { body: '[{{tenant.name}}] Your referral reward {{referral.reward}} arrived' },
    },
  },
});

defineBuiltInTemplate({
  key: 'referral.welcome',
  name: { 'zh-CN': '推荐欢迎礼', en: 'Referral welcome' },
  purpose: 'transactional',
  variables: ['referral.referrer', 'referral.offer'],
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '欢迎加入',
        body: '欢迎！您由好友 {{referral.referrer}} 推荐加入。{{referral.offer}}',
      },
      en: {
        subject: 'Welcome',
        body: 'Welcome! Your friend {{referral.referrer}} invited you. {{referral.offer}}',
      },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】欢迎！好友{{referral.referrer}}邀请您加入。{{referral.offer}}',
      },
      en: {
        body: '[{{tenant.name}}] Welcome! Invited by {{referral.referrer}}. {{referral.offer}}',
      },
    },
  },
});

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\.00$/, '')}`;

/** A reward in words ("500 积分", "¥30 储值", "优惠券「洗车券」"). */
export function rewardText(
  r: Pick<Reward, 'kind' | 'amount'>,
  couponName: string | null,
  lang: string,
): string {
  const en = lang.startsWith('en');
  switch (r.kind) {
    case 'points':
      return en ? `${r.amount} points` : `${r.amount} 积分`;
    case 'stored_value':
      return en ? `${yuan(r.amount)} stored value` : `${yuan(r.amount)} 储值`;
    case 'coupon':
      return en ? `coupon “${couponName ?? ''}”` : `优惠券「${couponName ?? ''}」`;
    default:
      return '';
  }
}

/** The welcome offer in words, from the programme's settings. */
export function offerText(
  s: { welcomeText: string; minOrderFen: number; refereeReward: Reward },
  couponName: string | null,
  lang: string,
): string {
  const reward = rewardText(s.refereeReward, couponName, lang);
  const en = lang.startsWith('en');
  const rule = !reward
    ? ''
    : en
      ? `First order from ${yuan(s.minOrderFen)}: you get ${reward}.`
      : `首单满 ${yuan(s.minOrderFen)} 送您 ${reward}。`;
  return [s.welcomeText, rule].filter(Boolean).join(' ');
}

export const maskName = (name: string | null, phone: string | null): string => {
  const n = name?.trim();
  if (n) return `${Array.from(n)[0]}**`;
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? `尾号${digits.slice(-4)}` : '**';
};
