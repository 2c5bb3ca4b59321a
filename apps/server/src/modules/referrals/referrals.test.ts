import { describe, expect, it } from 'vitest';
import { maskName, offerText, rewardText } from './messages.ts';
import { posterSvg, wrap } from './poster.ts';
import { referralLink } from './codes.ts';
import { addressKey } from './household.ts';

describe('household address key', () => {
  it('treats the same address written differently as one', () => {
    expect(addressKey('北京市朝阳区望京西园三区312号楼')).toBe(
      addressKey('北京朝阳区 望京西园3区 312 号楼'),
    );
    expect(addressKey('北京市朝阳区望京西园三区312号楼')).not.toBe(
      addressKey('北京市朝阳区望京西园三区313号楼'),
    );
    expect(addressKey('  ')).toBeNull();
  });
});

describe('wording', () => {
  it('masks names and phones', () => {
    expect(maskName('王小明', '+8613800001234')).toBe('王**');
    expect(maskName(null, '+8613800001234')).toBe('尾号1234');
  });
  it('says rewards and the offer in the customer’s language', () => {
    expect(rewardText({ kind: 'points', amount: 500 }, null, 'zh-CN')).toBe('500 积分');
    expect(rewardText({ kind: 'stored_value', amount: 3050 }, null, 'en')).toBe(
      '¥30.50 stored value',
    );
    expect(rewardText({ kind: 'coupon', amount: 0 }, '洗车券', 'zh-CN')).toBe('优惠券「洗车券」');
    expect(
      offerText(
        {
          welcomeText: '欢迎',
          minOrderFen: 20000,
          refereeReward: { kind: 'points', amount: 300, couponTemplateId: null },
        },
        null,
        'zh-CN',
      ),
    ).toBe('欢迎 首单满 ¥200 送您 300 积分。');
  });
  it('builds the link and escapes the poster text', () => {
    expect(referralLink('https://x.example/', 'K7M2QX', 'demo')).toBe(
      'https://x.example/app/r/K7M2QX?t=demo',
    );
    const svg = posterSvg({
      tenantName: 'A&B <车>',
      referrerName: '王**',
      offer: '欢迎',
      code: 'K7M2QX',
      link: 'https://x.example/app/r/K7M2QX?t=demo',
    });
    expect(svg).toContain('A&amp;B &lt;车&gt;');
    expect(svg).not.toContain('<车>');
  });
});

describe('poster text', () => {
  it('wraps the offer into whole lines and marks text that does not fit', () => {
    const offer =
      '好友邀请您体验我们的养车服务，首单满额双方都有奖励，欢迎到店！首单满¥200送您优惠券「免费标准洗车」';
    const lines = wrap(offer, 18);
    expect(lines.join('')).toBe(offer);
    expect(lines.every((l) => Array.from(l).length <= 18)).toBe(true);
    const long = wrap(offer.repeat(2), 18);
    expect(long).toHaveLength(4);
    expect(long[3]!.endsWith('…')).toBe(true);
    expect(Array.from(long[3]!)).toHaveLength(18);
  });
});
