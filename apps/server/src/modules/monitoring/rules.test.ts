import { describe, expect, it } from 'vitest';
import { containsTerm, fold, matchRule, normaliseTerm } from './rules.ts';

const item = (title: string, summary = '', author = '') => ({ title, summary, author });

describe('keyword rules', () => {
  it('finds plain words case-insensitively, full-width folded', () => {
    expect(containsTerm(fold('Michelin 轮胎 Promotion'), 'promotion')).toBe(true);
    expect(containsTerm(fold('ＭＩＣＨＥＬＩＮ 新品'), 'michelin')).toBe(true);
    expect(containsTerm(fold('保养套餐'), '轮胎')).toBe(false);
  });

  it('treats * as any run of characters, in order', () => {
    const t = fold('机油保养限时 6 折优惠');
    expect(containsTerm(t, '保养*优惠')).toBe(true);
    expect(containsTerm(t, '优惠*保养')).toBe(false);
    expect(containsTerm(t, '*保养*')).toBe(true);
    expect(containsTerm(t, '机油*6*优惠')).toBe(true);
  });

  it('stays fast on hostile terms and long text', () => {
    const text = fold('a'.repeat(100_000));
    const started = performance.now();
    expect(containsTerm(text, 'a*a*a*a*a*a*a*a*a*b')).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('normalises terms: trims, collapses stars, refuses empty ones, caps the length', () => {
    expect(normaliseTerm('  保养 **优惠 ')).toBe('保养 *优惠');
    expect(normaliseTerm('***')).toBeNull();
    expect(normaliseTerm('   ')).toBeNull();
    expect(normaliseTerm('x'.repeat(100))!.length).toBe(60);
  });

  it('matches on include terms, is vetoed by exclude terms, on the chosen fields only', () => {
    const rule = { include: ['轮胎', '保养*优惠'], exclude: ['招聘'], fields: ['title'] as const };
    expect(matchRule({ ...rule, fields: ['title'] }, item('轮胎买三送一'))).toEqual(['轮胎']);
    expect(matchRule({ ...rule, fields: ['title'] }, item('招聘轮胎技师'))).toBeNull();
    expect(matchRule({ ...rule, fields: ['title'] }, item('新店开业', '轮胎优惠'))).toBeNull();
    expect(
      matchRule({ ...rule, fields: ['title', 'summary'] }, item('新店开业', '保养限时优惠')),
    ).toEqual(['保养*优惠']);
    expect(
      matchRule({ include: ['张三'], exclude: [], fields: ['author'] }, item('x', '', '张三')),
    ).toEqual(['张三']);
  });
});
