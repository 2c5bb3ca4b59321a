import { describe, expect, it } from 'vitest';
import { ARTICLE_STATUSES, type ArticleStatus } from './articles.tables.ts';
import {
  ARTICLE_ACTIONS,
  editableBy,
  htmlOfPlainText,
  keepOwnImages,
  mediaImageId,
  nextStatus,
  plainTextOfHtml,
  readingMinutes,
  slugOf,
  uniqueSlug,
  type ArticleAction,
} from './articles-rules.ts';
import { orderByInterest } from './news.ts';

const T = '11111111-1111-4111-8111-111111111111';
const I = '22222222-2222-4222-8222-222222222222';
const src = (tenant: string, id: string) => `/api/v1/public/media/${tenant}/images/${id}/display`;

describe('reading time', () => {
  it('is at least one minute, even for nothing', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('<p>短</p>')).toBe(1);
  });
  it('counts Chinese at 400 characters a minute', () => {
    expect(readingMinutes(`<p>${'字'.repeat(400)}</p>`)).toBe(1);
    expect(readingMinutes(`<p>${'字'.repeat(401)}</p>`)).toBe(2);
    expect(readingMinutes(`<p>${'字'.repeat(1200)}</p>`)).toBe(3);
  });
  it('counts English at 200 words a minute, ignoring tags', () => {
    expect(readingMinutes(`<p>${'word '.repeat(200)}</p>`)).toBe(1);
    expect(readingMinutes(`<h2>x</h2><p>${'tyre '.repeat(600)}</p>`)).toBe(4);
  });
  it('adds a little per picture and mixes languages', () => {
    const text = `<p>${'字'.repeat(400)}</p>`;
    expect(readingMinutes(text + '<img src="a">')).toBe(2);
    expect(readingMinutes(`<p>${'字'.repeat(200)} ${'oil '.repeat(100)}</p>`)).toBe(1);
    expect(readingMinutes(`<p>${'字'.repeat(200)} ${'oil '.repeat(101)}</p>`)).toBe(2);
  });
});

describe('slugs', () => {
  it('turns Chinese into toneless pinyin words', () => {
    expect(slugOf('冬季胎压')).toBe('dong-ji-tai-ya');
    expect(slugOf('机油怎么选？')).toBe('ji-you-zen-me-xuan');
  });
  it('keeps latin and digits, lower-cased, with single dashes', () => {
    expect(slugOf('  Winter Tyres: 5 Tips!! ')).toBe('winter-tyres-5-tips');
    expect(slugOf('0W-20 和 5W-30')).toBe('0w-20-he-5w-30');
    expect(slugOf('Café crème')).toBe('cafe-creme');
  });
  it('is never empty and never too long', () => {
    expect(slugOf('！！！')).toBe('article');
    expect(slugOf('')).toBe('article');
    const long = slugOf('a'.repeat(50) + ' ' + 'b'.repeat(50));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-')).toBe(false);
  });
  it('takes the first free suffix', () => {
    expect(uniqueSlug('a', new Set())).toBe('a');
    expect(uniqueSlug('a', new Set(['a']))).toBe('a-2');
    expect(uniqueSlug('a', new Set(['a', 'a-2', 'a-3']))).toBe('a-4');
  });
});

describe('status transitions', () => {
  const table: Record<ArticleAction, Partial<Record<ArticleStatus, ArticleStatus>>> = {
    submit: { draft: 'in_review' },
    publish: {
      draft: 'published',
      in_review: 'published',
      scheduled: 'published',
      archived: 'published',
    },
    schedule: {
      draft: 'scheduled',
      in_review: 'scheduled',
      scheduled: 'scheduled',
      archived: 'scheduled',
    },
    unpublish: { published: 'archived', scheduled: 'draft' },
    return: { in_review: 'draft' },
    due: { scheduled: 'published' },
  };
  for (const action of ARTICLE_ACTIONS)
    for (const from of ARTICLE_STATUSES)
      it(`${action} from ${from} → ${table[action][from] ?? 'refused'}`, () => {
        expect(nextStatus(from, action)).toBe(table[action][from] ?? null);
      });

  it('lets staff edit in any status and a KOL only a draft', () => {
    for (const s of ARTICLE_STATUSES) {
      expect(editableBy(s, 'staff')).toBe(true);
      expect(editableBy(s, 'kol')).toBe(s === 'draft');
    }
  });
});

describe('images', () => {
  it('knows this tenant’s media addresses only', () => {
    expect(mediaImageId(src(T, I), T)).toBe(I);
    expect(mediaImageId(`https://shop.example${src(T, I)}`, T)).toBe(I);
    expect(mediaImageId(src(I, I), T)).toBeNull();
    expect(mediaImageId('https://evil.example/x.jpg', T)).toBeNull();
  });
  it('removes foreign and unknown pictures, keeping ours in order', () => {
    const html = `<p>a</p><img src="https://evil.example/x.jpg"><img src="${src(T, I)}" alt="ok"><img src="${src(T, T)}">`;
    const out = keepOwnImages(html, T, (id) => id === I);
    expect(out.imageIds).toEqual([I]);
    expect(out.html).toBe(`<p>a</p><img src="${src(T, I)}" alt="ok">`);
  });
});

describe('KOL plain text', () => {
  it('becomes paragraphs and photos, escaped, and comes back as lines', () => {
    const html = htmlOfPlainText('第一段 <b>\n\n第二段 & 3', [src(T, I)]);
    expect(html).toBe(
      `<p>第一段 &lt;b&gt;</p><p>第二段 &amp; 3</p><p><img src="${src(T, I)}" alt=""></p>`,
    );
    expect(plainTextOfHtml(html)).toBe('第一段 <b>\n第二段 & 3');
  });
});

describe('interest order', () => {
  const day = (d: number) => new Date(Date.UTC(2026, 11, d));
  const items = [
    { id: 'new', tags: [{ slug: 'ev' }], publishedAt: day(5) },
    { id: 'tyre', tags: [{ slug: 'tyres' }, { slug: 'winter' }], publishedAt: day(3) },
    { id: 'old', tags: [{ slug: 'ev' }], publishedAt: day(1) },
  ];
  it('sums tag scores, newest first on a tie', () => {
    const order = orderByInterest(
      items,
      new Map([
        ['tyres', 0.4],
        ['winter', 0.2],
        ['ev', 0.7],
      ]),
    );
    expect(order.map((i) => i.id)).toEqual(['new', 'old', 'tyre']);
    const tie = orderByInterest(
      items,
      new Map([
        ['tyres', 0.7],
        ['ev', 0.7],
      ]),
    );
    expect(tie.map((i) => i.id)).toEqual(['new', 'tyre', 'old']);
  });
});
