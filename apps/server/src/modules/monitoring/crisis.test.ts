import { describe, expect, it } from 'vitest';
import { detectCrisis } from './crisis.ts';

const input = {
  names: ['安途汽车服务', '安途汽车服务·天河店', '安途', 'AnTu Auto'],
  extraWords: ['加收'],
};
const item = (title: string, summary = '') => ({ title, summary });

describe('crisis early warning', () => {
  it('flags a name together with a built-in negative word (zh-CN)', () => {
    expect(detectCrisis(item('车主投诉安途汽车服务乱收费'), input)).toEqual({
      names: ['安途汽车服务', '安途'],
      words: ['投诉', '乱收费'],
    });
  });

  it('flags a store name or an alias, in the summary too', () => {
    expect(detectCrisis(item('本地新闻', '安途汽车服务·天河店被曝光'), input)?.words).toEqual([
      '曝光',
    ]);
    expect(detectCrisis(item('AnTu Auto accused of fraud'), input)).toEqual({
      names: ['AnTu Auto'],
      words: ['fraud'],
    });
  });

  it('uses the tenant’s own negative words', () => {
    expect(detectCrisis(item('安途保养后被加收费用'), input)?.words).toEqual(['加收']);
  });

  it('ignores the name without a negative word, and a negative word without the name', () => {
    expect(detectCrisis(item('安途汽车服务开业三周年'), input)).toBeNull();
    expect(detectCrisis(item('某车行被投诉欺诈'), input)).toBeNull();
  });

  it('needs English words to stand as words', () => {
    expect(detectCrisis(item('AnTu Auto serves scampi at its opening'), input)).toBeNull();
    expect(detectCrisis(item('Is AnTu Auto a SCAM?'), input)?.words).toEqual(['scam']);
    expect(detectCrisis(item('antu auto complaint filed'), input)?.names).toEqual(['AnTu Auto']);
  });

  it('ignores names shorter than two characters and blank ones', () => {
    expect(detectCrisis(item('A 店被投诉'), { names: ['A', ' '], extraWords: [] })).toBeNull();
  });

  it('folds full-width letters before comparing', () => {
    expect(detectCrisis(item('ＡｎＴｕ Ａｕｔｏ ｓｃａｍ'), input)?.words).toEqual(['scam']);
  });
});
