import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  newTotpSecret,
  otpauthUri,
  totpCode,
  verifyTotp,
} from './totp.ts';

// RFC 6238 appendix B, SHA-1 rows: the ASCII secret "12345678901234567890", 8 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors', () => {
    for (const [seconds, expected] of RFC_VECTORS)
      expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(expected);
  });

  it('matches the RFC 4226 HOTP test values', () => {
    const key = Buffer.from('12345678901234567890');
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('accepts the current code and its neighbours, refuses others and replays', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = totpCode(secret, now);
    const step = verifyTotp(secret, code, now, null);
    expect(step).toBe(Math.floor(now / 30_000));
    expect(verifyTotp(secret, code, now + 30_000, null)).toBe(step); // one step late: accepted
    expect(verifyTotp(secret, code, now + 90_000, null)).toBeNull(); // three steps late
    expect(verifyTotp(secret, code, now, step)).toBeNull(); // used already
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now, step)).toBeNull(); // older
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(secret, wrong, now, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now, null)).toBeNull();
  });

  it('builds the otpauth URI', () => {
    expect(otpauthUri({ issuer: '留客 Demo', account: 'a@b.c', secret: 'ABC' })).toBe(
      'otpauth://totp/%E7%95%99%E5%AE%A2%20Demo:a%40b.c?secret=ABC&issuer=%E7%95%99%E5%AE%A2+Demo&algorithm=SHA1&digits=6&period=30',
    );
  });
});
