// The tenant's feeds — RSS 2.0, Atom 1.0 and JSON Feed 1.1 — for the whole site, one tag or one
// author. RSS and Atom come from the `feed` library, with what it gets wrong for us worked
// around here (see ARCHITECTURE.md, "Public site and feeds"); JSON Feed is written by hand
// because the library writes version 1.0 (one `author`, no `language`).
import { Feed, type Item } from 'feed';
import type { Ctx } from '../../kernel/context.ts';
import {
  listAuthors,
  listPublishedArticles,
  listTags,
  type PublishedArticle,
} from './articles-read.ts';
import { escapeHtml } from './site-html.ts';
import type { SiteTenant } from './site-pages.ts';
import { lastSiteChange } from './site-read.ts';
import {
  absoluteLinks,
  siteUrls,
  type FeedFormat,
  type SiteScope,
  type SiteUrls,
} from './site-urls.ts';

/** How many of the newest articles a feed carries. */
export const FEED_SIZE = 50;

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedSource {
  title: string;
  description: string;
  scope: SiteScope;
  urls: SiteUrls;
  /** The newest change: the feed's updated date and Last-Modified. */
  updated: Date;
  articles: PublishedArticle[];
}

/** What a feed lists, or null when the tag or the author does not exist (a 404). */
export async function loadFeed(
  ctx: Ctx,
  tenant: SiteTenant,
  publicUrl: string,
  scope: SiteScope,
): Promise<FeedSource | null> {
  const urls = siteUrls(publicUrl, tenant.slug);
  let title = tenant.name;
  let description = `${tenant.name}的用车资讯、保养知识与车主故事`;
  if (scope.kind === 'tag') {
    const tag = (await listTags(ctx)).find((t) => t.slug === scope.slug);
    if (!tag) return null;
    title = `${tenant.name} · ${tag.name}`;
    description = `${tenant.name}关于「${tag.name}」的文章`;
  } else if (scope.kind === 'author') {
    const author = (await listAuthors(ctx)).find((a) => a.slug === scope.slug);
    if (!author) return null;
    title = `${tenant.name} · ${author.displayName}`;
    description = author.bio || `${author.displayName}在${tenant.name}的文章`;
  }
  const [list, last] = await Promise.all([
    listPublishedArticles(ctx, {
      limit: FEED_SIZE,
      tagSlug: scope.kind === 'tag' ? scope.slug : undefined,
      authorSlug: scope.kind === 'author' ? scope.slug : undefined,
    }),
    lastSiteChange(ctx, scope),
  ]);
  // A feed with nothing ever published still needs an `updated`: the Unix epoch says "never".
  return { title, description, scope, urls, updated: last ?? new Date(0), articles: list };
}

/** The body with absolute links, as a reader away from the site needs it. */
const bodyOf = (src: FeedSource, a: PublishedArticle) =>
  absoluteLinks(a.html, src.urls.article(a.slug));

/**
 * `text` turns a plain-text field into what the format's element holds: Atom marks titles and
 * summaries `type="html"` and RSS descriptions are read as HTML, so those are HTML-escaped.
 */
function libraryFeed(
  src: FeedSource,
  format: 'rss' | 'atom',
  text: { title: (t: string) => string; summary: (t: string) => string },
) {
  const feed = new Feed({
    id: src.urls.scope(src.scope),
    title: src.title,
    description: src.description,
    link: src.urls.scope(src.scope),
    language: 'zh-CN',
    updated: src.updated,
    generator: 'Liuke',
    feedLinks: {
      rss: src.urls.feed(src.scope, 'rss'),
      atom: src.urls.feed(src.scope, 'atom'),
    },
  });
  for (const a of src.articles) {
    const url = src.urls.article(a.slug);
    const item: Item = {
      // The public URL never changes once published (articles.slug): the stable id.
      id: url,
      link: url,
      title: text.title(a.title),
      date: a.updatedAt,
      published: a.publishedAt,
      description: text.summary(a.summary) || undefined,
      content: bodyOf(src, a),
    };
    if (format === 'rss') {
      // RSS's <author> must be an e-mail address; a name alone goes in dc:creator.
      item.extensions = [{ name: 'dc:creator', objects: { _text: a.author.displayName } }];
      item.category = a.tags.map((t) => ({ name: t.name, domain: src.urls.tag(t.slug) }));
    } else {
      item.author = [{ name: a.author.displayName, link: src.urls.author(a.author.slug) }];
      // The library writes attributes without escaping `<` (only `&`): the label is left out
      // for a name that holds one (the term, the tag's slug, is URL-safe).
      item.category = a.tags.map((t) => ({
        term: t.slug,
        scheme: src.urls.home + 'tags/',
        ...(/[<"]/.test(t.name) ? {} : { name: t.name }),
      }));
    }
    feed.addItem(item);
  }
  return feed;
}

/**
 * RSS 2.0: RFC 822 dates, atom:link rel=self, dc:creator, content:encoded. Titles are plain text
 * (in CDATA, as the library writes them); the description is HTML, so the summary is escaped.
 */
export function rssFeed(src: FeedSource): string {
  return libraryFeed(src, 'rss', { title: (t) => t, summary: escapeHtml }).rss2();
}

/**
 * Atom 1.0: RFC 3339 dates. The library marks entry titles and summaries `type="html"`, so
 * plain text is escaped into HTML for them (a title `<b>` must read as `<b>`, not bold).
 */
export function atomFeed(src: FeedSource): string {
  return libraryFeed(src, 'atom', { title: escapeHtml, summary: escapeHtml }).atom1();
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1), by hand: the library writes 1.0. */
export function jsonFeed(src: FeedSource): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: src.title,
    home_page_url: src.urls.scope(src.scope),
    feed_url: src.urls.feed(src.scope, 'json'),
    description: src.description,
    language: 'zh-CN',
    items: src.articles.map((a) => {
      const url = src.urls.article(a.slug);
      return {
        id: url,
        url,
        title: a.title,
        content_html: bodyOf(src, a),
        ...(a.summary ? { summary: a.summary } : {}),
        ...(a.cover ? { image: src.urls.absolute(a.cover.url) } : {}),
        date_published: a.publishedAt.toISOString(),
        date_modified: a.updatedAt.toISOString(),
        authors: [{ name: a.author.displayName, url: src.urls.author(a.author.slug) }],
        tags: a.tags.map((t) => t.name),
        language: 'zh-CN',
      };
    }),
  };
  return JSON.stringify(feed, null, 2);
}

export const FEED_WRITERS: Record<FeedFormat, (src: FeedSource) => string> = {
  rss: rssFeed,
  atom: atomFeed,
  json: jsonFeed,
};
