import { describe, expect, it } from 'vitest';
import { ATOM, JSON_FEED, RDF, RSS } from './feed-samples.ts';
import { dedupeKeyOf, parseFeedText } from './parse-feed.ts';

describe('parsing feeds', () => {
  it('reads RSS 2.0 as plain text (markup and scripts gone)', () => {
    const r = parseFeedText(RSS);
    expect(r.ok && r.format).toBe('rss');
    if (!r.ok) return;
    expect(r.entries[0]).toEqual({
      guid: 'a-1',
      link: 'https://x.example.com/a',
      title: '保养 & 轮胎优惠',
      summary: '限时 6 折',
      author: '王五',
      publishedAt: new Date('2026-11-30T01:00:00Z'),
    });
    expect(dedupeKeyOf(r.entries[1]!)).toBe('l:https://x.example.com/b');
  });

  it('reads Atom, JSON Feed and RSS 1.0', () => {
    const atom = parseFeedText(ATOM);
    expect(atom.ok && atom.entries[0]).toMatchObject({
      guid: 'urn:uuid:1',
      title: '冬季用车',
      link: 'https://y.example.org/e1',
      summary: '检查胎压',
      author: '观察者',
    });
    const json = parseFeedText(JSON_FEED);
    expect(json.ok && json.entries[0]).toMatchObject({
      title: '新能源',
      summary: '电池检测',
      author: '编辑部',
    });
    const rdf = parseFeedText(RDF);
    expect(rdf.ok && rdf.format).toBe('rdf');
    expect(rdf.ok && rdf.entries[0]).toMatchObject({
      title: '监管新规',
      link: 'https://r.example.com/1',
    });
  });

  it('reads malformed XML leniently, entry by entry', () => {
    const broken = `<rss><channel><title>坏</title><item><title>A & B 优惠</title><guid>g1</guid>
      <description>未闭合 <b>标签</description><item><title>第二条</title><link>https://x.example.com/2</link></channel>`;
    const r = parseFeedText(broken);
    expect(r.ok && r.format).toBe('lenient');
    expect(r.ok && r.entries.map((e) => e.title)).toEqual(['A & B 优惠', '第二条']);
  });

  it('calls a web page or random JSON not a feed', () => {
    expect(parseFeedText('<!DOCTYPE html><html><body><h1>Hello</h1></body></html>')).toMatchObject({
      ok: false,
      reason: 'not_a_feed',
    });
    expect(parseFeedText('{"hello":"world"}')).toMatchObject({ ok: false, reason: 'not_a_feed' });
    expect(parseFeedText('')).toMatchObject({ ok: false, reason: 'not_a_feed' });
  });

  it('keys entries by guid, else link, else title and date', () => {
    const e = { guid: null, link: null, title: 'T', summary: '', author: '', publishedAt: null };
    expect(dedupeKeyOf({ ...e, guid: 'x' })).toBe('g:x');
    expect(dedupeKeyOf(e)).toBe('t:T|');
    const nul = parseFeedText(
      '<rss><channel><item><title>x</title><guid>a\u0000b</guid></item></channel></rss>',
    );
    expect(nul.ok && nul.entries[0]!.guid).toBe('ab');
  });
});
