// Server-Sent Events streams: `GET /api/v1/app/me/events` for the car owner's open app and
// `GET /api/v1/staff/events` for the console. Authenticated by the same session cookie (or a
// bearer session token) as every other route, then held open outside any transaction, with a
// heartbeat and a periodic session check (a sign-out ends the stream). Not in the OpenAPI
// document: a stream is not a JSON answer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// The route option `schema.hide` comes from @fastify/swagger's type augmentation.
import type {} from '@fastify/swagger';
import type { Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { parseToken } from '../../http/auth-tokens.ts';
import { COOKIE, type RouteDeps } from '../../http/route.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { resolveSession } from '../identity/index.ts';
import { staffUnreadSummary } from './conversations.service.ts';
import { recordAppPresence, unreadCounts } from './inbox.service.ts';
import {
  customerKey,
  realtimeSettings,
  staffKey,
  startRealtimeRelay,
  subscribe,
  type RealtimeEvent,
} from './realtime.ts';

const STREAM_ROLES = new Set(['owner', 'manager', 'advisor']);
/** A client that stops reading is dropped before its buffer grows without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

type Audience = 'app' | 'staff';

interface StreamAuth {
  tenantId: string;
  subjectId: string;
  hash: string;
  hello: RealtimeEvent;
}

function token(audience: Audience, req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  if (m) return m[1]!;
  return req.cookies[audience === 'app' ? COOKIE.app : COOKIE.staff] ?? null;
}

async function sessionStillValid(
  database: Database,
  deps: RouteDeps,
  audience: Audience,
  tenantId: string,
  hash: string,
) {
  const session = await withTenant(database.db, tenantId, (tx) =>
    resolveSession(tx, {
      hash,
      subjectType: audience === 'app' ? 'customer' : 'staff',
      now: deps.clock.now(),
    }),
  );
  return session !== null;
}

async function authenticate(
  deps: RouteDeps,
  audience: Audience,
  req: FastifyRequest,
): Promise<StreamAuth> {
  const raw = token(audience, req);
  const parsed = raw ? parseToken(raw) : null;
  if (!parsed || parsed.kind !== 'session') throw new AppError('AUTH_REQUIRED');
  return withTenant(deps.database.db, parsed.tenantId, async (tx) => {
    const session = await resolveSession(tx, {
      hash: parsed.hash,
      subjectType: audience === 'app' ? 'customer' : 'staff',
      now: deps.clock.now(),
    });
    if (!session) throw new AppError('AUTH_REQUIRED');
    if (audience === 'staff' && !STREAM_ROLES.has(session.role ?? ''))
      throw new AppError('FORBIDDEN');
    const ctx: Ctx = {
      tenantId: parsed.tenantId,
      actor:
        audience === 'app'
          ? { type: 'customer', id: session.subjectId, sessionId: session.id }
          : { type: 'staff', id: session.subjectId, role: session.role!, sessionId: session.id },
      tx,
      clock: deps.clock,
      locale: 'zh-CN',
      requestId: String(req.id),
      log: req.log,
    };
    let hello: RealtimeEvent;
    if (audience === 'app') {
      await recordAppPresence(ctx, session.subjectId);
      hello = { type: 'ready', data: { unread: await unreadCounts(ctx, session.subjectId) } };
    } else {
      hello = { type: 'ready', data: { unread: await staffUnreadSummary(ctx) } };
    }
    return { tenantId: parsed.tenantId, subjectId: session.subjectId, hash: parsed.hash, hello };
  });
}

const frame = (event: RealtimeEvent) =>
  `event: ${event.type}\ndata: ${JSON.stringify(event.data ?? {})}\n\n`;

export function realtimeRoutes(app: FastifyInstance, deps: RouteDeps) {
  const open = new Set<() => void>();
  let stopRelay: (() => Promise<void>) | null = null;

  app.addHook('onReady', async () => {
    stopRelay = await startRealtimeRelay(deps.database, app.log);
  });
  // Streams never end by themselves: close them before the server waits for its connections.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.addHook('onClose', async () => {
    await stopRelay?.();
  });

  const stream = (audience: Audience) => async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = await authenticate(deps, audience, req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      'x-request-id': String(req.id),
    });
    let ended = false;
    const write = (text: string) => {
      if (ended) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        end();
        return;
      }
      res.write(text);
    };
    const key =
      audience === 'app' ? customerKey(auth.tenantId, auth.subjectId) : staffKey(auth.tenantId);
    const unsubscribe = subscribe(key, (event) => write(frame(event)));
    const heartbeat = setInterval(() => write(`: ping\n\n`), realtimeSettings.heartbeatMs);
    let checking = false;
    const revalidate = setInterval(() => {
      if (checking) return;
      checking = true;
      sessionStillValid(deps.database, deps, audience, auth.tenantId, auth.hash)
        .then((valid) => {
          if (!valid) {
            write(frame({ type: 'signed-out' }));
            end();
          }
        })
        .catch((err: unknown) => req.log.warn({ err }, 'event stream session check failed'))
        .finally(() => {
          checking = false;
        });
    }, realtimeSettings.revalidateMs);

    function end() {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      clearInterval(revalidate);
      unsubscribe();
      open.delete(end);
      res.end();
    }
    open.add(end);
    req.raw.on('close', end);
    res.on('close', end);
    res.on('error', end);

    // Reconnect after 3 s; the first event carries the counts, so a reconnect resynchronises.
    write(`retry: 3000\n\n`);
    write(frame(auth.hello));
  };

  app.get('/api/v1/app/me/events', { schema: { hide: true } }, stream('app'));
  app.get('/api/v1/staff/events', { schema: { hide: true } }, stream('staff'));
}
