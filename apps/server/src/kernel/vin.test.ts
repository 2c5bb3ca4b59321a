import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';
import {
  applyVinCheckDigit,
  computeVinCheckDigit,
  makeVin,
  normalizeVin,
  validateVin,
  vinModelYearCode,
} from './vin.ts';

describe('normalizeVin', () => {
  it('trims, upper-cases and removes spaces', () => {
    expect(normalizeVin('  1m8gdm9a xkp 042788 ')).toBe('1M8GDM9AXKP042788');
    expect(normalizeVin('lsv\tau2180\nn2183294')).toBe('LSVAU2180N2183294');
  });

  it('converts full-width characters typed with a Chinese IME', () => {
    expect(normalizeVin('ＬＳＶ　ＡＵ２１８')).toBe('LSVAU218');
  });
});

describe('computeVinCheckDigit', () => {
  it('matches published VINs', () => {
    expect(computeVinCheckDigit('1M8GDM9AXKP042788')).toBe('X'); // the ISO 3779 textbook example
    expect(computeVinCheckDigit('1HGCM82633A004352')).toBe('3');
    expect(computeVinCheckDigit('JH4KA7561PC008269')).toBe('1');
    expect(computeVinCheckDigit('5YJSA1DG9DFP14705')).toBe('9');
    expect(computeVinCheckDigit('11111111111111111')).toBe('1');
  });

  it('ignores the character currently at position 9', () => {
    expect(computeVinCheckDigit('1M8GDM9A0KP042788')).toBe('X');
    expect(computeVinCheckDigit('LSVAU2180N2183294')).toBe(
      computeVinCheckDigit('LSVAU2187N2183294'),
    );
  });

  it('throws on malformed input', () => {
    expect(() => computeVinCheckDigit('LSVAU2180N218329')).toThrow(RangeError);
    expect(() => computeVinCheckDigit('LSVAU2180N218329O')).toThrow(RangeError);
  });
});

describe('validateVin', () => {
  it('accepts real-world valid VINs', () => {
    for (const vin of [
      '1M8GDM9AXKP042788',
      '1HGCM82633A004352',
      'JH4KA7561PC008269',
      '5YJSA1DG9DFP14705',
    ]) {
      expect(validateVin(vin)).toEqual({ ok: true, vin });
    }
  });

  it('accepts a Chinese-format VIN once its check digit is right', () => {
    // LSVAU2180N2183294 has the shape of a SAIC Volkswagen VIN but a wrong check digit.
    expect(validateVin('LSVAU2180N2183294')).toEqual({
      ok: false,
      code: 'VEHICLE_VIN_CHECK_DIGIT',
      reason: 'check_digit',
      position: 9,
      expected: 'X',
    });
    const fixed = applyVinCheckDigit('LSVAU2180N2183294');
    expect(fixed).toBe('LSVAU218XN2183294');
    expect(validateVin(fixed)).toEqual({ ok: true, vin: fixed });
  });

  it('normalises before validating', () => {
    expect(validateVin(' 1m8gdm9a xkp042788 ')).toEqual({ ok: true, vin: '1M8GDM9AXKP042788' });
  });

  it('rejects a wrong length', () => {
    expect(validateVin('')).toEqual({ ok: false, code: 'VEHICLE_VIN_INVALID', reason: 'length' });
    expect(validateVin('1M8GDM9AXKP04278')).toMatchObject({ ok: false, reason: 'length' });
    expect(validateVin('1M8GDM9AXKP0427880')).toMatchObject({ ok: false, reason: 'length' });
  });

  it('reports the first forbidden character with its 1-based position', () => {
    expect(validateVin('1M8GDM9AXKP04278O')).toEqual({
      ok: false,
      code: 'VEHICLE_VIN_INVALID',
      reason: 'character',
      position: 17,
    });
    expect(validateVin('IM8GDM9AXKP0Q2788')).toMatchObject({ reason: 'character', position: 1 });
    expect(validateVin('1M8GDM9AXKPQ42788')).toMatchObject({ reason: 'character', position: 12 });
    expect(validateVin('1M8GDM9AXKP-42788')).toMatchObject({ reason: 'character', position: 12 });
    expect(validateVin('LSVAU218XN218329你')).toMatchObject({ reason: 'character', position: 17 });
  });

  it('always checks the check digit (mandatory in China)', () => {
    expect(validateVin('1M8GDM9A1KP042788')).toEqual({
      ok: false,
      code: 'VEHICLE_VIN_CHECK_DIGIT',
      reason: 'check_digit',
      position: 9,
      expected: 'X',
    });
    // European VINs without a check digit are rejected too.
    expect(validateVin('WVWZZZ3CZWE689725')).toMatchObject({ ok: false, expected: '8' });
  });

  it('detects any single changed character', () => {
    const vin = '11111111111111111';
    expect(validateVin(vin).ok).toBe(true);
    for (let i = 0; i < 17; i++) {
      if (i === 8) continue;
      // Every weight except position 9's is non-zero mod 11, so a change by one is always caught.
      const changed = vin.slice(0, i) + '2' + vin.slice(i + 1);
      expect(validateVin(changed)).toMatchObject({ ok: false, reason: 'check_digit' });
    }
  });
});

describe('vinModelYearCode', () => {
  it('follows the 30-year cycle', () => {
    expect(vinModelYearCode(1980)).toBe('A');
    expect(vinModelYearCode(2001)).toBe('1');
    expect(vinModelYearCode(2009)).toBe('9');
    expect(vinModelYearCode(2010)).toBe('A');
    expect(vinModelYearCode(2019)).toBe('K');
    expect(vinModelYearCode(2024)).toBe('R');
    expect(vinModelYearCode(2025)).toBe('S');
    expect(() => vinModelYearCode(1979)).toThrow(RangeError);
  });
});

describe('makeVin', () => {
  it('builds valid VINs with the given prefix, year and serial', () => {
    const random = createRandom(7);
    const vin = makeVin('LSVAU218', random, { year: 2022, serial: 183294 });
    expect(vin).toMatch(/^LSVAU218[0-9X]N.183294$/);
    expect(validateVin(vin)).toEqual({ ok: true, vin });
  });

  it('fills the rest randomly and always produces valid VINs', () => {
    const random = createRandom(42);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const vin = makeVin('LGX', random);
      expect(vin.startsWith('LGX')).toBe(true);
      expect(validateVin(vin).ok).toBe(true);
      seen.add(vin);
    }
    expect(seen.size).toBeGreaterThan(1990);
  });

  it('is deterministic for the same seed', () => {
    expect(makeVin('LRW', createRandom(1))).toBe(makeVin('LRW', createRandom(1)));
  });

  it('rejects bad prefixes and serials', () => {
    expect(() => makeVin('LOV', createRandom(1))).toThrow(RangeError);
    expect(() => makeVin('L'.repeat(18), createRandom(1))).toThrow(RangeError);
    expect(() => makeVin('LSV', createRandom(1), { serial: '12345' })).toThrow(RangeError);
  });
});
