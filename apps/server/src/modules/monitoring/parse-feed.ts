// A feed's text as entries, whichever of RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed it is: parsed
// by feedsmith, and when that refuses malformed XML, read leniently entry by entry (a feed with
// one unescaped ampersand still has news in it). A web page instead of a feed is `not_a_feed`.
import { parseFeed } from 'feedsmith';

export interface FeedEntry {
  /** guid / id, else the link, else a hash of title and date (see `dedupeKeyOf`). */
  guid: string | null;
  link: string | null;
  title: string;
  summary: string;
  author: string;
  publishedAt: Date | null;
}

export type ParseOutcome =
  | { ok: true; format: 'rss' | 'atom' | 'json' | 'rdf' | 'lenient'; entries: FeedEntry[] }
  | { ok: false; reason: 'not_a_feed'; detail: string };

const MAX_ENTRIES = 200;
const TITLE_MAX = 500;
const SUMMARY_MAX = 2000;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (all, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '';
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}

/** Plain text of a feed field that may hold HTML, entities or CDATA, on one line, cut to `max`. */
export function plainText(value: unknown, max: number): string {
  const raw = textOf(value);
  const text = decodeEntities(
    raw
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/gu, '$1')
      .replace(/<(script|style)[\s\S]*?<\/\1>/giu, ' ')
      .replace(
        /<\/?(br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article)\b[^>]*>/giu,
        ' ',
      )
      .replace(/<[^>]*>/gu, ''),
  )
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function textOf(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return textOf(o.value ?? o.name ?? o.email ?? '');
  }
  return '';
}

function dateOf(value: unknown): Date | null {
  const s = textOf(value).trim();
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An entry's id as stored: no control characters, at most 500 characters, null when empty. */
const idOf = (value: unknown): string | null =>
  textOf(value)
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 500) || null;

const httpLink = (value: unknown): string | null => {
  const s = textOf(value)
    .replace(/\p{Cc}/gu, '')
    .trim();
  return /^https?:\/\//iu.test(s) && s.length <= 2000 ? s : null;
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});

function authorOf(item: Obj): string {
  const dc = obj(item.dc);
  return plainText(item.authors ?? item.author ?? dc.creators ?? dc.creator, 200);
}

function atomLink(item: Obj): string | null {
  const links = Array.isArray(item.links) ? (item.links as Obj[]) : [];
  const alt = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  return httpLink(alt?.href);
}

function entryOf(format: string, item: Obj): FeedEntry {
  if (format === 'atom')
    return {
      guid: idOf(item.id),
      link: atomLink(item),
      title: plainText(item.title, TITLE_MAX),
      summary: plainText(item.summary ?? item.content, SUMMARY_MAX),
      author: authorOf(item),
      publishedAt: dateOf(item.published ?? item.updated),
    };
  if (format === 'json')
    return {
      guid: idOf(item.id),
      link: httpLink(item.url),
      title: plainText(item.title, TITLE_MAX),
      summary: plainText(item.summary ?? item.content_text ?? item.content_html, SUMMARY_MAX),
      author: authorOf(item),
      publishedAt: dateOf(item.date_published ?? item.date_modified),
    };
  const content = obj(item.content);
  return {
    guid: idOf(item.guid) ?? idOf(obj(item.rdf).about),
    link: httpLink(item.link),
    title: plainText(item.title, TITLE_MAX),
    summary: plainText(item.description ?? content.encoded, SUMMARY_MAX),
    author: authorOf(item),
    publishedAt: dateOf(item.pubDate ?? obj(item.dc).date ?? obj(item.dc).dates),
  };
}

const looksLikeHtml = (text: string) =>
  /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html[\s>])/iu.test(text);
const looksLikeFeed = (text: string) => /<(rss|feed|rdf:RDF|channel)[\s>]/iu.test(text);

function tag(block: string, names: string[]): string | null {
  for (const n of names) {
    const m = new RegExp(`<${n}(?:\\s[^>]*)?>([\\s\\S]*?)</${n}>`, 'iu').exec(block);
    if (m) return m[1]!;
    if (n === 'link') {
      const href = /<link\b[^>]*\bhref\s*=\s*["']([^"']+)["']/iu.exec(block);
      if (href) return href[1]!;
    }
  }
  return null;
}

/** Entries read block by block from XML that a strict parser refuses. */
export function lenientEntries(text: string): FeedEntry[] {
  const blocks = text.match(
    /<(item|entry)[\s>][\s\S]*?(?=<\/(?:item|entry)>|<(?:item|entry)[\s>]|$)/giu,
  );
  return (blocks ?? []).slice(0, MAX_ENTRIES).map((b) => ({
    guid: plainText(tag(b, ['guid', 'id']), 500) || null,
    link: httpLink(plainText(tag(b, ['link']), 2000)),
    title: plainText(tag(b, ['title']), TITLE_MAX),
    summary: plainText(
      tag(b, ['description', 'summary', 'content', 'content:encoded']),
      SUMMARY_MAX,
    ),
    author: plainText(tag(b, ['author', 'dc:creator', 'name']), 200),
    publishedAt: dateOf(plainText(tag(b, ['pubDate', 'published', 'updated', 'dc:date']), 100)),
  }));
}

/** The entries of a feed, or why it is not one. Never throws. */
export function parseFeedText(text: string): ParseOutcome {
  try {
    const { format, feed } = parseFeed(text) as { format: string; feed: Obj };
    const items = (feed.items ?? feed.entries ?? []) as Obj[];
    const entries = items.slice(0, MAX_ENTRIES).map((i) => entryOf(format, obj(i)));
    // A strict parser may skip what follows an unclosed element: keep whichever reading found more.
    if (format !== 'json') {
      const lenient = lenientEntries(text);
      if (lenient.length > entries.length) return { ok: true, format: 'lenient', entries: lenient };
    }
    return { ok: true, format: format as 'rss' | 'atom' | 'json' | 'rdf', entries };
  } catch (err) {
    if (looksLikeHtml(text) || !looksLikeFeed(text))
      return { ok: false, reason: 'not_a_feed', detail: (err as Error).message.slice(0, 200) };
    return { ok: true, format: 'lenient', entries: lenientEntries(text) };
  }
}

/** How an entry is known again on the next fetch: guid, else link, else title and date. */
export function dedupeKeyOf(e: FeedEntry): string {
  if (e.guid) return `g:${e.guid.slice(0, 500)}`;
  if (e.link) return `l:${e.link.slice(0, 500)}`;
  return `t:${e.title.slice(0, 300)}|${e.publishedAt?.toISOString() ?? ''}`;
}
