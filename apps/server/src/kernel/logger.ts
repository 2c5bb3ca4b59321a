import pino, { type Logger as PinoLogger } from 'pino';
import type { FastifyBaseLogger } from 'fastify';

/** What code logs through: the request's child logger or the process logger. */
export type Logger = FastifyBaseLogger;
export type { PinoLogger };

// Personal data never reaches the log in full (PIPL): phone numbers become 138****0001 wherever
// they appear in a logged value, and fields that hold a person's name, phone, e-mail or address
// are masked by their key. Applied to every log line by `createLogger`.

const PHONE_KEYS = new Set(['phone', 'to', 'recipient', 'mobile', 'contactPhone']);
const NAME_KEYS = new Set(['name', 'customerName', 'contactName', 'fullName', 'staffName']);
const EMAIL_KEYS = new Set(['email']);
const ADDRESS_KEYS = new Set(['address']);
// Mainland mobile numbers, with or without +86 / 86, not inside a longer run of digits.
const CN_MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)/gu;
const MAX_DEPTH = 6;

/** `+8613800000001` or `13800000001` → `138****0001`; other numbers keep only their last 4. */
export function maskPhoneForLog(value: string): string {
  const masked = value.replace(CN_MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
  if (masked !== value) return masked;
  // Another phone-like value (landline, foreign number): only its last four digits.
  if (/^\+?[\d\s()-]{7,}$/u.test(value) && !/^\d{4}-\d{2}-\d{2}/u.test(value))
    return `****${value.replace(/\D/gu, '').slice(-4)}`;
  return value;
}

/** `张三` → `张*`, `Zhang Wei` → `Z********`. */
export function maskNameForLog(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length <= 1) return chars.length ? '*' : '';
  return chars[0] + '*'.repeat(chars.length - 1);
}

function maskEmail(value: string): string {
  const at = value.indexOf('@');
  if (at < 1) return maskNameForLog(value);
  return `${value[0]}***${value.slice(at)}`;
}

function maskValue(key: string | null, value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    if (key !== null) {
      if (PHONE_KEYS.has(key))
        return value.includes('@') ? maskEmail(value) : maskPhoneForLog(value);
      if (NAME_KEYS.has(key)) return maskNameForLog(value);
      if (EMAIL_KEYS.has(key)) return maskEmail(value);
      if (ADDRESS_KEYS.has(key)) return '[redacted]';
    }
    return value.replace(CN_MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(key, v, depth + 1));
  // Errors, requests and other class instances keep their own serializers.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskValue(k, v, depth + 1);
  return out;
}

/** The log object with personal data masked (pino's `formatters.log`). */
export function maskLogFields(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    out[k] = k === 'err' || k === 'req' || k === 'res' ? v : maskValue(k, v, 0);
  return out;
}

/** JSON logs to stdout; secrets in headers and bodies are redacted, personal data masked. */
export function createLogger(level: string, destination?: pino.DestinationStream): PinoLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'liuke' },
    formatters: { log: maskLogFields },
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
  };
  return destination ? pino(options, destination) : pino(options);
}
