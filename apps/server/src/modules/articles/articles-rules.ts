// The rules of writing articles that need no database: reading time, slugs, which status change
// an action makes, and which images a body may show (only this tenant's media).
import { pinyin } from 'pinyin-pro';
import type { ArticleStatus } from './articles.tables.ts';

/** Chinese readers take about 400 characters a minute, English ones 200 words; a picture ~12 s. */
const CJK_PER_MINUTE = 400;
const WORDS_PER_MINUTE = 200;
const SECONDS_PER_IMAGE = 12;

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;

/** The text of sanitised HTML (tags removed, entities of space turned to space). */
export function textOfHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
}

/** Minutes to read a body: Chinese characters, latin words and pictures; at least 1. */
export function readingMinutes(html: string): number {
  const text = textOfHtml(html);
  const cjk = (text.match(CJK) ?? []).length;
  const words = text.replace(CJK, ' ').match(/[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g) ?? [];
  const images = (html.match(/<img\b/gi) ?? []).length;
  const minutes =
    cjk / CJK_PER_MINUTE + words.length / WORDS_PER_MINUTE + (images * SECONDS_PER_IMAGE) / 60;
  return Math.max(1, Math.ceil(minutes));
}

const SLUG_MAX = 80;

/**
 * A URL-safe slug of a title: Chinese in pinyin without tones ("冬季胎压" → "dong-ji-tai-ya"),
 * latin lower-cased, everything else a single dash; never empty ("article").
 */
export function slugOf(title: string): string {
  const parts = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const slug = parts
    .join('-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
  return slug || 'article';
}

/** The first of `base`, `base-2`, `base-3`… that is not taken. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A slug a person typed (tags): lower-case latin, digits and single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ARTICLE_ACTIONS = [
  'submit',
  'publish',
  'schedule',
  'unpublish',
  'return',
  'due',
] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

const TRANSITIONS: Record<ArticleAction, Partial<Record<ArticleStatus, ArticleStatus>>> = {
  // A KOL hands a draft to the shop.
  submit: { draft: 'in_review' },
  // Staff publish a draft, a reviewed KOL draft, a scheduled one early, or an archived one again.
  publish: {
    draft: 'published',
    in_review: 'published',
    scheduled: 'published',
    archived: 'published',
  },
  // A new or moved date; an archived article comes back through a schedule too.
  schedule: {
    draft: 'scheduled',
    in_review: 'scheduled',
    scheduled: 'scheduled',
    archived: 'scheduled',
  },
  // Taken off the site (kept, with its slug); a schedule called off goes back to draft.
  unpublish: { published: 'archived', scheduled: 'draft' },
  // A manager sends a KOL draft back with a note.
  return: { in_review: 'draft' },
  // The schedule job, when publishAt comes.
  due: { scheduled: 'published' },
};

/** The status an action leads to from `from`, or null when it does not apply. */
export function nextStatus(from: ArticleStatus, action: ArticleAction): ArticleStatus | null {
  return TRANSITIONS[action][from] ?? null;
}

/** Who saves: staff may change any status's text; a KOL only their own draft (not in review). */
export function editableBy(status: ArticleStatus, by: 'staff' | 'kol'): boolean {
  if (by === 'staff') return true;
  return status === 'draft';
}

/** The staff roles that publish, schedule, unpublish and review. */
export const PUBLISHER_ROLES = ['owner', 'manager'] as const;

const MEDIA_SRC =
  /^(?:https?:\/\/[^/]+)?\/api\/v1\/public\/media\/([0-9a-f-]{36})\/images\/([0-9a-f-]{36})\/(display|thumb)$/i;

/** The media image id an `img src` names when it is this tenant's media, else null. */
export function mediaImageId(src: string, tenantId: string): string | null {
  const m = MEDIA_SRC.exec(src.trim());
  if (!m || m[1]!.toLowerCase() !== tenantId.toLowerCase()) return null;
  return m[2]!.toLowerCase();
}

/**
 * Sanitised HTML with every `<img>` not showing one of `allowed(id)` removed; answers the HTML
 * and the ids kept, in order of first appearance.
 */
export function keepOwnImages(
  html: string,
  tenantId: string,
  allowed: (id: string) => boolean,
): { html: string; imageIds: string[] } {
  const ids: string[] = [];
  const out = html.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = /\ssrc="([^"]*)"/i.exec(tag)?.[1] ?? '';
    const id = mediaImageId(src.replace(/&amp;/g, '&'), tenantId);
    if (!id || !allowed(id)) return '';
    if (!ids.includes(id)) ids.push(id);
    return tag;
  });
  return { html: out, imageIds: ids };
}

/** The image ids a body names (before checking they exist). */
export function imageIdsIn(html: string, tenantId: string): string[] {
  return keepOwnImages(html, tenantId, () => true).imageIds;
}

/** A KOL's plain text and photos as article HTML: a paragraph per line, the photos after. */
export function htmlOfPlainText(text: string, imageUrls: readonly string[]): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const paragraphs = text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`);
  return [...paragraphs, ...imageUrls.map((u) => `<p><img src="${esc(u)}" alt=""></p>`)].join('');
}

const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
  amp: '&',
};

/** Back from such HTML to the lines a KOL typed. */
export function plainTextOfHtml(html: string): string {
  return html
    .split(/<\/p>|<br\s*\/?>|<\/h[2-4]>|<\/li>|<\/blockquote>/i)
    .map((chunk) =>
      chunk
        .replace(/<[^>]*>/g, ' ')
        .replace(/&(lt|gt|quot|#39|nbsp|amp);/g, (_, e: string) => ENTITIES[e] ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}
