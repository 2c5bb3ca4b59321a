// What appointments tell the car owner, declared as messaging templates (zh-CN and en).
import { defineBuiltInTemplate } from '../messaging/index.ts';

export const APPOINTMENT_CONFIRMED = defineBuiltInTemplate({
  key: 'appointment.confirmed',
  name: { 'zh-CN': '预约确认', en: 'Booking confirmed' },
  purpose: 'transactional',
  variables: ['appointment.time', 'store.name', 'vehicle.plate'],
  url: '/app/appointments',
  channels: {
    inapp: {
      'zh-CN': {
        subject: '预约成功',
        body: '您已预约 {{appointment.time}} 到{{store.name}}，车辆 {{vehicle.plate}}。期待您的光临！',
      },
      en: {
        subject: 'Appointment booked',
        body: 'You are booked for {{appointment.time}} at {{store.name}}, car {{vehicle.plate}}. See you then!',
      },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】{{customer.name}}您好，您已预约 {{appointment.time}} 到{{store.name}}，车辆 {{vehicle.plate}}。如需改期请在 App 中操作。',
      },
      en: {
        body: '[{{tenant.name}}] Hello {{customer.name}}, you are booked for {{appointment.time}} at {{store.name}}, car {{vehicle.plate}}.',
      },
    },
  },
});
