// The public site's addresses: `/site/{tenant}/`, `…/articles/{slug}`,
// `…/tags/{slug}`, `…/authors/{slug}` and the three feeds at the tenant root, per tag and per
// author. Always absolute, from the configured public URL: feeds, link previews and canonical
// links are read away from the site.

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FILES: Record<FeedFormat, string> = {
  rss: 'feed.xml',
  atom: 'atom.xml',
  json: 'feed.json',
};

/** What a page or feed lists: the whole tenant, one tag or one author. */
export type SiteScope =
  { kind: 'home' } | { kind: 'tag'; slug: string } | { kind: 'author'; slug: string };

export interface SiteUrls {
  home: string;
  article(slug: string): string;
  tag(slug: string): string;
  author(slug: string): string;
  /** The page a scope lists (the tenant home, a tag page, an author page). */
  scope(scope: SiteScope): string;
  feed(scope: SiteScope, format: FeedFormat): string;
  /** A path of this server (a media URL) made absolute. */
  absolute(path: string): string;
}

const seg = (s: string) => encodeURIComponent(s);

export function siteUrls(publicUrl: string, tenantSlug: string): SiteUrls {
  const origin = publicUrl.replace(/\/+$/, '');
  const home = `${origin}/site/${seg(tenantSlug)}/`;
  const scope = (s: SiteScope) =>
    s.kind === 'home'
      ? home
      : s.kind === 'tag'
        ? `${home}tags/${seg(s.slug)}`
        : `${home}authors/${seg(s.slug)}`;
  return {
    home,
    article: (slug) => `${home}articles/${seg(slug)}`,
    tag: (slug) => scope({ kind: 'tag', slug }),
    author: (slug) => scope({ kind: 'author', slug }),
    scope,
    feed: (s, format) =>
      s.kind === 'home' ? `${home}${FEED_FILES[format]}` : `${scope(s)}/${FEED_FILES[format]}`,
    absolute: (path) => new URL(path, `${origin}/`).href,
  };
}

const ATTR_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};
const decodeAttr = (v: string) => v.replace(/&(?:amp|quot|#39|lt|gt);/g, (e) => ATTR_ENTITIES[e]!);
const encodeAttr = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The body with every `src` and `href` absolute, resolved against the article's URL: a feed
 * reader shows the HTML away from the site, where `/api/v1/public/media/…` leads nowhere.
 * The stored body is sanitised (kernel/sanitize.ts), so attributes are double-quoted.
 */
export function absoluteLinks(body: string, base: string): string {
  return body.replace(
    /(<(?:a|img)\b[^>]*?\s(?:src|href)=")([^"]*)(")/gi,
    (whole, before: string, value: string, after: string) => {
      try {
        return before + encodeAttr(new URL(decodeAttr(value), base).href) + after;
      } catch {
        return whole;
      }
    },
  );
}
