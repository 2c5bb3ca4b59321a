// Templates the platform itself sends: raw system text (sign-in codes), a plain marketing message
// and a service message. Modules declare their own (appointments: `appointment.confirmed`).
import type { BuiltInTemplate } from './templates.ts';

export const PLATFORM_TEMPLATES: BuiltInTemplate[] = [
  {
    key: 'system.text',
    name: { 'zh-CN': '系统通知', en: 'System notice' },
    purpose: 'auth',
    variables: ['message.text', 'message.subject'],
    channels: {
      sms: { 'zh-CN': { body: '{{message.text}}' }, en: { body: '{{message.text}}' } },
      inapp: { 'zh-CN': { body: '{{message.text}}' }, en: { body: '{{message.text}}' } },
      email: {
        'zh-CN': { subject: '{{message.subject}}', body: '{{message.text}}' },
        en: { subject: '{{message.subject}}', body: '{{message.text}}' },
      },
    },
  },

  {
    key: 'marketing.campaign',
    name: { 'zh-CN': '营销活动', en: 'Campaign message' },
    purpose: 'marketing',
    variables: ['campaign.text'],
    channels: {
      inapp: {
        'zh-CN': { body: '{{customer.name}}您好，{{campaign.text}}' },
        en: { body: 'Hello {{customer.name}}, {{campaign.text}}' },
      },
      webpush: {
        'zh-CN': { subject: '{{tenant.name}}', body: '{{campaign.text}}' },
        en: { subject: '{{tenant.name}}', body: '{{campaign.text}}' },
      },
      sms: {
        'zh-CN': { body: '【{{tenant.name}}】{{customer.name}}您好，{{campaign.text}}' },
        en: { body: '[{{tenant.name}}] Hello {{customer.name}}, {{campaign.text}}' },
      },
      email: {
        'zh-CN': { subject: '{{tenant.name}}', body: '{{customer.name}}您好，\n{{campaign.text}}' },
        en: { subject: '{{tenant.name}}', body: 'Hello {{customer.name}},\n{{campaign.text}}' },
      },
    },
  },

  {
    key: 'service.message',
    name: { 'zh-CN': '服务消息', en: 'Service message' },
    purpose: 'service',
    variables: ['message.text'],
    channels: {
      inapp: { 'zh-CN': { body: '{{message.text}}' }, en: { body: '{{message.text}}' } },
      webpush: {
        'zh-CN': { subject: '{{tenant.name}}', body: '{{message.text}}' },
        en: { subject: '{{tenant.name}}', body: '{{message.text}}' },
      },
      sms: {
        'zh-CN': { body: '【{{tenant.name}}】{{message.text}}' },
        en: { body: '[{{tenant.name}}] {{message.text}}' },
      },
    },
  },
];
