// What feedback sends to car owners: a reply on their complaint ticket, and the invitation to
// the after-service survey (in-app with the survey page, SMS with the signed public link).
import { defineBuiltInTemplate, defineVariables } from '../messaging/index.ts';

defineVariables({
  'complaint.number': {
    type: 'string',
    sample: 'TS-20261207-0001',
    description: { 'zh-CN': '投诉工单号', en: 'Complaint ticket number' },
  },
  'complaint.id': {
    type: 'string',
    sample: '0193a0c1-7d2e-7000-8000-000000000001',
    description: { 'zh-CN': '投诉工单编号（链接用）', en: 'Complaint ticket id (for links)' },
  },
  'complaint.reply': {
    type: 'string',
    sample: '您好，我们已安排技师复查，明天上午给您回电。',
    description: { 'zh-CN': '客服回复内容', en: 'The reply' },
  },
  'survey.token': {
    type: 'string',
    sample: 'AZOgwX0ucACAAAAAAAAAAQ',
    description: { 'zh-CN': '问卷链接令牌', en: 'Survey link token' },
  },
  'survey.link': {
    type: 'url',
    sample: 'https://liuke.example.com/app/s/AZOgwX0ucACAAAAAAAAAAQ',
    description: { 'zh-CN': '问卷链接', en: 'Survey link' },
  },
  'survey.store': {
    type: 'string',
    sample: '天河店',
    description: { 'zh-CN': '服务门店', en: 'Store that did the work' },
  },
});

export const COMPLAINT_REPLY = 'complaint.reply';
export const SURVEY_INVITE = 'survey.invite';

defineBuiltInTemplate({
  key: COMPLAINT_REPLY,
  name: { 'zh-CN': '投诉工单回复', en: 'Reply on a complaint' },
  purpose: 'transactional',
  variables: ['complaint.number', 'complaint.id', 'complaint.reply'],
  url: '/complaints/{{complaint.id}}',
  channels: {
    inapp: {
      'zh-CN': {
        subject: '您的投诉有新回复',
        body: '工单 {{complaint.number}}：{{complaint.reply}}',
      },
      en: {
        subject: 'A reply on your complaint',
        body: 'Ticket {{complaint.number}}: {{complaint.reply}}',
      },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】您的投诉工单{{complaint.number}}有新回复，请在App中查看',
      },
      en: {
        body: '[{{tenant.name}}] Ticket {{complaint.number}} has a reply; open the app to read it',
      },
    },
  },
});

defineBuiltInTemplate({
  key: SURVEY_INVITE,
  name: { 'zh-CN': '服务满意度调查', en: 'After-service survey' },
  purpose: 'service',
  variables: ['survey.token', 'survey.link', 'survey.store'],
  url: '/s/{{survey.token}}',
  channels: {
    inapp: {
      'zh-CN': {
        subject: '请为本次服务打分',
        body: '感谢您光临{{survey.store}}！您有多大可能把我们推荐给朋友？点一下分数即可（0–10）。',
      },
      en: {
        subject: 'Rate your visit',
        body: 'Thank you for visiting {{survey.store}}! How likely are you to recommend us? One tap (0–10).',
      },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】感谢光临{{survey.store}}，请点击为本次服务打分：{{survey.link}}',
      },
      en: {
        body: '[{{tenant.name}}] Thanks for visiting {{survey.store}}. Rate us: {{survey.link}}',
      },
    },
  },
});
