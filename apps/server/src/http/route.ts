// One way to declare a route. Each route says who may call it (audience and roles); the helper
// authenticates, opens one transaction scoped to the caller's tenant (row-level security),
// applies Idempotency-Key on writes, and hands the use-case a context. Routes stay thin:
// schema in, one service call, schema out.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../db/database.ts';
import { withTenant, withoutTenant } from '../db/tenant-scope.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Config } from '../config.ts';
import type { Actor, Ctx } from '../kernel/context.ts';
import { AppError, localeFromHeader, ERROR_CODES, type ErrorCode } from '../kernel/errors.ts';
import { safeEqual, sha256Hex } from '../kernel/crypto.ts';
import { findUncleanText } from '../kernel/text.ts';
import type { StaffRole } from '../kernel/roles.ts';
import type { JobDef } from '../jobs/queue.ts';
import { idempotencyRecords } from './idempotency.tables.ts';
import { parseToken } from './auth-tokens.ts';

/** `operator`: the installation's operator (admin API), by the LIUKE_OPERATOR_TOKEN bearer. */
export type Audience = 'staff' | 'app' | 'integration' | 'public' | 'operator';

export const COOKIE = { staff: 'lk_staff', app: 'lk_app' } as const;

/**
 * How a credential becomes an actor: sessions and API keys belong to the identity module, which
 * the composition root passes in here (the HTTP layer imports no module).
 */
export interface Authenticator {
  /** The statement that reads a session by its token's hash (sent with the transaction's start). */
  sessionStatement(q: { hash: string; subjectType: 'staff' | 'customer'; now: Date }): SQL;
  /** The live session in that statement's rows, if any. */
  sessionFromRows(
    rows: readonly Record<string, unknown>[],
    subjectType: 'staff' | 'customer',
  ): { id: string; subjectId: string; csrfToken: string; role: StaffRole | null } | null;
  /** The API key a secret's hash names, unless revoked. */
  resolveApiKey(
    tx: Db,
    q: { hash: string; now: Date },
  ): Promise<{ id: string; role: StaffRole } | null>;
}

export interface RouteDeps {
  database: Database;
  clock: Clock;
  config: Config;
  auth: Authenticator;
}

/** A module's routes: registered under the API by the composition root. */
export type RoutePlugin = (api: FastifyInstance, deps: RouteDeps) => void;

/**
 * Answers with `error` but lets the transaction commit (e.g. a failed sign-in must still count
 * towards the lockout). Return its result from a handler.
 */
export function rejectAfterCommit(
  error: AppError,
  req: FastifyRequest,
  reply: FastifyReply,
): never {
  const locale = localeFromHeader(req.headers['accept-language']);
  if (error.headers) reply.headers(error.headers);
  reply.code(error.status);
  return {
    error: {
      code: error.code,
      message: error.messageFor(locale),
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ? { details: error.details } : {}),
      requestId: String(req.id),
    },
  } as never;
}

type AnyZod = z.ZodType;
type Out<S> = S extends AnyZod ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteDef<
  P extends AnyZod | undefined,
  Q extends AnyZod | undefined,
  B extends AnyZod | undefined,
  R extends AnyZod,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  audience: Audience;
  /** Staff roles allowed (staff and integration audiences). Omitted: every staff role but partner. */
  roles?: readonly StaffRole[];
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  querystring?: Q;
  body?: B;
  /** The success status and its body schema. */
  status?: 200 | 201 | 202 | 204;
  response: R;
  /**
   * Error codes this route's use-case may answer with, for the OpenAPI document. The ones every
   * route of its kind can answer (validation, sign-in, role, CSRF, idempotency, media type, size,
   * rate limit, paging cursor, path ids) are added by `routeErrorCodes`.
   */
  errors?: ErrorCode[];
  /** The media type of the success body when it is not JSON (`text/csv; charset=utf-8`, …). */
  produces?: string;
  /** The media types of the request body when it is not JSON (provider callbacks). */
  consumes?: string[];
  /** Writes honour Idempotency-Key unless this is false (credential exchanges). */
  idempotent?: boolean;
  /** Sign-in and code routes get the tighter per-IP auth limit. */
  authRateLimited?: boolean;
  /**
   * A limit of the route's own (e.g. sign-ups per hour), per IP unless `keyGenerator` names what
   * is counted (e.g. the caller's session); overrides authRateLimited.
   */
  rateLimit?: { max: number; timeWindow: string; keyGenerator?: (req: FastifyRequest) => string };
  /** Public routes that act within a tenant name it themselves (e.g. from the body). */
  publicTenant?: (input: RouteInput<P, Q, B>, tx: Db) => Promise<string>;
  handler: (
    ctx: Ctx,
    input: RouteInput<P, Q, B>,
    req: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<z.input<R>>;
}

export const STAFF_DEFAULT_ROLES: readonly StaffRole[] = [
  'owner',
  'manager',
  'advisor',
  'technician',
];

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1]! : null;
}

interface Credential {
  token: string;
  via: 'cookie' | 'bearer';
}

function credentialFor(audience: Audience, req: FastifyRequest): Credential | null {
  const b = bearer(req);
  if (b) return { token: b, via: 'bearer' };
  if (audience === 'staff' && req.cookies[COOKIE.staff])
    return { token: req.cookies[COOKIE.staff]!, via: 'cookie' };
  if (audience === 'app' && req.cookies[COOKIE.app])
    return { token: req.cookies[COOKIE.app]!, via: 'cookie' };
  return null;
}

/** Verifies the credential inside the tenant's scope and returns the actor. */
async function authenticate(
  auth: Authenticator,
  tx: Db,
  audience: Audience,
  cred: Credential,
  parsed: NonNullable<ReturnType<typeof parseToken>>,
  req: FastifyRequest,
  now: Date,
  sessionRows: readonly Record<string, unknown>[],
): Promise<{ actor: Actor; csrfToken: string | null }> {
  if (parsed.kind === 'password_link') throw new AppError('AUTH_REQUIRED');
  if (parsed.kind === 'api_key') {
    if (audience === 'app') throw new AppError('AUTH_REQUIRED');
    const key = await auth.resolveApiKey(tx, { hash: parsed.hash, now });
    if (!key) throw new AppError('API_KEY_INVALID');
    return { actor: { type: 'api_key', id: key.id, role: key.role }, csrfToken: null };
  }
  if (audience === 'integration') throw new AppError('API_KEY_INVALID');
  const subjectType = sessionSubject(audience);
  const session = auth.sessionFromRows(sessionRows, subjectType);
  if (!session) throw new AppError('AUTH_REQUIRED');
  if (cred.via === 'cookie' && MUTATING.has(req.method)) {
    const header = req.headers['x-csrf-token'];
    if (typeof header !== 'string' || !safeEqual(header, session.csrfToken))
      throw new AppError('CSRF_INVALID');
  }
  const actor: Actor =
    subjectType === 'customer'
      ? { type: 'customer', id: session.subjectId, sessionId: session.id }
      : { type: 'staff', id: session.subjectId, role: session.role!, sessionId: session.id };
  return { actor, csrfToken: session.csrfToken };
}

/**
 * The admin API answers 404 while no operator token is configured (it does not exist then);
 * otherwise the bearer must equal the token, compared in constant time over their hashes.
 */
function checkOperator(config: Config, req: FastifyRequest): void {
  if (!config.operatorToken) throw new AppError('NOT_FOUND');
  const given = bearer(req);
  if (!given || !safeEqual(sha256Hex(given), sha256Hex(config.operatorToken)))
    throw new AppError('OPERATOR_TOKEN_INVALID');
}
const sessionSubject = (audience: Audience) => (audience === 'app' ? 'customer' : 'staff');

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function idempotencyKey(req: FastifyRequest): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (
    typeof raw !== 'string' ||
    raw.length < 1 ||
    raw.length > 200 ||
    !/^[\x21-\x7e]+$/.test(raw)
  ) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'Idempotency-Key',
      message: {
        'zh-CN': 'Idempotency-Key 须为 1–200 个可见 ASCII 字符',
        en: 'Idempotency-Key must be 1–200 printable ASCII characters',
      },
    });
  }
  return raw;
}

/**
 * Every string a route receives — body (values and keys), query and path — must be valid
 * Unicode without NUL (kernel/text.ts): checked here once for every route, before the schemas,
 * so no module has to remember it and the database never sees such text.
 */
async function rejectUncleanText(req: FastifyRequest): Promise<void> {
  const parts = [
    ['params', req.params],
    ['querystring', req.query],
    ['body', req.body],
  ] as const;
  for (const [where, value] of parts) {
    const path = findUncleanText(value);
    if (!path) continue;
    const field = path.join('.') || where;
    throw new AppError('VALIDATION_FAILED', {
      field,
      details: { in: where, issues: [{ path: field, code: 'invalid_text' }] },
      message: {
        'zh-CN': `请求内容有误：字段 ${field} 含有空字符（NUL）或无效的 Unicode 字符`,
        en: `The request is not valid: ${field} contains a NUL character or invalid Unicode`,
      },
    });
  }
}

/** `text/csv; charset=utf-8` → `text/csv` (the document keys content by media type). */
const mediaType = (contentType: string) => contentType.split(';')[0]!.trim();

/** The error codes a route can answer with: its own and those its shape implies. */
export function routeErrorCodes(
  def: Pick<
    RouteDef<AnyZod | undefined, AnyZod | undefined, AnyZod | undefined, AnyZod>,
    'method' | 'url' | 'audience' | 'errors' | 'querystring' | 'publicTenant'
  >,
  roles: readonly StaffRole[] | undefined,
  idempotent: boolean,
): Set<ErrorCode> {
  const codes = new Set<ErrorCode>(def.errors ?? []);
  codes.add('VALIDATION_FAILED');
  codes.add('RATE_LIMITED');
  if (def.audience === 'operator') codes.add('OPERATOR_TOKEN_INVALID');
  else if (def.audience !== 'public') codes.add('AUTH_REQUIRED');
  if (def.audience === 'staff' || def.audience === 'integration') codes.add('API_KEY_INVALID');
  if (roles) codes.add('FORBIDDEN');
  const hasPathParams = def.url.includes('{') || def.url.includes(':');
  if (hasPathParams || def.publicTenant) codes.add('NOT_FOUND');
  // A path segment that is not valid percent-encoded UTF-8.
  if (hasPathParams) codes.add('MALFORMED_REQUEST');
  if (MUTATING.has(def.method)) {
    codes.add('MALFORMED_REQUEST');
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
    if (def.audience === 'staff' || def.audience === 'app') codes.add('CSRF_INVALID');
  }
  if (idempotent) codes.add('IDEMPOTENCY_KEY_REUSED');
  const query = def.querystring as { shape?: Record<string, unknown> } | undefined;
  if (query?.shape && 'cursor' in query.shape) codes.add('CURSOR_INVALID');
  return codes;
}

function scopeOf(actor: Actor, req: FastifyRequest): string {
  return actor.type === 'system' ? `anon:${req.ip}` : `${actor.type}:${actor.id}`;
}

export function defineRoute<
  P extends AnyZod | undefined,
  Q extends AnyZod | undefined,
  B extends AnyZod | undefined,
  R extends AnyZod,
>(app: FastifyInstance, deps: RouteDeps, def: RouteDef<P, Q, B, R>): void {
  const status = def.status ?? 200;
  const roles =
    def.roles ??
    (def.audience === 'public' || def.audience === 'app' || def.audience === 'operator'
      ? undefined
      : STAFF_DEFAULT_ROLES);
  const idempotent = MUTATING.has(def.method) && def.idempotent !== false;
  const errorCodes = routeErrorCodes(def, roles, idempotent);
  const errorResponses: Record<number, unknown> = {};
  for (const [code, spec] of Object.entries(ERROR_CODES)) {
    if (!errorCodes.has(code as ErrorCode)) continue;
    const listed = [...errorCodes].filter((c) => ERROR_CODES[c].status === spec.status);
    errorResponses[spec.status] ??= {
      description: listed.map((c) => `\`${c}\``).join(', '),
      content: { 'application/json': { schema: ErrorBody } },
    };
  }
  const success =
    status === 204
      ? def.response
      : {
          description: def.summary,
          content: { [mediaType(def.produces ?? 'application/json')]: { schema: def.response } },
        };

  const codesDoc = [...errorCodes].map((c) => `\`${c}\` (${ERROR_CODES[c].status})`).join(', ');
  const description = [
    def.description,
    roles ? `Roles: ${roles.join(', ')}.` : undefined,
    idempotent
      ? 'Send `Idempotency-Key`: a retry with the same key and body returns the first answer.'
      : undefined,
    `Errors: ${codesDoc}.`,
  ]
    .filter(Boolean)
    .join('\n\n');

  const security: { [scheme: string]: string[] }[] =
    def.audience === 'staff'
      ? [{ staffSession: [] }, { bearer: [] }]
      : def.audience === 'app'
        ? [{ customerSession: [] }, { bearer: [] }]
        : def.audience === 'integration' || def.audience === 'operator'
          ? [{ bearer: [] }]
          : [];

  // Input and output types come from RouteDef; the zod compilers validate and serialise.
  const options = {
    method: def.method,
    url: def.url.replace(/\{(\w+)\}/g, ':$1'),
    config: {
      audience: def.audience,
      roles,
      ...(def.rateLimit
        ? { rateLimit: def.rateLimit }
        : def.authRateLimited
          ? { rateLimit: { max: deps.config.authRateLimitPerMinute, timeWindow: '1 minute' } }
          : {}),
    },
    preValidation: rejectUncleanText,
    schema: {
      summary: def.summary,
      description,
      tags: def.tags,
      security,
      ...(def.params ? { params: def.params } : {}),
      ...(def.querystring ? { querystring: def.querystring } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(def.consumes ? { consumes: def.consumes } : {}),
      ...(idempotent
        ? {
            headers: z
              .object({ 'idempotency-key': z.string().optional().describe('Makes a retry safe') })
              .loose(),
          }
        : {}),
      response: { [status]: success, ...errorResponses },
      'x-error-codes': [...errorCodes],
    },
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const input = { params: req.params, query: req.query, body: req.body } as RouteInput<P, Q, B>;
      const locale = localeFromHeader(req.headers['accept-language']);
      const now = deps.clock.now();
      const { db } = deps.database;

      let tenantId: string;
      let cred: Credential | null = null;
      let parsed: ReturnType<typeof parseToken> = null;
      if (def.audience === 'operator') checkOperator(deps.config, req);
      if (def.audience === 'public' || def.audience === 'operator') {
        if (!def.publicTenant) {
          const result = await withoutTenant(db, async (tx) =>
            def.handler(
              {
                tenantId: '',
                actor: { type: 'system', id: null },
                tx,
                clock: deps.clock,
                locale,
                requestId: String(req.id),
                log: req.log,
              },
              input,
              req,
              reply,
            ),
          );
          reply.code(reply.statusCode === 200 ? status : reply.statusCode);
          return result;
        }
        tenantId = await withoutTenant(db, (tx) => def.publicTenant!(input, tx));
      } else {
        cred = credentialFor(def.audience, req);
        parsed = cred ? parseToken(cred.token) : null;
        if (!cred || !parsed)
          throw new AppError(
            def.audience === 'integration' && cred ? 'API_KEY_INVALID' : 'AUTH_REQUIRED',
          );
        tenantId = parsed.tenantId;
      }

      const key = idempotent ? idempotencyKey(req) : null;
      // A session is looked up in the same round trip that opens the tenant's transaction.
      const lead =
        parsed?.kind === 'session' && (def.audience === 'staff' || def.audience === 'app')
          ? deps.auth.sessionStatement({
              hash: parsed.hash,
              subjectType: sessionSubject(def.audience),
              now,
            })
          : undefined;
      const outcome = await withTenant(
        db,
        tenantId,
        async (tx, sessionRows) => {
          let actor: Actor = { type: 'system', id: null };
          let csrfToken: string | null = null;
          if (cred && parsed) {
            ({ actor, csrfToken } = await authenticate(
              deps.auth,
              tx,
              def.audience,
              cred,
              parsed,
              req,
              now,
              sessionRows,
            ));
            const role = actor.type === 'staff' || actor.type === 'api_key' ? actor.role : null;
            if (roles && (!role || !roles.includes(role))) throw new AppError('FORBIDDEN');
          }
          const ctx: Ctx = {
            tenantId,
            actor,
            tx,
            clock: deps.clock,
            locale,
            requestId: String(req.id),
            log: req.log,
            csrfToken,
          };

          if (key) {
            const scope = scopeOf(actor, req);
            const requestHash = sha256Hex(
              `${def.method} ${def.url}\n${canonical(req.params)}\n${canonical(req.body ?? null)}`,
            );
            // Claim the key. A concurrent request with the same key waits here on the primary key
            // until this transaction ends, then finds the stored answer: one effect.
            const claimed = await tx
              .insert(idempotencyRecords)
              .values({
                tenantId,
                scope,
                key,
                requestHash,
                statusCode: 0,
                responseBody: null,
                expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
              })
              .onConflictDoNothing()
              .returning({ key: idempotencyRecords.key });
            if (claimed.length === 0) {
              const [prior] = await tx
                .select()
                .from(idempotencyRecords)
                .where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key)));
              if (!prior) throw new AppError('INTERNAL');
              if (prior.requestHash !== requestHash)
                throw new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'Idempotency-Key' });
              return {
                replayed: true as const,
                status: prior.statusCode,
                body: prior.responseBody,
              };
            }
            const body = await def.handler(ctx, input, req, reply);
            const finalStatus = reply.statusCode === 200 ? status : reply.statusCode;
            await tx
              .update(idempotencyRecords)
              .set({
                statusCode: finalStatus,
                responseBody:
                  body === undefined ? null : (JSON.parse(JSON.stringify(body)) as unknown),
              })
              .where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key)));
            return { replayed: false as const, status: finalStatus, body };
          }
          const body = await def.handler(ctx, input, req, reply);
          return {
            replayed: false as const,
            status: reply.statusCode === 200 ? status : reply.statusCode,
            body,
          };
        },
        { lead },
      );

      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
      reply.code(outcome.status);
      if (outcome.status === 204) return reply.send();
      return outcome.body as never;
    },
  };
  app.route(options as unknown as RouteOptions);
}

/** Deletes idempotency records past their time (run by the job below). */
export async function purgeExpiredIdempotency(adminDb: Db, now: Date): Promise<number> {
  const res = await adminDb.execute(
    sql`delete from idempotency_records where expires_at < ${now.toISOString()}::timestamptz`,
  );
  return (
    (res as unknown as { rowCount?: number; affectedRows?: number }).rowCount ??
    (res as unknown as { affectedRows?: number }).affectedRows ??
    0
  );
}

export const IDEMPOTENCY_JOBS: JobDef[] = [
  {
    name: 'maintenance.purge-idempotency',
    cron: '17 * * * *',
    handler: async (_data, { database, clock, log }) => {
      const purged = await purgeExpiredIdempotency(database.adminDb, clock.now());
      if (purged) log.info({ idempotencyRecords: purged }, 'purged expired idempotency records');
    },
  },
];
