import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { COOKIE, defineRoute, type RouteDeps } from '../../http/route.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError, type ErrorCode } from '../../kernel/errors.ts';
import { ImageBytes, ImageParams, PurposeSchema, StoredImageSchema } from './media.schemas.ts';
import { readVariant, saveImage } from './media.service.ts';

const TAGS = ['media'];
const UPLOAD_ERRORS: ErrorCode[] = [
  'MEDIA_FILE_MISSING',
  'MEDIA_TYPE_NOT_ALLOWED',
  'MEDIA_TOO_LARGE',
  'MEDIA_TOO_MANY_PIXELS',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
];

interface Upload {
  bytes: Buffer;
  purpose: string;
}

/** The upload read by the preHandler; the body the route sees is its digest. */
const uploads = new WeakMap<FastifyRequest, Upload>();

const credentialOf = (req: FastifyRequest, cookie: string) =>
  req.headers.authorization ?? req.cookies[cookie];

function multipartError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('MEDIA_TOO_LARGE', {
      field: 'file',
      details: { maxBytes },
      cause: err,
    });
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return err;
  // A form cut short or otherwise broken: the client's fault, not ours.
  return new AppError('MALFORMED_REQUEST', { cause: err });
}

async function readParts(req: FastifyRequest, maxBytes: number): Promise<Upload | null> {
  let bytes: Buffer | null = null;
  let purpose: string | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        // Read up to the limit and no further: a larger file fails at the limit.
        const read = await part.toBuffer();
        if (part.fieldname === 'file' && !bytes) bytes = read;
      } else if (part.fieldname === 'purpose' && typeof part.value === 'string') {
        purpose = part.value;
      }
    }
  } catch (err) {
    throw multipartError(err, maxBytes);
  }
  if (!bytes) return null;
  const parsed = PurposeSchema.safeParse(purpose ?? 'general');
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', {
      field: 'purpose',
      message: {
        'zh-CN': '请求内容有误：字段 purpose 应为小写英文单词（字母、数字、_）',
        en: 'The request is not valid: purpose must be a lower-case word (letters, digits, _)',
      },
    });
  return { bytes, purpose: parsed.data };
}

function uploadOf(req: FastifyRequest): Upload {
  const upload = uploads.get(req);
  if (upload) return upload;
  const type = req.headers['content-type'];
  if (type && !req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  throw new AppError('MEDIA_FILE_MISSING', { field: 'file' });
}

const UPLOAD_DOC =
  'Send `multipart/form-data` with the image in the part `file` (JPEG, PNG, WebP, GIF — kept as a still — or HEIC where the server can decode it; the type is read from the bytes, never the file name) and, optionally, a part `purpose` (`club_post`, `event_cover`, …; default `general`). The picture is turned upright by its EXIF orientation and re-encoded without any metadata (no EXIF, no GPS) as a display variant (long edge ≤ 2048) and a thumbnail (≤ 400); the original is not kept. `url` and `thumbUrl` open without a session.';

export function mediaRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { maxBytes, uploadsPerMinute } = deps.config.media;
  // Counted per session (per car owner or staff member), the client IP when there is none.
  const perCaller = {
    max: uploadsPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => {
      const credential = credentialOf(req, COOKIE.app) ?? credentialOf(req, COOKIE.staff);
      return credential ? `media:${sha256Hex(credential)}` : `media-ip:${req.ip}`;
    },
  };

  // Own plugin scope: multipart parsing lives only here.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 1024, parts: 6 },
    });
    scope.addHook('preHandler', async (req) => {
      if (req.method !== 'POST' || !req.isMultipart()) return;
      const cookie = req.url.startsWith('/api/v1/app/') ? COOKIE.app : COOKIE.staff;
      // Leave an anonymous upload unread: the route answers 401 before anything else.
      if (!credentialOf(req, cookie)) return;
      const upload = await readParts(req, maxBytes);
      if (!upload) return;
      uploads.set(req, upload);
      // Idempotency-Key compares bodies: the file's digest stands for its bytes.
      req.body = {
        size: upload.bytes.length,
        sha256: createHash('sha256').update(upload.bytes).digest('hex'),
        purpose: upload.purpose,
      };
    });

    const upload = (ctx: Ctx, req: FastifyRequest) => {
      const { bytes, purpose } = uploadOf(req);
      const by =
        ctx.actor.type === 'customer'
          ? { customerId: ctx.actor.id }
          : ctx.actor.type === 'staff'
            ? { staffUserId: ctx.actor.id }
            : ({ system: true } as const);
      return saveImage(ctx, bytes, by, purpose);
    };

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/app/media/images',
      audience: 'app',
      summary: 'Upload a photo (a club post’s, …): stored without its metadata, in two sizes',
      description: `${UPLOAD_DOC} At most ${maxBytes} bytes; ${uploadsPerMinute} uploads a minute.`,
      tags: TAGS,
      status: 201,
      response: StoredImageSchema,
      errors: UPLOAD_ERRORS,
      rateLimit: perCaller,
      handler: async (ctx, _input, req) => upload(ctx, req),
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/staff/media/images',
      audience: 'staff',
      summary: 'Upload an image (an event cover, …): stored without its metadata, in two sizes',
      description: `${UPLOAD_DOC} At most ${maxBytes} bytes; ${uploadsPerMinute} uploads a minute.`,
      tags: TAGS,
      status: 201,
      response: StoredImageSchema,
      errors: UPLOAD_ERRORS,
      rateLimit: perCaller,
      handler: async (ctx, _input, req) => upload(ctx, req),
    });
  });
  servingRoute(app, deps);
}

function servingRoute(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/public/media/{tenantId}/images/{imageId}/{variant}',
    produces: 'image/jpeg',
    audience: 'public',
    summary: 'An uploaded image (display or thumb), by its unguessable id — no session',
    description:
      'Served as image/jpeg, or image/webp for a picture with transparency. The bytes of an id never change: cached for a year (immutable).',
    tags: TAGS,
    params: ImageParams,
    response: ImageBytes,
    errors: ['NOT_FOUND'],
    publicTenant: async ({ params }) => params.tenantId,
    handler: async (ctx, { params }, _req, reply) => {
      const image = await readVariant(ctx, params.imageId, params.variant);
      reply
        .type(image.contentType)
        .header('content-length', String(image.length))
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        // A shared link or another site may show the picture; nothing else here is public.
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('content-disposition', 'inline');
      return image.bytes as unknown as string;
    },
  });
}
