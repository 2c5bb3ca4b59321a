import { z } from 'zod';

const Slug = z.string().min(1).max(200);

export const SiteParams = z.object({ tenantSlug: Slug.describe('The business’s public code') });
export const SiteTagParams = SiteParams.extend({ tagSlug: Slug.describe('A tag’s slug') });
export const SiteAuthorParams = SiteParams.extend({
  authorSlug: Slug.describe('An author’s slug'),
});

export const RssBody = z.string().describe('An RSS 2.0 document (application/rss+xml)');
export const AtomBody = z.string().describe('An Atom 1.0 document (application/atom+xml)');
export const JsonFeedBody = z.string().describe('A JSON Feed 1.1 document (application/feed+json)');
