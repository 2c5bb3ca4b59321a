// Conditional GET for the public pages and feeds: a strong ETag (a hash of the body) and
// Last-Modified (the newest change shown), answered with 304 and no body when the reader already
// has it; cached publicly for a short while.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** Readers and proxies may keep a page or feed this long before asking again. */
export const MAX_AGE_SECONDS = 300;

export const strongEtag = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Whole seconds: HTTP dates carry no fraction, so a comparison must not either. */
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  // Weak comparison for If-None-Match (RFC 9110 §13.1.2): W/"x" matches "x".
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** True when the request's validators say the reader's copy is current (RFC 9110 §13.2.2). */
export function notModified(req: FastifyRequest, etag: string, lastModified: Date | null): boolean {
  const inm = req.headers['if-none-match'];
  if (typeof inm === 'string') return etagMatches(inm, etag);
  const ims = req.headers['if-modified-since'];
  if (typeof ims === 'string' && lastModified) {
    const since = Date.parse(ims);
    return Number.isFinite(since) && seconds(lastModified) <= Math.floor(since / 1000);
  }
  return false;
}

/**
 * Sets the validators and cache headers and answers 304 (returning '') when the reader's copy
 * is current; otherwise returns the body to send.
 */
export function conditional(
  req: FastifyRequest,
  reply: FastifyReply,
  body: string,
  lastModified: Date | null,
  contentType: string,
): string {
  const etag = strongEtag(body);
  reply.header('etag', etag);
  if (lastModified) reply.header('last-modified', lastModified.toUTCString());
  reply.header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`);
  reply.header('x-content-type-options', 'nosniff');
  if (notModified(req, etag, lastModified)) {
    reply.code(304);
    return '';
  }
  reply.type(contentType);
  return body;
}
