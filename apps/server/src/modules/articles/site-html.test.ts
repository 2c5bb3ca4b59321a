// The pieces the public pages and feeds are built from: escaping templates, absolute links in
// an article body, and the conditional-request decision.
import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { escapeHtml, markup, trusted } from './site-html.ts';
import { notModified, strongEtag } from './site-http.ts';
import { absoluteLinks, siteUrls } from './site-urls.ts';

describe('markup', () => {
  it('escapes every interpolation, in text and in attributes', () => {
    const evil = `"><script>alert(1)</script>'\``;
    expect(markup`<a title="${evil}">${evil}</a>`.value).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;&#96;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;&#96;</a>',
    );
  });

  it('keeps nested templates and trusted HTML as they are, and drops empty values', () => {
    const inner = markup`<b>${'<i>'}</b>`;
    expect(
      markup`<p>${inner}${[inner, null]}${false}${undefined}${trusted('<em>x</em>')}${3}</p>`.value,
    ).toBe('<p><b>&lt;i&gt;</b><b>&lt;i&gt;</b><em>x</em>3</p>');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });
});

describe('absoluteLinks', () => {
  const base = 'https://shop.example.cn/site/s/articles/a';
  it('makes src and href absolute, keeping what is already absolute', () => {
    expect(
      absoluteLinks(
        '<p><a href="/site/s/tags/x?a=1&amp;b=2" rel="x">t</a><img src="pic.jpg" alt="&quot;"><a href="https://other.cn/x">o</a><a href="mailto:a@b.cn">m</a></p>',
        base,
      ),
    ).toBe(
      '<p><a href="https://shop.example.cn/site/s/tags/x?a=1&amp;b=2" rel="x">t</a><img src="https://shop.example.cn/site/s/articles/pic.jpg" alt="&quot;"><a href="https://other.cn/x">o</a><a href="mailto:a@b.cn">m</a></p>',
    );
  });

  it('leaves text that only looks like an attribute alone', () => {
    const text = '<p>write src="/x" in your config</p>';
    expect(absoluteLinks(text, base)).toBe(text);
  });
});

describe('siteUrls', () => {
  it('builds absolute, encoded addresses under /site/{tenant}/', () => {
    const u = siteUrls('https://shop.example.cn/', 'demo');
    expect(u.home).toBe('https://shop.example.cn/site/demo/');
    expect(u.article('冬季 轮胎')).toBe(
      'https://shop.example.cn/site/demo/articles/%E5%86%AC%E5%AD%A3%20%E8%BD%AE%E8%83%8E',
    );
    expect(u.feed({ kind: 'home' }, 'atom')).toBe('https://shop.example.cn/site/demo/atom.xml');
    expect(u.feed({ kind: 'tag', slug: 'ev' }, 'json')).toBe(
      'https://shop.example.cn/site/demo/tags/ev/feed.json',
    );
    expect(u.absolute('/api/v1/public/media/x')).toBe(
      'https://shop.example.cn/api/v1/public/media/x',
    );
  });
});

describe('notModified', () => {
  const etag = strongEtag('body');
  const at = new Date('2026-11-20T02:00:00.750Z');
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
  it('compares entity tags first, then dates to the second', () => {
    expect(notModified(req({ 'if-none-match': etag }), etag, at)).toBe(true);
    expect(notModified(req({ 'if-none-match': `"x", W/${etag}` }), etag, at)).toBe(true);
    expect(notModified(req({ 'if-none-match': '*' }), etag, at)).toBe(true);
    expect(
      notModified(req({ 'if-none-match': '"x"', 'if-modified-since': at.toUTCString() }), etag, at),
    ).toBe(false);
    expect(notModified(req({ 'if-modified-since': at.toUTCString() }), etag, at)).toBe(true);
    expect(
      notModified(
        req({ 'if-modified-since': new Date(at.getTime() - 1000).toUTCString() }),
        etag,
        at,
      ),
    ).toBe(false);
    expect(notModified(req({ 'if-modified-since': 'yesterday' }), etag, at)).toBe(false);
    expect(notModified(req({ 'if-modified-since': at.toUTCString() }), etag, null)).toBe(false);
    expect(notModified(req({}), etag, at)).toBe(false);
  });
});
