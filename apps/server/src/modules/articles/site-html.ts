// Server-rendered HTML for the public site: a tagged template that escapes every interpolation
// (only values already marked safe — the stored, sanitised article body, or another template —
// pass as they are), and the page frame with its inline stylesheet. No React on these pages: they
// must be fast on a phone and readable by crawlers and link previews.

/** HTML that may be written as it is (built by `markup`, or sanitised on the way in). */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text (or an attribute value) as HTML: every character that could end it is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** Marks a string as safe HTML; only for what the server sanitised itself. */
export const trusted = (value: string) => new SafeHtml(value);

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escapeHtml(String(part as string | number));
}

/**
 * `markup\`<p>${text}</p>\``: every interpolation escaped unless it is SafeHtml (or a list of
 * it). (Not named `html`: Prettier would reformat the templates' text, whitespace included.)
 */
export function markup(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

const CSS = `
:root{color-scheme:light dark;--fg:#1d1d1f;--muted:#6b6b70;--line:#e5e5ea;--bg:#fff;--accent:#c2410c;--chip:#f4f4f5}
@media (prefers-color-scheme:dark){:root{--fg:#f2f2f7;--muted:#a1a1aa;--line:#2c2c2e;--bg:#111;--accent:#fb923c;--chip:#1f1f22}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.75 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;word-wrap:break-word;overflow-wrap:anywhere}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
header.site,main,footer.site{max-width:40rem;margin:0 auto;padding:0 1.1rem}
header.site{display:flex;align-items:baseline;justify-content:space-between;gap:1rem;padding-top:1rem;padding-bottom:.6rem;border-bottom:1px solid var(--line)}
header.site .name{font-weight:700;font-size:1.05rem;color:var(--fg)}
header.site nav{font-size:.85rem;white-space:nowrap}
header.site nav a{margin-left:.8rem}
h1{font-size:1.6rem;line-height:1.35;margin:1.2rem 0 .5rem}
h2{font-size:1.25rem;line-height:1.4;margin:1.6rem 0 .6rem}
.meta{color:var(--muted);font-size:.85rem;line-height:1.6}
.meta>span,.card .meta span{white-space:nowrap}
.meta span+span::before{content:"·";margin:0 .4em}
img{max-width:100%;height:auto;border-radius:.5rem}
.cover{display:block;width:100%;aspect-ratio:3/2;object-fit:cover;margin:1rem 0;background:var(--chip)}
.body{font-size:1.06rem}
.body p{margin:0 0 1.1em}
.body blockquote{margin:1em 0;padding:.2em 1em;border-left:3px solid var(--line);color:var(--muted)}
.body pre{overflow-x:auto;background:var(--chip);padding:.8em;border-radius:.4rem;font-size:.9rem}
.body figure{margin:1.2em 0}
.body figcaption{color:var(--muted);font-size:.85rem;text-align:center}
.chips{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0;padding:0;list-style:none}
.chips a{display:inline-block;background:var(--chip);color:var(--fg);border-radius:999px;padding:.15rem .8rem;font-size:.85rem}
ul.list{list-style:none;margin:0;padding:0}
ul.list>li{padding:1rem 0;border-bottom:1px solid var(--line)}
ul.list .card{display:flex;gap:.9rem;color:var(--fg)}
ul.list .card img{flex:0 0 6.5rem;width:6.5rem;height:4.6rem;object-fit:cover;border-radius:.4rem;background:var(--chip)}
ul.list .card strong{display:block;font-size:1.05rem;line-height:1.45}
ul.list .card p{margin:.2rem 0 0;color:var(--muted);font-size:.9rem;line-height:1.55;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.bio{color:var(--muted);margin:.2rem 0 1rem}
.feeds{font-size:.85rem;color:var(--muted);margin:1.5rem 0}
.feeds a{margin-right:.8rem}
footer.site{color:var(--muted);font-size:.8rem;padding-top:1.5rem;padding-bottom:2rem;border-top:1px solid var(--line);margin-top:2rem}
.empty{color:var(--muted);padding:2rem 0}
`
  .replace(/\n/g, '')
  .trim();

export interface PageHead {
  title: string;
  description: string;
  /** Absolute canonical URL of the page. */
  canonical: string;
  /** Open Graph type: `website`, `article` or `profile`. */
  ogType: 'website' | 'article' | 'profile';
  /** Absolute image URL for link previews. */
  image?: string | null | undefined;
  siteName: string;
  /** The page's feeds (absolute): RSS, Atom and JSON Feed. */
  feeds?: { rss: string; atom: string; json: string; title: string } | undefined;
  /** Kept out of search results (the 404 page). */
  noindex?: boolean;
  /** `article:*` Open Graph properties. */
  article?: { publishedTime: Date; modifiedTime: Date; author: string; tags: string[] };
}

function headTags(h: PageHead): SafeHtml {
  const meta = (property: string, content: string) =>
    markup`<meta property="${property}" content="${content}">\n`;
  const named = (n: string, content: string) => markup`<meta name="${n}" content="${content}">\n`;
  const feeds = h.feeds;
  return markup`<title>${h.title}</title>
<meta name="description" content="${h.description}">
${h.noindex ? named('robots', 'noindex') : null}<link rel="canonical" href="${h.canonical}">
${meta('og:site_name', h.siteName)}${meta('og:title', h.title)}${meta('og:description', h.description)}${meta('og:url', h.canonical)}${meta('og:type', h.ogType)}${meta('og:locale', 'zh_CN')}${h.image ? meta('og:image', h.image) : null}${named('twitter:card', h.image ? 'summary_large_image' : 'summary')}${named('twitter:title', h.title)}${named('twitter:description', h.description)}${h.image ? named('twitter:image', h.image) : null}${
    h.article
      ? [
          meta('article:published_time', h.article.publishedTime.toISOString()),
          meta('article:modified_time', h.article.modifiedTime.toISOString()),
          meta('article:author', h.article.author),
          h.article.tags.map((t) => meta('article:tag', t)),
        ]
      : null
  }${
    feeds
      ? markup`<link rel="alternate" type="application/rss+xml" title="${feeds.title} (RSS)" href="${feeds.rss}">
<link rel="alternate" type="application/atom+xml" title="${feeds.title} (Atom)" href="${feeds.atom}">
<link rel="alternate" type="application/feed+json" title="${feeds.title} (JSON Feed)" href="${feeds.json}">
`
      : null
  }`;
}

/** A whole page: head (meta, Open Graph, feeds), the site header, the content and a footer. */
export function page(
  head: PageHead,
  site: { name: string; home: string },
  content: SafeHtml,
  extra: SafeHtml | null = null,
): string {
  const rss = head.feeds ? markup`<a href="${head.feeds.rss}">RSS</a>` : null;
  return markup`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
${headTags(head)}<style>${trusted(CSS)}</style>
</head>
<body>
<header class="site"><a class="name" href="${site.home}">${site.name}</a><nav><a href="${site.home}">首页</a>${rss}</nav></header>
<main>
${content}
</main>
<footer class="site">© ${site.name} · 由留客提供</footer>
${extra}
</body>
</html>
`.value;
}
