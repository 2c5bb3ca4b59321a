import { describe, expect, it } from 'vitest';
import { containsLink, sanitizePlainText, sanitizeRichHtml } from './sanitize.ts';

// Payloads from the usual XSS cheat sheets: each must come out with nothing executable.
const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<img src="x" onerror="&#97;lert(1)">',
  '<style>@import "http://evil/x.css";</style>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<video><source onerror="alert(1)"></video>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

const DANGEROUS =
  /<script|onerror|onload|onfocus|ontoggle|javascript:|<iframe|<svg|<object|<embed|<style|<meta|data:text/i;

describe('sanitizePlainText', () => {
  it.each(XSS)('leaves no markup of %s', (payload) => {
    const out = sanitizePlainText(payload);
    // Plain text may keep a literal "<" typed as text, but never a tag that survives as a tag.
    expect(sanitizePlainText(out)).toBe(out);
    expect(out).not.toMatch(/<[a-z!/]/i);
  });

  it('keeps what the owner typed, Chinese, emoji and symbols included', () => {
    expect(sanitizePlainText('周末去莫干山 🚗 5 < 6 & "好"')).toBe('周末去莫干山 🚗 5 < 6 & "好"');
    expect(sanitizePlainText('  <b>机油</b>换了 ')).toBe('机油换了');
    expect(sanitizePlainText('<script>alert(1)</script>你好')).toBe('你好');
  });
});

describe('sanitizeRichHtml', () => {
  it.each(XSS)('leaves nothing executable of %s', (payload) => {
    expect(sanitizeRichHtml(payload)).not.toMatch(DANGEROUS);
  });

  it('keeps a written piece and makes links safe', () => {
    expect(sanitizeRichHtml('<p>换<strong>刹车片</strong></p>')).toBe(
      '<p>换<strong>刹车片</strong></p>',
    );
    expect(sanitizeRichHtml('<a href="https://x.cn/a" onclick="x()">看</a>')).toBe(
      '<a href="https://x.cn/a" rel="noopener noreferrer nofollow" target="_blank">看</a>',
    );
    expect(sanitizeRichHtml('<img src="https://x.cn/a.jpg" onerror="x()">')).toBe(
      '<img src="https://x.cn/a.jpg" />',
    );
  });
});

describe('containsLink', () => {
  it.each([
    ['看这里 https://x.cn', true],
    ['www.example.com 打折', true],
    ['加我 shop123.com', true],
    ['今天换了机油，5.5 升', false],
    ['周末聚会', false],
  ])('%s → %s', (text, hit) => {
    expect(containsLink(text)).toBe(hit);
  });
});
