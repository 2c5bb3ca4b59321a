// The storage port for media bytes and its two adapters: a directory on local disk (the
// default) and an S3-compatible bucket. Keys are relative paths made by the media module
// (`<tenant>/<image>/<variant>.<ext>`); the port keeps bytes and their content type, nothing else.
import { mkdir, readFile, rm, stat, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import type { MediaConfig } from '../../config.ts';
import { newId } from '../../kernel/ids.ts';

export interface StoredObject {
  bytes: Buffer;
  contentType: string;
  length: number;
}

export interface MediaStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or null when no object has that key. */
  get(key: string): Promise<StoredObject | null>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** A key is slash-separated segments of letters, digits, `.`, `_`, `-` — never `..` or absolute. */
export function checkKey(key: string): string {
  if (key.length > 512 || !KEY.test(key) || key.split('/').some((s) => s === '..' || s === '.'))
    throw new Error(`media store: invalid key ${JSON.stringify(key)}`);
  return key;
}

/** Files under one directory; the content type lives beside each file (`<file>.type`). */
export function localMediaStore(dir: string): MediaStore {
  const root = path.resolve(dir);
  const fileOf = (key: string) => {
    const file = path.resolve(root, checkKey(key));
    // Belt and braces: the key rules already keep it inside.
    if (!file.startsWith(root + path.sep))
      throw new Error('media store: key escapes the directory');
    return file;
  };
  const missing = (err: unknown) => (err as { code?: string }).code === 'ENOENT';
  return {
    async put(key, bytes, contentType) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside then renamed: a reader never sees half a file.
      const tmp = `${file}.${newId()}.tmp`;
      await writeFile(`${file}.type`, contentType);
      await writeFile(tmp, bytes);
      await rename(tmp, file);
    },
    async get(key) {
      const file = fileOf(key);
      try {
        const [bytes, contentType] = await Promise.all([
          readFile(file),
          readFile(`${file}.type`, 'utf8'),
        ]);
        return { bytes, contentType, length: bytes.length };
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    async delete(key) {
      const file = fileOf(key);
      await rm(file, { force: true });
      await rm(`${file}.type`, { force: true });
    },
    async exists(key) {
      try {
        return (await stat(fileOf(key))).isFile();
      } catch (err) {
        if (missing(err)) return false;
        throw err;
      }
    },
  };
}

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` rather than `https://bucket.host/key`. */
  pathStyle: boolean;
}

/** Objects in an S3-compatible bucket, signed with AWS Signature V4 over fetch. */
export function s3MediaStore(s: S3Settings): MediaStore {
  const client = new AwsClient({
    accessKeyId: s.accessKeyId,
    secretAccessKey: s.secretAccessKey,
    service: 's3',
    region: s.region,
    retries: 2,
  });
  const base = new URL(s.endpoint);
  const urlOf = (key: string) => {
    const u = new URL(base);
    const k = checkKey(key).split('/').map(encodeURIComponent).join('/');
    if (s.pathStyle) u.pathname = `${u.pathname.replace(/\/$/, '')}/${s.bucket}/${k}`;
    else {
      u.hostname = `${s.bucket}.${u.hostname}`;
      u.pathname = `${u.pathname.replace(/\/$/, '')}/${k}`;
    }
    return u.toString();
  };
  const fail = async (what: string, res: Response) => {
    const text = await res.text().catch(() => '');
    throw new Error(`media store (S3): ${what} answered ${res.status} ${text.slice(0, 300)}`);
  };
  return {
    async put(key, bytes, contentType) {
      const res = await client.fetch(urlOf(key), {
        method: 'PUT',
        body: new Uint8Array(bytes),
        headers: { 'content-type': contentType, 'content-length': String(bytes.length) },
      });
      if (!res.ok) await fail(`PUT ${key}`, res);
      await res.arrayBuffer();
    },
    async get(key) {
      const res = await client.fetch(urlOf(key), { method: 'GET' });
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok) await fail(`GET ${key}`, res);
      const bytes = Buffer.from(await res.arrayBuffer());
      const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
      return { bytes, contentType, length: bytes.length };
    },
    async delete(key) {
      const res = await client.fetch(urlOf(key), { method: 'DELETE' });
      if (!res.ok && res.status !== 404) await fail(`DELETE ${key}`, res);
      await res.arrayBuffer();
    },
    async exists(key) {
      const res = await client.fetch(urlOf(key), { method: 'HEAD' });
      await res.arrayBuffer();
      if (res.status === 404) return false;
      if (!res.ok) await fail(`HEAD ${key}`, res);
      return true;
    },
  };
}

export function mediaStoreFor(config: MediaConfig): MediaStore {
  return config.store.kind === 's3'
    ? s3MediaStore(config.store)
    : localMediaStore(config.store.dir);
}

let current: { store: MediaStore; config: MediaConfig } | null = null;

/** Sets the process's media store (the runtime and the test harness call it once at start). */
export function useMediaStore(
  config: MediaConfig,
  store: MediaStore = mediaStoreFor(config),
): void {
  current = { store, config };
}

export function mediaStore(): MediaStore {
  if (!current) throw new Error('media store: not configured (useMediaStore at start-up)');
  return current.store;
}

export function mediaLimits(): Pick<MediaConfig, 'maxBytes' | 'uploadsPerMinute'> {
  if (!current) throw new Error('media store: not configured (useMediaStore at start-up)');
  return current.config;
}
