// Bearer and cookie tokens carry the tenant in clear so the request can enter the tenant's
// row-level scope before the token itself is looked up (by its hash) inside that scope.
import { isUuid } from '../kernel/ids.ts';
import { randomToken, sha256Hex } from '../kernel/crypto.ts';

/** `password_link`: the secret of a staff invitation or password-reset link. */
export type TokenKind = 'session' | 'api_key' | 'password_link';
const PREFIX: Record<TokenKind, string> = { session: 'lks', api_key: 'lk', password_link: 'lkp' };
const KIND: Record<string, TokenKind> = { lks: 'session', lk: 'api_key', lkp: 'password_link' };

export function issueToken(kind: TokenKind, tenantId: string): { token: string; hash: string } {
  const token = `${PREFIX[kind]}_${tenantId.replaceAll('-', '')}_${randomToken(32)}`;
  return { token, hash: sha256Hex(token) };
}

export function parseToken(
  token: string,
): { kind: TokenKind; tenantId: string; hash: string } | null {
  const match = /^(lks|lkp|lk)_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token);
  if (!match) return null;
  const hex = match[2]!;
  const tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!isUuid(tenantId)) return null;
  return { kind: KIND[match[1]!]!, tenantId, hash: sha256Hex(token) };
}
