import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  keyFilePath,
  keyedHash,
  loadKeyring,
  newKey,
  open,
  parseKeyring,
  reseal,
  seal,
  sealedKeyId,
  SecretBoxError,
  useKeyring,
} from './secret-box.ts';

const ringOf = (value: string) => parseKeyring(value);
const k1 = `a:${newKey()}`;
const k2 = `b:${newKey()}`;

describe('secret box', () => {
  afterEach(() => useKeyring(ringOf(k1)));

  it('seals and opens; the sealed text does not contain the plain text', () => {
    useKeyring(ringOf(k1));
    const s = seal('验证码 123456', 't1:field');
    expect(s).toMatch(/^lks1\.a\./);
    expect(s).not.toContain('123456');
    expect(open(s, 't1:field')).toBe('验证码 123456');
    expect(seal('x')).not.toBe(seal('x')); // a fresh IV each time
  });

  it('refuses a wrong context, a tampered value and an unknown key', () => {
    useKeyring(ringOf(k1));
    const s = seal('secret', 'tenant-a');
    expect(() => open(s, 'tenant-b')).toThrow(SecretBoxError);
    const parts = s.split('.');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString('base64url');
    expect(() => open(parts.join('.'), 'tenant-a')).toThrow(SecretBoxError);
    expect(() => open('plain text')).toThrow(SecretBoxError);
    useKeyring(ringOf(k2));
    expect(() => open(s, 'tenant-a')).toThrow(/unknown key a/);
  });

  it('rotation: a new primary seals, the old key still opens, reseal moves a value over', () => {
    useKeyring(ringOf(k1));
    const old = seal('token');
    useKeyring(ringOf(`${k2},${k1}`));
    expect(open(old)).toBe('token');
    const moved = reseal(old)!;
    expect(sealedKeyId(moved)).toBe('b');
    expect(open(moved)).toBe('token');
    expect(reseal(moved)).toBeNull();
  });

  it('keyed hash: stable under one key, different under another', () => {
    useKeyring(ringOf(k1));
    const h = keyedHash('t:+8613900000001:123456');
    expect(keyedHash('t:+8613900000001:123456')).toBe(h);
    useKeyring(ringOf(k2));
    expect(keyedHash('t:+8613900000001:123456')).not.toBe(h);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => parseKeyring('a:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyring('bad id!:' + newKey())).toThrow(/invalid/);
  });

  it('generates the data directory key file once, readable by its owner only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lk-keys-'));
    const a = loadKeyring({ envValue: undefined, dataDir: dir });
    const b = loadKeyring({ envValue: undefined, dataDir: dir });
    expect(b.primary).toBe(a.primary);
    expect(b.keys.get(b.primary)!.equals(a.keys.get(a.primary)!)).toBe(true);
    expect(fs.statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the environment wins over the data directory', () => {
    const ring = loadKeyring({ envValue: k2, dataDir: '/nonexistent' });
    expect(ring.primary).toBe('b');
    expect(ring.source).toBe('env');
  });
});
