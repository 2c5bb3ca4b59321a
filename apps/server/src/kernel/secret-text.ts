// A secret inside a message (a sign-in code, a password-reset link) travels sealed: the caller's
// text holds `{secret}`, which becomes `⟦<sealed>⟧` before anything is stored. Every stored
// copy (intent data, delivery body, the development recorder) keeps only the sealed form; the
// adapter that hands the message to its provider is the one place it is opened, and every view
// for staff or logs shows it masked.
import { isSealed, open, seal } from './secret-box.ts';

export const SECRET_PLACEHOLDER = '{secret}';
export const SECRET_MASK = '••••••';
const MARKER = /⟦(lks1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)⟧/g;

const aadFor = (tenantId: string) => `message-secret:${tenantId}`;

/** Puts `secret`, sealed, where `text` says `{secret}` (every occurrence). */
export function embedSecret(text: string, secret: string, tenantId: string): string {
  if (!text.includes(SECRET_PLACEHOLDER)) throw new Error('text has no {secret} placeholder');
  return text.replaceAll(SECRET_PLACEHOLDER, `⟦${seal(secret, aadFor(tenantId))}⟧`);
}

export const hasSecret = (text: string | null | undefined): boolean =>
  !!text && new RegExp(MARKER.source).test(text);

/** The text as its recipient gets it: sealed secrets opened. */
export function revealSecrets(text: string, tenantId: string): string {
  return text.replace(MARKER, (_m, sealed: string) =>
    isSealed(sealed) ? open(sealed, aadFor(tenantId)) : SECRET_MASK,
  );
}

/** The text as staff and logs see it: sealed secrets masked. */
export const maskSecrets = (text: string): string => text.replace(MARKER, SECRET_MASK);

/** `maskSecrets` through a JSON value (intent data shown to staff). */
export function maskSecretsDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map(maskSecretsDeep) as T;
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecretsDeep(v)])) as T;
  return value;
}
