import { describe, expect, it } from 'vitest';
import {
  crossesThreshold,
  holdReasons,
  matchingKeywords,
  mergeReasons,
  muteEnd,
  normaliseForMatch,
  type HoldInput,
} from './moderation-rules.ts';

describe('keyword matching', () => {
  it('normalises full-width forms, case and white space', () => {
    expect(normaliseForMatch('ＶＸ：Ａｂｃ１２３')).toBe('vx:abc123');
    expect(normaliseForMatch(' 加 微\t信 ')).toBe('加微信');
    expect(normaliseForMatch('FREE Money')).toBe('freemoney');
  });

  it('finds a keyword whatever the width, case or spacing it is written in', () => {
    const keywords = ['加微信', 'vx', 'freemoney'].map(normaliseForMatch);
    expect(matchingKeywords('有需要的加 微 信聊', keywords)).toEqual(['加微信']);
    expect(matchingKeywords('我的ＶＸ是 abc', keywords)).toEqual(['vx']);
    expect(matchingKeywords('Free MONEY here', keywords)).toEqual(['freemoney']);
    expect(matchingKeywords('周末一起去洗车', keywords)).toEqual([]);
  });

  it('ignores an empty keyword', () => {
    expect(matchingKeywords('任何内容', [''])).toEqual([]);
  });
});

describe('holding a new piece', () => {
  const base: HoldInput = {
    text: '周末一起去自驾',
    hasImage: false,
    trustLevel: 0,
    minTrustForLinks: 1,
    normalisedKeywords: ['加微信'],
  };
  const cases: [string, Partial<HoldInput>, string[]][] = [
    ['plain text from a newcomer', {}, []],
    ['plain text from a trusted member', { trustLevel: 2 }, []],
    ['a keyword from a newcomer', { text: '加微信领红包' }, ['keyword']],
    ['a keyword from a trusted member', { text: '加微信领红包', trustLevel: 5 }, ['keyword']],
    ['a link from a newcomer', { text: '看这里 https://x.example' }, ['link']],
    ['a bare domain from a newcomer', { text: '上 shop.com 买' }, ['link']],
    ['a link from a member at the trust level', { text: 'https://x.example', trustLevel: 1 }, []],
    ['an image from a newcomer', { hasImage: true }, ['image']],
    ['an image from a trusted member', { hasImage: true, trustLevel: 1 }, []],
    [
      'a keyword, a link and an image from a newcomer',
      { text: '加微信 www.abc.cn', hasImage: true },
      ['keyword', 'link', 'image'],
    ],
    [
      'a link and an image where the tenant trusts everyone',
      { text: 'https://x.example', hasImage: true, minTrustForLinks: 0 },
      [],
    ],
    [
      'a link where the tenant asks more trust',
      { text: 'https://x.example', trustLevel: 2, minTrustForLinks: 3 },
      ['link'],
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(holdReasons({ ...base, ...input })).toEqual(expected);
  });
});

describe('reports passing the threshold', () => {
  it('hides when the sum reaches the threshold exactly', () => {
    expect(crossesThreshold(4, 5, 5)).toBe(true);
  });
  it('hides when a weighted report jumps past it', () => {
    expect(crossesThreshold(3, 6, 5)).toBe(true);
    expect(crossesThreshold(0, 3, 3)).toBe(true);
  });
  it('does not hide below it', () => {
    expect(crossesThreshold(2, 4, 5)).toBe(false);
  });
  it('hides once: a report after the sum passed changes nothing', () => {
    expect(crossesThreshold(5, 6, 5)).toBe(false);
    expect(crossesThreshold(6, 9, 5)).toBe(false);
  });
});

describe('mutes and reasons', () => {
  it('ends a mute whole days later', () => {
    expect(muteEnd(new Date('2026-12-01T10:00:00Z'), 7).toISOString()).toBe(
      '2026-12-08T10:00:00.000Z',
    );
  });
  it('merges reasons once each, in order', () => {
    expect(mergeReasons(['keyword', 'reports'], ['reports', 'link'])).toEqual([
      'keyword',
      'reports',
      'link',
    ]);
  });
});
