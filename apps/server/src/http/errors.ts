// One error handler: every failure leaves as `{ error: { code, message, field, details, requestId } }`.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, localeFromHeader, type ErrorCode, type Locale } from '../kernel/errors.ts';
import { pgError } from '../kernel/pg-errors.ts';

/**
 * One validation failure as Fastify hands it over: fastify-type-provider-zod gives
 * `{ keyword, instancePath, message, params: { ...the zod issue's other fields } }`; a plain
 * zod issue (`{ path, code, message }`) is accepted too.
 */
interface ValidationEntry {
  keyword?: string;
  instancePath?: string;
  path?: PropertyKey[];
  code?: string;
  message?: string;
  params?: {
    /** Zod's string format (`date`, `datetime`, …). */
    format?: string;
    /** A refinement's params (kernel/calendar.ts sets `format`). */
    params?: { format?: string };
    issue?: { path?: PropertyKey[]; code?: string; message?: string };
  };
}

function normalise(e: ValidationEntry) {
  const pathParts = e.params?.issue?.path ?? e.path;
  const path = pathParts
    ? pathParts.map(String).join('.')
    : (e.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  return {
    path,
    code: e.params?.issue?.code ?? e.code ?? e.keyword,
    message: e.params?.issue?.message ?? e.message,
    format: e.params?.format ?? e.params?.params?.format,
  };
}

const FIELD_MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  invalid_type: { 'zh-CN': '类型不正确或缺少该字段', en: 'is missing or has the wrong type' },
  too_small: { 'zh-CN': '太短或太小', en: 'is too short or too small' },
  too_big: { 'zh-CN': '太长或太大', en: 'is too long or too large' },
  invalid_format: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  invalid_value: { 'zh-CN': '取值不在允许范围内', en: 'is not one of the allowed values' },
  unrecognized_keys: { 'zh-CN': '包含未知字段', en: 'has unknown fields' },
};

/** Messages for the shared calendar formats (kernel/calendar.ts). */
const FORMAT_MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  date: {
    'zh-CN': '不是有效的日期（YYYY-MM-DD，年份 0001–9999）',
    en: 'is not a real calendar date (YYYY-MM-DD, years 0001–9999)',
  },
  datetime: {
    'zh-CN': '不是有效的时间（ISO 8601 含时区，年份 0001–9999）',
    en: 'is not a valid instant (ISO 8601 with offset, years 0001–9999)',
  },
  month: {
    'zh-CN': '不是有效的月份（YYYY-MM，年份 0001–9999）',
    en: 'is not a valid month (YYYY-MM, years 0001–9999)',
  },
};

function validationError(err: FastifyError): AppError {
  const issues = ((err.validation ?? []) as unknown as ValidationEntry[]).map(normalise);
  const first = issues[0];
  const context = (err as FastifyError & { validationContext?: string }).validationContext;
  const field = first?.path || context;
  const kind =
    (first?.format ? FORMAT_MESSAGES[first.format] : undefined) ??
    FIELD_MESSAGES[first?.code ?? ''] ??
    FIELD_MESSAGES.invalid_format!;
  const label = field ?? '';
  return new AppError('VALIDATION_FAILED', {
    ...(field ? { field } : {}),
    details: {
      issues: issues.slice(0, 10).map(({ path, code, message }) => ({ path, code, message })),
      in: context,
    },
    message: {
      'zh-CN': `请求内容有误：${label ? `字段 ${label} ` : ''}${kind['zh-CN']}`,
      en: `The request is not valid: ${label ? `${label} ` : ''}${kind.en}`,
    },
  });
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_REQUEST',
  FST_ERR_BAD_URL: 'MALFORMED_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'MALFORMED_REQUEST',
};

/** Maps anything thrown to an AppError; unknown errors become INTERNAL (a bug). */
export function toAppError(err: unknown, _locale?: Locale): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe) || fe?.validation) return validationError(fe);
  if (fe?.code && FASTIFY_CODES[fe.code])
    return new AppError(FASTIFY_CODES[fe.code]!, { cause: err });
  if (fe?.statusCode === 429) return new AppError('RATE_LIMITED', { cause: err });
  if (fe?.code === 'FST_ERR_VALIDATION') return validationError(fe);
  // Last line of defence: input the schemas let through but the database refused as data
  // (SQLSTATE class 22: a value out of range, an impossible date, bad text; 54000: a value too
  // large for an index). The request was bad, not the server — but each such case is a missing
  // check, so it is logged as a warning (see errorHandler).
  const pg = pgError(err);
  if (pg && (pg.code.startsWith('22') || pg.code === '54000'))
    return new AppError('VALIDATION_FAILED', { cause: err, details: { sqlState: pg.code } });
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(
      fe.statusCode === 404
        ? 'NOT_FOUND'
        : fe.statusCode === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : fe.statusCode === 413
            ? 'PAYLOAD_TOO_LARGE'
            : 'MALFORMED_REQUEST',
      { cause: err },
    );
  }
  return new AppError('INTERNAL', { cause: err });
}

/**
 * Sends the error body; `beside` adds fields a caller's protocol asks for next to `error` (sent
 * as text, since the route's documented error schema would drop them).
 */
export function sendError(
  err: AppError,
  request: FastifyRequest,
  reply: FastifyReply,
  beside?: (err: AppError) => Record<string, unknown>,
) {
  const locale = localeFromHeader(request.headers['accept-language']);
  if (err.headers) reply.headers(err.headers);
  const body = {
    error: {
      code: err.code,
      message: err.messageFor(locale),
      ...(err.field ? { field: err.field } : {}),
      ...(err.details ? { details: err.details } : {}),
      requestId: String(request.id),
    },
  };
  return reply
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send(beside ? JSON.stringify({ ...beside(err), ...body }) : body);
}

export function errorHandler(
  err: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  beside?: (err: AppError) => Record<string, unknown>,
) {
  const locale = localeFromHeader(request.headers['accept-language']);
  if (isResponseSerializationError(err as Error)) {
    request.log.error({ err }, 'response does not match its schema');
  }
  const appError = toAppError(err, locale);
  if (appError.status >= 500) request.log.error({ err }, 'request failed');
  else if (appError.details?.sqlState)
    request.log.warn({ err }, 'the database refused input the schemas let through');
  else request.log.info({ code: appError.code, field: appError.field }, 'request rejected');
  return sendError(appError, request, reply, beside);
}
