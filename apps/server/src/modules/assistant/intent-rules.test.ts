// The assistant's intent rules over a table of what owners actually write, in Chinese and English.
import { describe, expect, it } from 'vitest';
import { detectLang, understand, type Intent } from './intent-rules.ts';

const KEYWORDS = ['投诉', '人工', '转人工', '客服'];
// Monday 7 December 2026.
const TODAY = '2026-12-07';
const read = (text: string) => understand(text, { today: TODAY, handoverKeywords: KEYWORDS });

const TABLE: [string, Intent][] = [
  ['我想明天上午约个保养', 'book'],
  ['预约保养', 'book'],
  ['帮我预约周六洗车', 'book'],
  ['下周三下午3点约个保养', 'book'],
  ['12月10日想来换机油', 'book'],
  ['后天能约一下洗车吗', 'book'],
  ['想订个时间换轮胎', 'book'],
  ['我要预约年检', 'book'],
  ['明天来保养', 'book'],
  ['周六上午10点 保养 粤B12345', 'book'],
  ['I want to book an oil change tomorrow', 'book'],
  ['Can I make an appointment for Saturday?', 'book'],
  ['book a car wash next monday 10am', 'book'],
  ['我想改期', 'reschedule'],
  ['能不能把预约改到周五', 'reschedule'],
  ['预约换个时间吧', 'reschedule'],
  ['推迟到下午', 'reschedule'],
  ['reschedule my appointment to Friday', 'reschedule'],
  ['取消预约', 'cancel'],
  ['明天去不了了', 'cancel'],
  ['帮我把保养取消了', 'cancel'],
  ['please cancel my booking', 'cancel'],
  ['我还有多少积分', 'points'],
  ['查积分', 'points'],
  ['how many points do I have', 'points'],
  ['卡里还有多少钱', 'stored_value'],
  ['储值余额多少', 'stored_value'],
  ['what is my balance', 'stored_value'],
  ['我有优惠券吗', 'coupons'],
  ['有什么券可以用', 'coupons'],
  ['do I have any coupons', 'coupons'],
  ['下次保养是什么时候', 'due'],
  ['我的车该保养了吗', 'due'],
  ['保险什么时候到期', 'due'],
  ['when is my next service due', 'due'],
  ['营业时间', 'hours'],
  ['你们几点关门', 'hours'],
  ['周日开门吗', 'hours'],
  ['what are your opening hours', 'hours'],
  ['你们地址在哪', 'directions'],
  ['门店怎么走', 'directions'],
  ['where are you located? need directions', 'directions'],
  ['机油滤芯多少钱', 'part_price'],
  ['换刹车片大概什么价', 'part_price'],
  ['小保养多少钱', 'part_price'],
  ['how much is a battery', 'part_price'],
  ['我要投诉', 'complaint'],
  ['上次保养太差了，很不满意', 'complaint'],
  ['I want to complain about the service', 'complaint'],
  ['人工', 'human'],
  ['转人工', 'human'],
  ['我要找客服', 'human'],
  ['can I talk to a real person', 'human'],
  ['你好', 'greeting'],
  ['在吗', 'greeting'],
  ['hello', 'greeting'],
  ['谢谢', 'thanks'],
  ['好的谢谢你', 'thanks'],
  ['thanks a lot', 'thanks'],
  ['确认', 'confirm'],
  ['好的', 'confirm'],
  ['yes', 'confirm'],
  ['OK!', 'confirm'],
  ['算了', 'deny'],
  ['不用了', 'deny'],
  ['no', 'deny'],
  ['你们能开发票吗', 'unknown'],
  ['车子有异响怎么办', 'unknown'],
  ['what is the meaning of life', 'unknown'],
];

describe('intents', () => {
  it('has a table of at least sixty utterances', () =>
    expect(TABLE.length).toBeGreaterThanOrEqual(60));
  it.each(TABLE)('%s → %s', (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });

  it('reads the service, the plate and the time of a booking', () => {
    const u = read('周六上午10点 保养 粤B12345');
    expect(u).toMatchObject({ service: 'oil_change', plate: '粤B12345' });
    expect(u.when).toEqual({ date: '2026-12-12', minutes: 600, part: 'morning' });
    expect(read('明天洗车').service).toBe('wash');
    expect(read('换轮胎').service).toBe('tyres');
    expect(read('刹车片').service).toBe('brakes');
    expect(read('你好').service).toBeNull();
  });

  it('names the part a price question asks about', () => {
    expect(read('机油滤芯多少钱').part).toBe('机油滤芯');
    expect(read('how much is a battery').part).toBe('battery');
  });

  it('hands over on a tenant keyword even where a rule would answer', () => {
    const u = understand('预约保养，要人工确认', { today: TODAY, handoverKeywords: KEYWORDS });
    expect(u).toMatchObject({ intent: 'human', keyword: '人工' });
    const own = understand('经理在吗', { today: TODAY, handoverKeywords: ['经理'] });
    expect(own).toMatchObject({ intent: 'human', keyword: '经理' });
    const complaint = understand('太坑了我要投诉', { today: TODAY, handoverKeywords: KEYWORDS });
    expect(complaint.intent).toBe('complaint');
  });

  it('tells the language', () => {
    expect(detectLang('我想约保养')).toBe('zh-CN');
    expect(detectLang('book an oil change')).toBe('en');
    expect(detectLang('オイル交換を予約したい')).toBe('other');
    expect(detectLang('예약하고 싶어요')).toBe('other');
    expect(detectLang('Je voudrais réserver')).toBe('other');
    expect(detectLang('10:30')).toBeNull();
  });
});
