// The public site: server-rendered pages under `/site/{tenant}/…` (not in the OpenAPI document:
// they answer HTML, a 404 page included) and the feeds (documented, in their media types).
// No session: a tenant is entered by its public code, as the media route enters it by id.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// The route option `schema.hide` comes from @fastify/swagger's type augmentation.
import type {} from '@fastify/swagger';
import { withTenant, withoutTenant } from '../../db/tenant-scope.ts';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError, localeFromHeader } from '../../kernel/errors.ts';
import { findUncleanText } from '../../kernel/text.ts';
import { getTenant, resolveTenantBySlug, resolveTenantIdBySlug } from '../tenancy/index.ts';
import { FEED_TYPES, FEED_WRITERS, loadFeed } from './feeds.ts';
import { conditional } from './site-http.ts';
import {
  articlePage,
  authorPage,
  homePage,
  notFoundPage,
  siteOf,
  tagPage,
  type SiteAnswer,
  type SiteTenant,
} from './site-pages.ts';
import {
  AtomBody,
  JsonFeedBody,
  RssBody,
  SiteAuthorParams,
  SiteParams,
  SiteTagParams,
} from './site.schemas.ts';
import type { FeedFormat, SiteScope } from './site-urls.ts';

const HTML = 'text/html; charset=utf-8';
const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

type Params = Record<string, string | undefined>;
type Render = (site: ReturnType<typeof siteOf>, params: Params) => Promise<SiteAnswer>;

/** Runs `render` inside the tenant named by the path, or answers the 404 page. */
async function answerPage(
  deps: RouteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  render: Render,
) {
  const params = req.params as Params;
  const slug = params.tenantSlug ?? '';
  const { db } = deps.database;
  // A slug with NUL or broken Unicode names nothing: the 404 page, before any query sees it.
  const tenant =
    TENANT_SLUG.test(slug) && !findUncleanText(params)
      ? await withoutTenant(db, (tx) => resolveTenantBySlug(tx, slug))
      : null;
  const answer = tenant
    ? await withTenant(db, tenant.tenant_id, (tx) => {
        const ctx: Ctx = {
          tenantId: tenant.tenant_id,
          actor: { type: 'system', id: null },
          tx,
          clock: deps.clock,
          locale: localeFromHeader(req.headers['accept-language']),
          requestId: String(req.id),
          log: req.log,
        };
        const site: SiteTenant = {
          slug: tenant.slug,
          name: tenant.name,
          timezone: tenant.timezone,
        };
        return render(siteOf(ctx, site, deps.config.publicUrl), params);
      })
    : notFoundPage(null);
  if (answer.status === 404) {
    reply.code(404).type(HTML).header('cache-control', 'no-cache');
    return answer.body;
  }
  return conditional(req, reply, answer.body, answer.lastModified, HTML);
}

function pageRoutes(app: FastifyInstance, deps: RouteDeps) {
  const pages: [string, Render][] = [
    ['/site/:tenantSlug', (site) => homePage(site)],
    ['/site/:tenantSlug/articles/:articleSlug', (site, p) => articlePage(site, p.articleSlug!)],
    ['/site/:tenantSlug/tags/:tagSlug', (site, p) => tagPage(site, p.tagSlug!)],
    ['/site/:tenantSlug/authors/:authorSlug', (site, p) => authorPage(site, p.authorSlug!)],
  ];
  for (const [url, render] of pages)
    app.get(url, { schema: { hide: true } }, (req, reply) => answerPage(deps, req, reply, render));
  // Anything else under a tenant's site: the same 404 page, not the API's JSON.
  app.get('/site/*', { schema: { hide: true } }, async (_req, reply) => {
    reply.code(404).type(HTML).header('cache-control', 'no-cache');
    return notFoundPage(null).body;
  });
}

const FORMATS: { format: FeedFormat; file: string; name: string; body: typeof RssBody }[] = [
  { format: 'rss', file: 'feed.xml', name: 'RSS 2.0', body: RssBody },
  { format: 'atom', file: 'atom.xml', name: 'Atom 1.0', body: AtomBody },
  { format: 'json', file: 'feed.json', name: 'JSON Feed 1.1', body: JsonFeedBody },
];

const FEED_DOC =
  'Published articles, newest first (up to 50), with absolute links, stable ids (the article’s public URL), tags as categories and language zh-CN. Answers conditional GET: a strong `ETag` and `Last-Modified` (the newest change); `If-None-Match` / `If-Modified-Since` → 304 with no body. Cached publicly for 5 minutes.';

function feedRoutes(app: FastifyInstance, deps: RouteDeps) {
  const scopes = [
    {
      path: '',
      what: 'the business’s',
      params: SiteParams,
      scope: (): SiteScope => ({ kind: 'home' }),
    },
    {
      path: '/tags/{tagSlug}',
      what: 'a tag’s',
      params: SiteTagParams,
      scope: (p: Params): SiteScope => ({ kind: 'tag', slug: p.tagSlug! }),
    },
    {
      path: '/authors/{authorSlug}',
      what: 'an author’s',
      params: SiteAuthorParams,
      scope: (p: Params): SiteScope => ({ kind: 'author', slug: p.authorSlug! }),
    },
  ];
  for (const s of scopes)
    for (const f of FORMATS)
      defineRoute(app, deps, {
        method: 'GET',
        url: `/site/{tenantSlug}${s.path}/${f.file}`,
        audience: 'public',
        produces: FEED_TYPES[f.format],
        summary: `The ${f.name} feed of ${s.what} published articles — no session`,
        description: FEED_DOC,
        tags: ['site'],
        params: s.params as typeof SiteParams,
        response: f.body,
        errors: ['NOT_FOUND'],
        publicTenant: async ({ params }, tx) => resolveTenantIdBySlug(tx, params.tenantSlug),
        handler: async (ctx, { params }, req, reply) => {
          const t = await getTenant(ctx);
          const tenant: SiteTenant = { slug: t.slug, name: t.name, timezone: t.timezone };
          const src = await loadFeed(ctx, tenant, deps.config.publicUrl, s.scope(params as Params));
          if (!src) throw new AppError('NOT_FOUND');
          const lastModified = src.updated.getTime() > 0 ? src.updated : null;
          // Read by feed readers anywhere, web-based ones included.
          reply
            .header('access-control-allow-origin', '*')
            .header('cross-origin-resource-policy', 'cross-origin');
          return conditional(
            req,
            reply,
            FEED_WRITERS[f.format](src),
            lastModified,
            FEED_TYPES[f.format],
          );
        },
      });
}

export function siteRoutes(app: FastifyInstance, deps: RouteDeps) {
  pageRoutes(app, deps);
  feedRoutes(app, deps);
}
