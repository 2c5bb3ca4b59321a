// The analyser and the ranking, case by case: segmentation, traditional characters, synonyms,
// homophone typos, English stems and stop words, field weights, the floor under which nothing is
// an answer, one-edit typo matching.
import { describe, expect, it } from 'vitest';
import { buildHelpIndex, rankHelp, withinOneEdit } from './help-search.ts';
import { analyze, compileSynonyms, normalizeText, NO_SYNONYMS } from './help-tokenize.ts';

describe('analyze', () => {
  it('cuts Chinese into words, search mode keeping the parts of long words', () => {
    const { words } = analyze('刹车片多久换一次？');
    expect(words).toContain('刹车片');
    expect(words).toContain('刹车');
    expect(words).toContain('多久');
    expect(words).not.toContain('？');
  });

  it('drops Chinese stop words', () => {
    expect(analyze('请问我的积分怎么查呢').words).toEqual(['积分', '查']);
  });

  it('folds traditional (Taiwan, Hong Kong) and full-width characters to simplified', () => {
    expect(normalizeText('機油多久更換？ＡＢＣ')).toBe('机油多久更换?abc');
    expect(analyze('輪胎').words).toEqual(analyze('轮胎').words);
  });

  it('gives toneless pinyin pairs, so a homophone typo sounds the same', () => {
    expect(analyze('机油').sounds).toEqual(['ji|you']);
    expect(analyze('鸡油').sounds).toEqual(analyze('机油').sounds);
  });

  it('stems English and drops English stop words', () => {
    expect(analyze('How often are the tyres changed?').words).toEqual(['often', 'tyre', 'chang']);
  });

  it('folds synonyms to the first term of their group, in both languages', () => {
    const syn = compileSynonyms([
      ['保养', '维护'],
      ['tyre', 'tire'],
      ['预约', '约'],
    ]);
    expect(analyze('多久维护一次', syn).words).toContain('保养');
    expect(analyze('new tires', syn).words).toEqual(['new', 'tyre']);
    // A one-character term folds only as a word of its own, never inside another word.
    expect(analyze('明天约吗', syn).words).toContain('预约');
    expect(analyze('大约', syn).words).not.toContain('预约');
  });

  it('never fails on text of another script or on symbols only', () => {
    expect(analyze('エンジンオイル交換 Моторное масло 🚗').words.length).toBeGreaterThan(0);
    expect(analyze('？！…   ').words).toEqual([]);
  });
});

describe('rankHelp', () => {
  const docs = [
    { id: 'oil', question: '多久换一次机油？', answer: '一般每5000公里更换机油和机滤。' },
    { id: 'tyre', question: '轮胎多久需要更换？', answer: '花纹深度低于1.6毫米应更换。' },
    { id: 'hours', question: '营业时间是几点？', answer: '每天8:30到19:00营业，换季不休息。' },
    { id: 'brake', question: '刹车片多久换？', answer: '刹车时有异响请检查，机油无关。' },
  ];
  const index = buildHelpIndex(docs, compileSynonyms([['机油', '润滑油']]));

  it('ranks the entry whose question matches first, with a score', () => {
    const hits = rankHelp(index, '机油多久换');
    expect(hits[0]?.id).toBe('oil');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]?.score ?? 0);
  });

  it('weighs a match in the question above one in the answer', () => {
    const qa = buildHelpIndex(
      [
        { id: 'in-answer', question: '门店在哪', answer: '换季时营业时间会调整' },
        { id: 'in-question', question: '换季营业时间', answer: '门店照常开放' },
      ],
      NO_SYNONYMS,
    );
    expect(rankHelp(qa, '换季营业时间').map((h) => h.id)).toEqual(['in-question', 'in-answer']);
  });

  it('finds by synonym, traditional characters and homophone typo', () => {
    expect(rankHelp(index, '润滑油多久换')[0]?.id).toBe('oil');
    expect(rankHelp(index, '機油多久換')[0]?.id).toBe('oil');
    expect(rankHelp(index, '鸡油多久换')[0]?.id).toBe('oil');
  });

  it('answers nothing when nothing matches well enough, or the query is empty', () => {
    expect(rankHelp(index, '今天天气怎么样')).toEqual([]);
    expect(rankHelp(index, '')).toEqual([]);
    expect(rankHelp(index, '的了吗')).toEqual([]);
  });

  it('keeps to the limit', () => {
    expect(rankHelp(index, '多久更换', { limit: 1, minScore: 0 })).toHaveLength(1);
  });

  it('matches an English word one edit away, at half weight', () => {
    const en = buildHelpIndex(
      [
        {
          id: 'brakes',
          question: 'When should brake pads be replaced?',
          answer: 'Every 30,000 km.',
        },
        { id: 'wash', question: 'How much is a car wash?', answer: '35 yuan.' },
      ],
      NO_SYNONYMS,
    );
    expect(rankHelp(en, 'replacing breke pads')[0]?.id).toBe('brakes');
    expect(withinOneEdit('frend', 'friend')).toBe(true);
    expect(withinOneEdit('brkae', 'brake')).toBe(true);
    expect(withinOneEdit('bread', 'brake')).toBe(false);
  });
});
