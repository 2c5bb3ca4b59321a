// The storage port's contract, run against both adapters: a directory on disk and a real
// S3-compatible server (s3rver, started in this process on a free port).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMediaStore, s3MediaStore, type MediaStore } from './store.ts';

let diskDir: string;
let s3Dir: string;
let s3: S3rver;
let endpoint: string;

beforeAll(async () => {
  diskDir = await mkdtemp(path.join(os.tmpdir(), 'liuke-media-disk-'));
  s3Dir = await mkdtemp(path.join(os.tmpdir(), 'liuke-media-s3-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: 'liuke-media', configs: [] }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await s3?.close();
  await rm(diskDir, { recursive: true, force: true });
  await rm(s3Dir, { recursive: true, force: true });
});

const adapters: [string, () => MediaStore][] = [
  ['local disk', () => localMediaStore(diskDir)],
  [
    'S3-compatible server',
    () =>
      s3MediaStore({
        endpoint,
        region: 'us-east-1',
        bucket: 'liuke-media',
        // s3rver's fixed credentials.
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        pathStyle: true,
      }),
  ],
];

describe.each(adapters)('the media store on %s', (_name, make) => {
  const key = 't1/0190a000-0000-7000-8000-000000000001/display.jpg';
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01, 0x02, 0xfe, 0xff, 0xd9]);

  it('keeps bytes with their content type until deleted', async () => {
    const store = make();
    expect(await store.exists(key)).toBe(false);
    await store.put(key, bytes, 'image/jpeg');
    expect(await store.exists(key)).toBe(true);
    const got = await store.get(key);
    expect(got).not.toBeNull();
    expect(got!.contentType).toBe('image/jpeg');
    expect(got!.length).toBe(bytes.length);
    expect(Buffer.compare(got!.bytes, bytes)).toBe(0);

    await store.put(key, Buffer.from('RIFF0000WEBP'), 'image/webp');
    const replaced = await store.get(key);
    expect(replaced!.contentType).toBe('image/webp');
    expect(replaced!.bytes.toString()).toBe('RIFF0000WEBP');

    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
  });

  it('answers a missing key with null and deletes it without complaint', async () => {
    const store = make();
    expect(await store.get('t1/nothing/here.jpg')).toBeNull();
    expect(await store.exists('t1/nothing/here.jpg')).toBe(false);
    await expect(store.delete('t1/nothing/here.jpg')).resolves.toBeUndefined();
  });

  it('refuses keys that could leave its place', async () => {
    const store = make();
    for (const bad of ['../outside.jpg', 't1/../../etc/passwd', '/abs.jpg', 'a//b'])
      await expect(store.put(bad, bytes, 'image/jpeg')).rejects.toThrow(/invalid key/);
  });
});

describe('the S3 store', () => {
  // s3rver checks the access key id (not the V4 signature itself): a refusal surfaces as an error.
  it('fails when the server refuses the credentials', async () => {
    const store = s3MediaStore({
      endpoint,
      region: 'us-east-1',
      bucket: 'liuke-media',
      accessKeyId: 'NOT-A-KEY',
      secretAccessKey: 'S3RVER',
      pathStyle: true,
    });
    await expect(store.put('t3/x.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/403/);
  });
});

describe('the local disk store', () => {
  it('writes nothing outside its directory and leaves no temporary files', async () => {
    const store = localMediaStore(diskDir);
    await store.put('t2/a/thumb.jpg', Buffer.from('x'), 'image/jpeg');
    expect((await readdir(path.join(diskDir, 't2/a'))).sort()).toEqual([
      'thumb.jpg',
      'thumb.jpg.type',
    ]);
  });
});
