// What events tell the car owner (in-app first): the reminders a day and two hours before (service
// messages: consent and quiet hours apply), a cancelled event, a place freed on the waitlist.
// Variables are added to messaging's catalogue from here.
import { defineVariables, defineBuiltInTemplate } from '../messaging/index.ts';

defineVariables({
  'event.id': {
    type: 'string',
    sample: '00000000-0000-4000-8000-000000000000',
    description: { 'zh-CN': '活动编号', en: 'Event id' },
  },
  'event.title': {
    type: 'string',
    sample: '秋季自驾游·千岛湖',
    description: { 'zh-CN': '活动名称', en: 'Event title' },
  },
  'event.time': {
    type: 'string',
    sample: '11月28日 09:00',
    description: { 'zh-CN': '活动开始时间', en: 'Event start' },
  },
  'event.place': {
    type: 'string',
    sample: '一号店门口集合',
    description: { 'zh-CN': '活动地点', en: 'Event place' },
  },
});

const URL = '/app/events/{{event.id}}';
const VARS = ['event.id', 'event.title', 'event.time', 'event.place'];

export const EVENT_REMINDER_DAY = defineBuiltInTemplate({
  key: 'event.reminder.day',
  name: { 'zh-CN': '活动提醒（提前一天）', en: 'Event reminder (a day before)' },
  purpose: 'service',
  variables: VARS,
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '明天见：{{event.title}}',
        body: '您报名的活动「{{event.title}}」将于 {{event.time}} 开始，地点：{{event.place}}。签到时请出示活动票。',
      },
      en: {
        subject: 'Tomorrow: {{event.title}}',
        body: 'The event "{{event.title}}" you signed up for starts at {{event.time}}, at {{event.place}}. Show your ticket to check in.',
      },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}}', body: '明天 {{event.time}}：{{event.title}}' },
      en: { subject: '{{tenant.name}}', body: 'Tomorrow {{event.time}}: {{event.title}}' },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】您报名的活动「{{event.title}}」将于{{event.time}}开始，地点{{event.place}}',
      },
      en: { body: '[{{tenant.name}}] "{{event.title}}" starts at {{event.time}}, {{event.place}}' },
    },
  },
});

export const EVENT_REMINDER_HOURS = defineBuiltInTemplate({
  key: 'event.reminder.hours',
  name: { 'zh-CN': '活动提醒（提前两小时）', en: 'Event reminder (two hours before)' },
  purpose: 'service',
  variables: VARS,
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '活动即将开始',
        body: '「{{event.title}}」将于 {{event.time}} 开始，地点：{{event.place}}。请准备好活动票。',
      },
      en: {
        subject: 'Starting soon',
        body: '"{{event.title}}" starts at {{event.time}}, at {{event.place}}. Have your ticket ready.',
      },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}}', body: '{{event.time}} 开始：{{event.title}}' },
      en: { subject: '{{tenant.name}}', body: 'Starts {{event.time}}: {{event.title}}' },
    },
    sms: {
      'zh-CN': { body: '【{{tenant.name}}】「{{event.title}}」将于{{event.time}}开始，请准时到场' },
      en: { body: '[{{tenant.name}}] "{{event.title}}" starts at {{event.time}}' },
    },
  },
});

export const EVENT_CANCELLED_NOTICE = defineBuiltInTemplate({
  key: 'event.cancelled',
  name: { 'zh-CN': '活动取消通知', en: 'Event cancelled' },
  purpose: 'transactional',
  variables: VARS,
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '活动已取消',
        body: '很抱歉，您报名的活动「{{event.title}}」（{{event.time}}）已取消，您的报名已一并取消。',
      },
      en: {
        subject: 'Event cancelled',
        body: 'Sorry: "{{event.title}}" ({{event.time}}) has been cancelled, and your sign-up with it.',
      },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】很抱歉，活动「{{event.title}}」（{{event.time}}）已取消',
      },
      en: { body: '[{{tenant.name}}] Sorry, "{{event.title}}" ({{event.time}}) is cancelled' },
    },
  },
});

export const EVENT_PROMOTED = defineBuiltInTemplate({
  key: 'event.promoted',
  name: { 'zh-CN': '候补转正通知', en: 'Waitlist place confirmed' },
  purpose: 'transactional',
  variables: VARS,
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '候补成功',
        body: '有名额空出，您已从候补转为正式报名「{{event.title}}」（{{event.time}}，{{event.place}}）。如不能参加请在 App 中取消。',
      },
      en: {
        subject: 'You have a place',
        body: 'A place opened up: you are now signed up for "{{event.title}}" ({{event.time}}, {{event.place}}). Cancel in the app if you cannot come.',
      },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}}', body: '候补成功：{{event.title}}' },
      en: { subject: '{{tenant.name}}', body: 'You have a place: {{event.title}}' },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】候补成功，您已报名「{{event.title}}」（{{event.time}}）',
      },
      en: { body: '[{{tenant.name}}] You have a place at "{{event.title}}" ({{event.time}})' },
    },
  },
});
