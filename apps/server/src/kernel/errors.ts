// The one error type of the server. A code is stable (clients and tests match on it), maps to
// one HTTP status, and has a message in each UI language; the log line is kept separate.

import { ERROR_CODES, type CodeSpec, type Messages } from './error-codes.ts';

export { ERROR_CODES };
export type ErrorCode = keyof typeof ERROR_CODES;
export type Locale = 'zh-CN' | 'en';

export interface AppErrorOptions {
  field?: string;
  details?: Record<string, unknown>;
  /** Overrides the code's default message (already localised per locale). */
  message?: Messages;
  /** Extra headers for the response (e.g. Retry-After). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly messages: Messages;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const spec: CodeSpec = ERROR_CODES[code];
    super(options.message?.en ?? spec.message.en, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.field = options.field;
    this.details = options.details;
    this.headers = options.headers;
    this.messages = options.message ?? spec.message;
  }

  messageFor(locale: Locale): string {
    return this.messages[locale];
  }
}

/** Picks zh-CN or en from an Accept-Language header; zh-CN is the default. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export const notFound = (details?: Record<string, unknown>) =>
  new AppError('NOT_FOUND', details ? { details } : {});
