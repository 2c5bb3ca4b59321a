import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes, detectCharset } from './charset.ts';

const xml = (enc: string, body: string) =>
  `<?xml version="1.0" encoding="${enc}"?><rss>${body}</rss>`;

describe('feed charset', () => {
  it('lets a byte-order mark win over every claim', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('gbk', '保养'))]);
    expect(detectCharset(bytes, 'text/xml; charset=gbk')).toEqual({
      charset: 'utf-8',
      source: 'bom',
    });
    expect(decodeFeedBytes(bytes, 'text/xml; charset=gbk')).toContain('保养');
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('<rss>轮胎</rss>', 'utf-16le'),
    ]);
    expect(decodeFeedBytes(le, null)).toBe('<rss>轮胎</rss>');
  });

  it('reads the Content-Type charset, GBK and GB2312 through GB18030', () => {
    const bytes = iconv.encode(xml('utf-8', '冬季保养'), 'gbk');
    // The header is right and the declaration wrong: the header wins.
    expect(detectCharset(bytes, 'application/rss+xml; charset="GB2312"').charset).toBe('gb18030');
    expect(decodeFeedBytes(bytes, 'application/rss+xml; charset=GBK')).toContain('冬季保养');
  });

  it('reads the XML declaration when the header names no charset', () => {
    const bytes = iconv.encode(xml('GB18030', '新能源'), 'gb18030');
    expect(detectCharset(bytes, 'text/xml')).toEqual({ charset: 'gb18030', source: 'declaration' });
    expect(decodeFeedBytes(bytes, 'text/xml')).toContain('新能源');
  });

  it('does not believe a UTF-8 claim the bytes break', () => {
    const bytes = iconv.encode(xml('gbk', '投诉'), 'gbk');
    expect(detectCharset(bytes, 'text/xml; charset=utf-8')).toEqual({
      charset: 'gb18030',
      source: 'declaration',
    });
    const unlabelled = iconv.encode('<rss>差评</rss>', 'gbk');
    expect(detectCharset(unlabelled, 'text/xml; charset=utf-8').source).toBe('fallback');
    expect(decodeFeedBytes(unlabelled, 'text/xml; charset=utf-8')).toBe('<rss>差评</rss>');
  });

  it('defaults to UTF-8 and ignores unknown labels', () => {
    const bytes = Buffer.from(xml('x-unknown', '自驾'));
    expect(detectCharset(bytes, 'text/xml; charset=klingon')).toEqual({
      charset: 'utf-8',
      source: 'utf-8',
    });
  });
});
