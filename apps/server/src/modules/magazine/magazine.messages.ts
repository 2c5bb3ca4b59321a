// What the e-magazine tells car owners: a new issue to its subscribers (marketing: consent,
// quiet hours and caps apply) and a published contribution to its author (in the inbox).
import { defineVariables, defineBuiltInTemplate } from '../messaging/index.ts';

defineVariables({
  'issue.id': {
    type: 'string',
    sample: '00000000-0000-4000-8000-000000000000',
    description: { 'zh-CN': '杂志期号编号', en: 'Issue id' },
  },
  'issue.title': {
    type: 'string',
    sample: '《留客车友》2026 冬季刊',
    description: { 'zh-CN': '杂志期名', en: 'Issue title' },
  },
  'contribution.title': {
    type: 'string',
    sample: '雪后的千岛湖',
    description: { 'zh-CN': '投稿标题', en: 'Contribution title' },
  },
  'contribution.points': {
    type: 'number',
    sample: '200',
    description: { 'zh-CN': '投稿所得积分', en: 'Points for the contribution' },
  },
});

export const MAGAZINE_ISSUE_PUBLISHED = defineBuiltInTemplate({
  key: 'magazine.issue.published',
  name: { 'zh-CN': '电子杂志新刊通知', en: 'New e-magazine issue' },
  purpose: 'marketing',
  variables: ['issue.id', 'issue.title'],
  url: '/app/magazine/{{issue.id}}',
  channels: {
    inapp: {
      'zh-CN': {
        subject: '新一期电子杂志上线了',
        body: '{{issue.title}} 已发布，点开阅读车友们的故事与用车干货。',
      },
      en: {
        subject: 'A new issue is out',
        body: '{{issue.title}} is out: owners’ stories and car tips inside.',
      },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}}', body: '新刊上线：{{issue.title}}' },
      en: { subject: '{{tenant.name}}', body: 'New issue: {{issue.title}}' },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】新一期电子杂志{{issue.title}}已发布，打开 App 即可阅读',
      },
      en: { body: '[{{tenant.name}}] A new issue is out: {{issue.title}}. Read it in the app' },
    },
  },
});

export const MAGAZINE_CONTRIBUTION_PUBLISHED = defineBuiltInTemplate({
  key: 'magazine.contribution.published',
  name: { 'zh-CN': '投稿刊登通知', en: 'Contribution published' },
  purpose: 'transactional',
  variables: ['issue.id', 'issue.title', 'contribution.title', 'contribution.points'],
  url: '/app/magazine/{{issue.id}}',
  channels: {
    inapp: {
      'zh-CN': {
        subject: '您的投稿已刊登',
        body: '您的投稿「{{contribution.title}}」已刊登在 {{issue.title}}，获得 {{contribution.points}} 积分，感谢分享！',
      },
      en: {
        subject: 'Your contribution is published',
        body: 'Your contribution "{{contribution.title}}" is in {{issue.title}}; you earned {{contribution.points}} points. Thank you!',
      },
    },
  },
});
