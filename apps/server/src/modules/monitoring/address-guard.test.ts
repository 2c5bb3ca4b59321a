import { describe, expect, it } from 'vitest';
import { isPublicAddress, literalBlocked } from './address-guard.ts';

describe('feed address guard', () => {
  it('refuses loopback, private, link-local, metadata and other reserved addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '224.0.0.1',
    ])
      expect([a, isPublicAddress(a)]).toEqual([a, false]);
  });

  it('admits public unicast addresses', () => {
    for (const a of ['93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect([a, isPublicAddress(a)]).toEqual([a, true]);
  });

  it('checks IP literals in URLs (brackets, decimal and hex forms)', () => {
    for (const u of [
      'http://127.0.0.1/feed',
      'http://[::1]/feed',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::ffff:a9fe:a9fe]/latest',
    ])
      expect([u, literalBlocked(new URL(u), false)]).toEqual([u, true]);
    expect(literalBlocked(new URL('http://127.0.0.1/'), true)).toBe(false);
    expect(literalBlocked(new URL('https://example.com/'), false)).toBe(false);
  });
});
