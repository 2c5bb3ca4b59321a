// The wording of a staff reply carried to the customer: in the app it links to the conversation.
import { defineBuiltInTemplate } from '../messaging/index.ts';
import { CONVERSATION_URL } from './inbox.service.ts';

export const CONVERSATION_REPLY = defineBuiltInTemplate({
  key: 'conversation.reply',
  name: { 'zh-CN': '会话回复', en: 'Conversation reply' },
  purpose: 'transactional',
  variables: ['message.text'],
  url: CONVERSATION_URL,
  channels: {
    inapp: {
      'zh-CN': { subject: '顾问回复', body: '{{message.text}}' },
      en: { subject: 'Your advisor replied', body: '{{message.text}}' },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}} 顾问回复', body: '{{message.text}}' },
      en: { subject: '{{tenant.name}}: your advisor replied', body: '{{message.text}}' },
    },
    sms: {
      'zh-CN': { body: '【{{tenant.name}}】顾问回复：{{message.text}}' },
      en: { body: '[{{tenant.name}}] Your advisor: {{message.text}}' },
    },
  },
});
