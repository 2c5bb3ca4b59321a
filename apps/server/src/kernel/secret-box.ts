// Secrets at rest: AES-256-GCM under a keyring (one primary key that seals, older keys that still
// open). The keyring comes from LIUKE_SECRET_KEY (`id:base64key[,id:base64key…]`, the first one
// seals) or, for the embedded default, from `secret-keys.json` in the data directory, generated
// on first use with mode 0600. A throw-away in-memory database gets a key that lives as long as
// the process. Sealed text reads `lks1.<key id>.<iv>.<tag>.<ciphertext>` (base64url).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'lks1';
const KEY_FILE = 'secret-keys.json';

export interface Keyring {
  /** Id of the key that seals. */
  primary: string;
  keys: ReadonlyMap<string, Buffer>;
  /** Where the keyring came from: `env`, a file path, or `memory`. */
  source: string;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const decodeKey = (id: string, b64: string): Buffer => {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new SecretBoxError(`secret key ${id}: expected 32 bytes (base64)`);
  return key;
};

/** Parses `id:base64[,id:base64…]` (or one bare base64 key, id `env`). */
export function parseKeyring(value: string, source = 'env'): Keyring {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const at = s.indexOf(':');
      return at < 0 ? (['env', s] as const) : ([s.slice(0, at), s.slice(at + 1)] as const);
    });
  if (!entries.length) throw new SecretBoxError('secret key: empty');
  const keys = new Map<string, Buffer>();
  for (const [id, b64] of entries) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new SecretBoxError(`secret key id ${id}: invalid`);
    keys.set(id, decodeKey(id, b64));
  }
  return { primary: entries[0]![0], keys, source };
}

export const newKeyId = (): string => `k${Date.now().toString(36)}`;
export const newKey = (): string => randomBytes(32).toString('base64');

interface KeyFile {
  primary: string;
  keys: Record<string, string>;
}

export function readKeyFile(file: string): Keyring {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  const keys = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(parsed.keys)) keys.set(id, decodeKey(id, b64));
  if (!keys.has(parsed.primary)) throw new SecretBoxError(`${file}: primary key missing`);
  return { primary: parsed.primary, keys, source: file };
}

/** Writes a keyring file readable by its owner only (atomically, through a temporary file). */
export function writeKeyFile(file: string, ring: Keyring): void {
  const body: KeyFile = {
    primary: ring.primary,
    keys: Object.fromEntries([...ring.keys].map(([id, k]) => [id, k.toString('base64')])),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}

export const keyFilePath = (dataDir: string): string => path.join(dataDir, KEY_FILE);

let memoryRing: Keyring | null = null;

/**
 * The keyring for this process: from the environment when given, else the data directory's key
 * file (created on first use, 0600), else (in-memory database) one key for the process's life.
 */
export function loadKeyring(opts: {
  envValue?: string | undefined;
  dataDir: string | null;
}): Keyring {
  if (opts.envValue) return parseKeyring(opts.envValue);
  if (!opts.dataDir) {
    memoryRing ??= {
      primary: 'mem',
      keys: new Map([['mem', randomBytes(32)]]),
      source: 'memory',
    };
    return memoryRing;
  }
  const file = keyFilePath(opts.dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const id = newKeyId();
    const body = JSON.stringify({ primary: id, keys: { [id]: newKey() } }, null, 2) + '\n';
    try {
      // Exclusive create: of two processes starting at once, one writes and both read it.
      fs.writeFileSync(file, body, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readKeyFile(file);
}

let ring: Keyring | null = null;

/** Installs the process's keyring (at start-up, before anything seals or opens). */
export function useKeyring(k: Keyring): void {
  ring = k;
}

export function currentKeyring(): Keyring {
  if (!ring) throw new SecretBoxError('secret box: no keyring configured');
  return ring;
}

/**
 * A key id this process does not know: when the keyring came from the data directory's key file,
 * `liuke secrets rotate` may have added a key since start — read the file again (once per id).
 */
const reloadedFor = new Set<string>();
function keyFor(id: string): Buffer | undefined {
  const k = currentKeyring();
  const key = k.keys.get(id);
  if (key || k.source === 'env' || k.source === 'memory' || reloadedFor.has(id)) return key;
  reloadedFor.add(id);
  try {
    ring = readKeyFile(k.source);
  } catch {
    return undefined;
  }
  return ring.keys.get(id);
}

/** The keyring with a new primary key in front; the old keys still open what they sealed. */
export function withNewPrimary(k: Keyring, id = newKeyId(), key = newKey()): Keyring {
  if (k.keys.has(id)) throw new SecretBoxError(`secret key id ${id}: exists`);
  return { primary: id, keys: new Map([[id, decodeKey(id, key)], ...k.keys]), source: k.source };
}

/** The keyring reduced to its primary key (after every value was re-sealed under it). */
export const primaryOnly = (k: Keyring): Keyring => ({
  primary: k.primary,
  keys: new Map([[k.primary, k.keys.get(k.primary)!]]),
  source: k.source,
});

/** The LIUKE_SECRET_KEY value of a keyring: `id:base64`, primary first. */
export function formatKeyring(k: Keyring): string {
  const ids = [k.primary, ...[...k.keys.keys()].filter((id) => id !== k.primary)];
  return ids.map((id) => `${id}:${k.keys.get(id)!.toString('base64')}`).join(',');
}

/**
 * The AAD of a secret kept in a column: its tenant and its field (`channel_settings.secrets.sms.
 * authToken`), so a sealed value copied to another tenant's row or another field does not open.
 */
export const fieldAad = (tenantId: string, field: string): string => `${tenantId}|${field}`;

export const sealField = (tenantId: string, field: string, plain: string): string =>
  seal(plain, fieldAad(tenantId, field));

export const openField = (tenantId: string, field: string, sealed: string): string =>
  open(sealed, fieldAad(tenantId, field));

const b64u = (b: Buffer) => b.toString('base64url');

/**
 * With a key file, `liuke secrets rotate` may have put a new primary key in it since this process
 * read it: seal under that one, or retiring the old key would strand what this process sealed.
 */
let fileSeen: { file: string; mtimeMs: number } | null = null;
function freshRing(): Keyring {
  const k = currentKeyring();
  if (k.source === 'env' || k.source === 'memory') return k;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(k.source).mtimeMs;
  } catch {
    return k;
  }
  if (fileSeen?.file === k.source && fileSeen.mtimeMs === mtimeMs) return k;
  fileSeen = { file: k.source, mtimeMs };
  try {
    ring = readKeyFile(k.source);
  } catch {
    return k;
  }
  return ring;
}

/** Seals `plain` under the primary key; `aad` binds it to its place (e.g. a tenant and a field). */
export function seal(plain: string, aad = ''): string {
  const k = freshRing();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k.keys.get(k.primary)!, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [PREFIX, k.primary, b64u(iv), b64u(cipher.getAuthTag()), b64u(ct)].join('.');
}

export const isSealed = (value: string): boolean => value.startsWith(`${PREFIX}.`);

/** The key id a sealed value was sealed with (rotation re-seals the ones not under the primary). */
export function sealedKeyId(sealed: string): string | null {
  return isSealed(sealed) ? (sealed.split('.')[1] ?? null) : null;
}

/** Opens a sealed value; throws SecretBoxError on an unknown key, a wrong `aad` or tampering. */
export function open(sealed: string, aad = ''): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) throw new SecretBoxError('not a sealed value');
  const [, id, iv, tag, ct] = parts as [string, string, string, string, string];
  const key = keyFor(id);
  if (!key) throw new SecretBoxError(`sealed under unknown key ${id}`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ct, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretBoxError('sealed value does not open (tampered, or wrong context)');
  }
}

/** Re-seals under the primary key when sealed under another (key rotation); else answers null. */
export function reseal(sealed: string, aad = ''): string | null {
  return sealedKeyId(sealed) === currentKeyring().primary ? null : seal(open(sealed, aad), aad);
}

/**
 * A keyed hash (HMAC-SHA256 under a key derived from the primary key) for short secrets that are
 * checked, never read back: a 6-digit code hashed without a key is read back by trying a million.
 */
export function keyedHash(value: string): string {
  const k = currentKeyring();
  const mac = Buffer.from(
    hkdfSync('sha256', k.keys.get(k.primary)!, Buffer.alloc(0), 'liuke keyed hash', 32),
  );
  return createHmac('sha256', mac).update(value).digest('hex');
}
