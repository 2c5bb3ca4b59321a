// PLACEHOLDER until the installation-wide secret box lands: the same two names and shapes
// (`seal(plain)` / `open(sealed)`, AES-256-GCM), so callers need no change when it is replaced.
// The key here is derived from LIUKE_SECRET_KEY when set, else from a fixed development key:
// that is not protection at rest, and the replacing version keeps its key outside the database.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

function key(): Buffer {
  const material = process.env.LIUKE_SECRET_KEY ?? 'liuke-development-secret-box-key';
  return createHash('sha256').update(material).digest();
}

/** Encrypts a short secret: `v1.<iv>.<tag>.<ciphertext>`, all base64url. */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Decrypts what `seal` made; throws when it was changed or sealed with another key. */
export function open(sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined)
    throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
