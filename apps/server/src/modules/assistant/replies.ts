// What the assistant says, in the owner's language (Chinese first, English when they write
// English). Pure: figures and names come in, text goes out.
import type { ServiceKind } from './intent-rules.ts';
import { describeDate, hhmm } from './when-rules.ts';

export type ReplyLang = 'zh-CN' | 'en';

export const pick = (lang: ReplyLang, zh: string, en: string) => (lang === 'en' ? en : zh);

export const SERVICE_NAMES: Record<ServiceKind, [string, string]> = {
  oil_change: ['保养', 'maintenance'],
  tyres: ['轮胎', 'tyres'],
  brakes: ['刹车', 'brakes'],
  battery: ['电瓶', 'battery'],
  inspection: ['年检', 'inspection'],
  wash: ['洗车', 'car wash'],
};

export const serviceName = (s: string | null | undefined, lang: ReplyLang) =>
  s && s in SERVICE_NAMES
    ? SERVICE_NAMES[s as ServiceKind][lang === 'en' ? 1 : 0]
    : pick(lang, '服务', 'service');

export const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const slotText = (local: { date: string; minutes: number }, lang: ReplyLang) =>
  `${describeDate(local.date, lang)} ${hhmm(local.minutes)}`;

export const numbered = (items: string[]) => items.map((x, i) => `${i + 1}. ${x}`).join('\n');

export const QUICK_REPLIES: Record<ReplyLang, string[]> = {
  'zh-CN': ['预约保养', '查积分', '下次保养', '营业时间', '转人工'],
  en: ['Book a service', 'My points', 'Next service', 'Opening hours', 'Talk to a person'],
};

export const R = {
  otherLanguage: () =>
    '抱歉，我目前只能用中文或英文交流。回复「人工」为您转接顾问。\nSorry, I can only help in Chinese or English — reply "human" to reach a person.',
  notUnderstood: (lang: ReplyLang) =>
    pick(
      lang,
      '抱歉，我没太明白。您可以说：预约保养、查积分、下次保养、营业时间，或回复「人工」联系顾问。',
      'Sorry, I did not get that. Try: book a service, my points, next service, opening hours — or reply "human" for a person.',
    ),
  thanks: (lang: ReplyLang) =>
    pick(lang, '不客气，祝您用车愉快！', 'You are welcome — drive safely!'),
  anythingElse: (lang: ReplyLang) =>
    pick(lang, '好的。还有什么可以帮您？', 'All right. Anything else I can help with?'),
  dropped: (lang: ReplyLang) =>
    pick(
      lang,
      '好的，已取消本次操作。还有什么可以帮您？',
      'All right, I dropped that. Anything else?',
    ),
  handover: (lang: ReplyLang) =>
    pick(
      lang,
      '已为您转接人工顾问，请稍候，顾问会在这里回复您。',
      'I have passed you to a person; an advisor will answer you here shortly.',
    ),
  handoverAfterFailures: (lang: ReplyLang) =>
    pick(
      lang,
      '抱歉没能帮上忙，已为您转接人工顾问，请稍候。',
      'Sorry I could not help; I have passed you to an advisor, who will answer here shortly.',
    ),
  complaintOpened: (lang: ReplyLang, number: string) =>
    pick(
      lang,
      `非常抱歉给您带来不好的体验。已为您登记投诉（编号 ${number}），并转接人工顾问尽快联系您。`,
      `We are very sorry. Your complaint is registered (no. ${number}) and an advisor will contact you shortly.`,
    ),
  complaintHandedOver: (lang: ReplyLang) =>
    pick(
      lang,
      '非常抱歉给您带来不好的体验。已为您转接人工顾问，会尽快处理您的投诉。',
      'We are very sorry. I have passed your complaint to an advisor, who will contact you shortly.',
    ),
  noCar: (lang: ReplyLang) =>
    pick(
      lang,
      '您还没有登记车辆，请先在「我的车辆」中添加，或回复「人工」由顾问为您预约。',
      'You have no car on file yet: add one under "My cars", or reply "human" and an advisor will book for you.',
    ),
  whichCar: (lang: ReplyLang, plates: string[]) =>
    pick(
      lang,
      `请问为哪辆车预约？回复序号或车牌：\n${numbered(plates)}`,
      `Which car? Reply with the number or the plate:\n${numbered(plates)}`,
    ),
  whichService: (lang: ReplyLang) =>
    pick(
      lang,
      '请问做什么项目？例如：保养、洗车、轮胎、刹车、年检。',
      'What should we do? E.g. maintenance, car wash, tyres, brakes, inspection.',
    ),
  whichDate: (lang: ReplyLang) =>
    pick(
      lang,
      '请问哪天方便？例如：明天、周六、12月10日。',
      'Which day suits you? E.g. tomorrow, Saturday, Dec 10.',
    ),
  datePast: (lang: ReplyLang) =>
    pick(lang, '这个日期已经过去了，请换一天。', 'That day has passed; please pick another.'),
  noSlots: (lang: ReplyLang) =>
    pick(
      lang,
      '最近一周都约满了，已为您转接顾问安排。',
      'The next week is fully booked; I have passed you to an advisor.',
    ),
  slotFull: (lang: ReplyLang, wished: string, offers: string[]) =>
    pick(
      lang,
      `${wished} 已约满。最近的空位：\n${numbered(offers)}\n回复序号选择。`,
      `${wished} is full. The nearest free times:\n${numbered(offers)}\nReply with a number.`,
    ),
  closed: (lang: ReplyLang, day: string, offers: string[]) =>
    pick(
      lang,
      `${day} 门店不营业或没有可约时段。最近的空位：\n${numbered(offers)}\n回复序号选择。`,
      `We have no bookable times on ${day}. The nearest free times:\n${numbered(offers)}\nReply with a number.`,
    ),
  confirmBooking: (lang: ReplyLang, slot: string, service: string, plate: string, store: string) =>
    pick(
      lang,
      `确认预约 ${slot} ${service} ${plate}（${store}）？回复「确认」`,
      `Confirm booking: ${slot}, ${service}, ${plate} (${store})? Reply "confirm".`,
    ),
  booked: (lang: ReplyLang, slot: string, service: string, store: string) =>
    pick(
      lang,
      `已为您预约 ${slot} ${service}（${store}），门店确认后会通知您。如需改期或取消，直接告诉我即可。`,
      `Booked: ${slot}, ${service} (${store}). The shop will confirm it; tell me if you want to change or cancel.`,
    ),
  noBookings: (lang: ReplyLang) =>
    pick(
      lang,
      '您目前没有可以更改的预约。需要新预约吗？',
      'You have no upcoming booking to change. Would you like to book one?',
    ),
  alreadyCancelled: (lang: ReplyLang, slot: string) =>
    pick(
      lang,
      `您 ${slot} 的预约已经取消了，无需再取消。`,
      `Your booking on ${slot} is already cancelled.`,
    ),
  whichBooking: (lang: ReplyLang, items: string[]) =>
    pick(
      lang,
      `您有以下预约，请回复序号：\n${numbered(items)}`,
      `You have these bookings; reply with a number:\n${numbered(items)}`,
    ),
  confirmCancel: (lang: ReplyLang, booking: string) =>
    pick(
      lang,
      `确认取消 ${booking} 的预约？回复「确认」`,
      `Cancel your booking on ${booking}? Reply "confirm".`,
    ),
  cancelled: (lang: ReplyLang, booking: string) =>
    pick(lang, `已为您取消 ${booking} 的预约。`, `Your booking on ${booking} is cancelled.`),
  rescheduleWhen: (lang: ReplyLang, booking: string) =>
    pick(
      lang,
      `要把 ${booking} 的预约改到什么时候？例如：周六上午10点。`,
      `When should ${booking} move to? E.g. Saturday 10am.`,
    ),
  confirmReschedule: (lang: ReplyLang, from: string, to: string) =>
    pick(
      lang,
      `确认把预约从 ${from} 改到 ${to}？回复「确认」`,
      `Move your booking from ${from} to ${to}? Reply "confirm".`,
    ),
  rescheduled: (lang: ReplyLang, to: string) =>
    pick(lang, `已为您改约到 ${to}。`, `Your booking is moved to ${to}.`),
  bookingGone: (lang: ReplyLang) =>
    pick(
      lang,
      '这个预约的状态已经变了，无法更改。',
      'That booking has changed meanwhile and cannot be changed now.',
    ),
};
