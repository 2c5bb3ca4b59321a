import pino, { type Logger as PinoLogger } from 'pino';
import type { FastifyBaseLogger } from 'fastify';

/** What code logs through: the request's child logger or the process logger. */
export type Logger = FastifyBaseLogger;
export type { PinoLogger };

/** JSON logs to stdout; secrets in headers and bodies are redacted. */
export function createLogger(level: string): PinoLogger {
  return pino({
    level,
    base: { service: 'liuke' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.code',
      ],
      censor: '[redacted]',
    },
  });
}
