// The public site's pages, rendered on the server: the tenant home (latest articles, tags,
// authors), an article, a tag and an author page, and the 404 page. Each answer carries the
// newest change it shows, for Last-Modified.
import type { Ctx } from '../../kernel/context.ts';
import {
  getPublishedArticle,
  listAuthors,
  listPublishedArticles,
  listTags,
  type ArticleByline,
  type PublishedArticle,
} from './articles-read.ts';
import { markup, page, trusted, type PageHead, type SafeHtml } from './site-html.ts';
import { lastSiteChange, publishedTagSlugs, storeNames } from './site-read.ts';
import { siteUrls, type SiteScope, type SiteUrls } from './site-urls.ts';

/** How many articles a list page shows (the feeds carry more). */
export const PAGE_SIZE = 30;

export interface SiteTenant {
  slug: string;
  name: string;
  timezone: string;
}

export interface SiteAnswer {
  status: 200 | 404;
  body: string;
  /** The newest change shown (null: nothing published). */
  lastModified: Date | null;
}

interface Site {
  ctx: Ctx;
  tenant: SiteTenant;
  urls: SiteUrls;
}

export const siteOf = (ctx: Ctx, tenant: SiteTenant, publicUrl: string): Site => ({
  ctx,
  tenant,
  urls: siteUrls(publicUrl, tenant.slug),
});

const KIND_LABEL: Record<ArticleByline['kind'], string> = {
  business: '官方',
  staff: '技师',
  kol: '车主达人',
};

function day(site: Site, at: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: site.tenant.timezone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(at);
}

const feedLinks = (site: Site, scope: SiteScope, title: string) => ({
  rss: site.urls.feed(scope, 'rss'),
  atom: site.urls.feed(scope, 'atom'),
  json: site.urls.feed(scope, 'json'),
  title,
});

function feedLine(site: Site, scope: SiteScope): SafeHtml {
  const f = feedLinks(site, scope, '');
  return markup`<p class="feeds">订阅：<a href="${f.rss}" type="application/rss+xml">RSS</a><a href="${f.atom}" type="application/atom+xml">Atom</a><a href="${f.json}" type="application/feed+json">JSON Feed</a></p>`;
}

const meta = (site: Site, a: PublishedArticle) =>
  markup`<span class="meta"><span>${a.author.displayName}</span><span>${day(site, a.publishedAt)}</span><span>${a.readingMinutes} 分钟读完</span></span>`;

function articleList(site: Site, list: readonly PublishedArticle[]): SafeHtml {
  if (!list.length) return markup`<p class="empty">还没有文章。</p>`;
  const items = list.map((a) => {
    const cover = a.cover
      ? markup`<img src="${a.cover.thumbUrl}" alt="" width="${a.cover.width}" height="${a.cover.height}" loading="lazy">`
      : null;
    return markup`<li><a class="card" href="${site.urls.article(a.slug)}">${cover}<span><strong>${a.title}</strong><p>${a.summary}</p>${meta(site, a)}</span></a></li>
`;
  });
  return markup`<ul class="list">
${items}</ul>`;
}

function tagChips(site: Site, tags: readonly { slug: string; name: string }[]): SafeHtml | null {
  if (!tags.length) return null;
  const chips = tags.map(
    (t) => markup`<li><a href="${site.urls.tag(t.slug)}" rel="tag">${t.name}</a></li>`,
  );
  return markup`<ul class="chips">${chips}</ul>`;
}

const frame = (site: Site) => ({ name: site.tenant.name, home: site.urls.home });

/** The tenant home: latest articles with covers and summaries, the tags, the authors. */
export async function homePage(site: Site): Promise<SiteAnswer> {
  const scope: SiteScope = { kind: 'home' };
  const [list, allTags, used, authors, lastModified] = await Promise.all([
    listPublishedArticles(site.ctx, { limit: PAGE_SIZE }),
    listTags(site.ctx),
    publishedTagSlugs(site.ctx),
    listAuthors(site.ctx),
    lastSiteChange(site.ctx, scope),
  ]);
  const tags = allTags.filter((t) => used.has(t.slug));
  const description = `${site.tenant.name}的用车资讯、保养知识与车主故事`;
  const cover = list.find((a) => a.cover)?.cover;
  const head: PageHead = {
    title: `${site.tenant.name} · 资讯`,
    description,
    canonical: site.urls.home,
    ogType: 'website',
    image: cover ? site.urls.absolute(cover.url) : null,
    siteName: site.tenant.name,
    feeds: feedLinks(site, scope, site.tenant.name),
  };
  const byline = authors.map(
    (a) => markup`<li><a href="${site.urls.author(a.slug)}" rel="author">${a.displayName}</a></li>`,
  );
  const content = markup`<h1>${site.tenant.name}</h1>
<p class="bio">${description}</p>
${tagChips(site, tags)}
<h2>最新文章</h2>
${articleList(site, list)}
${authors.length ? markup`<h2>作者</h2><ul class="chips">${byline}</ul>` : null}
${feedLine(site, scope)}`;
  return { status: 200, body: page(head, frame(site), content), lastModified };
}

async function byline(site: Site, a: ArticleByline): Promise<SafeHtml> {
  const store =
    a.kind === 'staff' && a.storeId
      ? (await storeNames(site.ctx, [a.storeId])).get(a.storeId)
      : undefined;
  const role = store ? `${KIND_LABEL[a.kind]} · ${store}` : KIND_LABEL[a.kind];
  return markup`<a href="${site.urls.author(a.slug)}" rel="author">${a.displayName}</a>（${role}）`;
}

/** One article: title, byline, date, reading time, cover, body, tags, feeds; 404 when unknown. */
export async function articlePage(site: Site, slug: string): Promise<SiteAnswer> {
  const a = await getPublishedArticle(site.ctx, slug);
  if (!a) return notFoundPage(site);
  const scope: SiteScope = { kind: 'home' };
  const head: PageHead = {
    title: a.title,
    description: a.summary || a.title,
    canonical: site.urls.article(a.slug),
    ogType: 'article',
    image: a.cover ? site.urls.absolute(a.cover.url) : null,
    siteName: site.tenant.name,
    feeds: feedLinks(site, scope, site.tenant.name),
    article: {
      publishedTime: a.publishedAt,
      modifiedTime: a.updatedAt,
      author: a.author.displayName,
      tags: a.tags.map((t) => t.name),
    },
  };
  const edited =
    a.updatedAt.getTime() - a.publishedAt.getTime() > 60_000
      ? markup`<span>更新于 <time datetime="${a.updatedAt.toISOString()}">${day(site, a.updatedAt)}</time></span>`
      : null;
  const cover = a.cover
    ? markup`<img class="cover" src="${a.cover.url}" alt="" width="${a.cover.width}" height="${a.cover.height}">`
    : null;
  const content = markup`<article>
<h1>${a.title}</h1>
<p class="meta"><span>${await byline(site, a.author)}</span><span><time datetime="${a.publishedAt.toISOString()}">${day(site, a.publishedAt)}</time></span>${edited}<span>${a.readingMinutes} 分钟读完</span></p>
${cover}
<div class="body">${trusted(a.html)}</div>
${tagChips(site, a.tags)}
${feedLine(site, scope)}
</article>`;
  // Reading events for a signed-in owner (the script belongs to interests).
  const script = markup`<script src="/reading.js" data-subject-type="article" data-subject-id="${a.id}" defer></script>`;
  return {
    status: 200,
    body: page(head, frame(site), content, script),
    lastModified: a.updatedAt,
  };
}

/** A tag's articles; 404 when the tenant has no such tag. */
export async function tagPage(site: Site, slug: string): Promise<SiteAnswer> {
  const tag = (await listTags(site.ctx)).find((t) => t.slug === slug);
  if (!tag) return notFoundPage(site);
  const scope: SiteScope = { kind: 'tag', slug };
  const [list, lastModified] = await Promise.all([
    listPublishedArticles(site.ctx, { tagSlug: slug, limit: PAGE_SIZE }),
    lastSiteChange(site.ctx, scope),
  ]);
  const head: PageHead = {
    title: `${tag.name} · ${site.tenant.name}`,
    description: `${site.tenant.name}关于「${tag.name}」的文章`,
    canonical: site.urls.tag(slug),
    ogType: 'website',
    siteName: site.tenant.name,
    feeds: feedLinks(site, scope, `${site.tenant.name} · ${tag.name}`),
  };
  const content = markup`<h1># ${tag.name}</h1>
${articleList(site, list)}
${feedLine(site, scope)}`;
  return { status: 200, body: page(head, frame(site), content), lastModified };
}

/** An author's articles; 404 for an author with nothing published. */
export async function authorPage(site: Site, slug: string): Promise<SiteAnswer> {
  const author = (await listAuthors(site.ctx)).find((a) => a.slug === slug);
  if (!author) return notFoundPage(site);
  const scope: SiteScope = { kind: 'author', slug };
  const [list, lastModified, line] = await Promise.all([
    listPublishedArticles(site.ctx, { authorSlug: slug, limit: PAGE_SIZE }),
    lastSiteChange(site.ctx, scope),
    byline(site, author),
  ]);
  const head: PageHead = {
    title: `${author.displayName} · ${site.tenant.name}`,
    description: author.bio || `${author.displayName}在${site.tenant.name}的文章`,
    canonical: site.urls.author(slug),
    ogType: 'profile',
    siteName: site.tenant.name,
    feeds: feedLinks(site, scope, `${site.tenant.name} · ${author.displayName}`),
  };
  const content = markup`<h1>${author.displayName}</h1>
<p class="meta">${line}</p>
${author.bio ? markup`<p class="bio">${author.bio}</p>` : null}
${articleList(site, list)}
${feedLine(site, scope)}`;
  return { status: 200, body: page(head, frame(site), content), lastModified };
}

/** Not found, inside the tenant's frame when the tenant is known. */
export function notFoundPage(site: Site | null): SiteAnswer {
  const name = site?.tenant.name ?? '留客';
  const home = site?.urls.home ?? '/';
  const head: PageHead = {
    title: `页面不存在 · ${name}`,
    description: '页面不存在或已下线',
    canonical: home,
    ogType: 'website',
    siteName: name,
    noindex: true,
  };
  const back = site ? markup`<a href="${home}">返回${name}首页</a>` : null;
  const content = markup`<h1>页面不存在</h1>
<p class="empty">这篇内容不存在或已经下线。${back}</p>`;
  return { status: 404, body: page(head, { name, home }, content), lastModified: null };
}
