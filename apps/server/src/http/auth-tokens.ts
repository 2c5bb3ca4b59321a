// Bearer and cookie tokens carry the tenant in clear so the request can enter the tenant's
// row-level scope before the token itself is looked up (by its hash) inside that scope.
import { isUuid } from '../kernel/ids.ts';
import { randomToken, sha256Hex } from '../kernel/crypto.ts';

export type TokenKind = 'session' | 'api_key';
const PREFIX: Record<TokenKind, string> = { session: 'lks', api_key: 'lk' };

export function issueToken(kind: TokenKind, tenantId: string): { token: string; hash: string } {
  const token = `${PREFIX[kind]}_${tenantId.replaceAll('-', '')}_${randomToken(32)}`;
  return { token, hash: sha256Hex(token) };
}

export function parseToken(
  token: string,
): { kind: TokenKind; tenantId: string; hash: string } | null {
  const match = /^(lks|lk)_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token);
  if (!match) return null;
  const hex = match[2]!;
  const tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!isUuid(tenantId)) return null;
  return { kind: match[1] === 'lks' ? 'session' : 'api_key', tenantId, hash: sha256Hex(token) };
}
