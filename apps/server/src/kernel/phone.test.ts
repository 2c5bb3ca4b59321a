import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, phoneDigits, splitCountryCode } from './phone.ts';

describe('normalizePhone', () => {
  it('accepts the usual ways of writing a mainland mobile', () => {
    for (const input of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '008613812345678',
      '+8613812345678',
      '8613812345678',
      '+86-138-1234-5678',
      '(+86) 138 1234 5678',
      ' 138.1234.5678 ',
      '１３８１２３４５６７８',
    ]) {
      expect(normalizePhone(input), input).toEqual({ ok: true, e164: '+8613812345678' });
    }
  });

  it('accepts every mobile range 13x–19x', () => {
    for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) {
      expect(normalizePhone(`${prefix}912345678`)).toEqual({
        ok: true,
        e164: `+86${prefix}912345678`,
      });
    }
  });

  it('rejects numbers that are not mainland mobiles', () => {
    for (const input of [
      '',
      '   ',
      '1381234567', // 10 digits
      '138123456789', // 12 digits
      '12812345678', // 12x is not a mobile range
      '10086',
      '02038881001', // Guangzhou landline
      '+86 20 3888 1001',
      '+86 01381234567',
      '138 1234 567x',
      'tel:13812345678',
      '138+12345678',
      '++8613812345678',
    ]) {
      expect(normalizePhone(input), input).toEqual({ ok: false, code: 'PHONE_INVALID' });
    }
  });

  it('accepts other countries in E.164 with 8–15 digits', () => {
    expect(normalizePhone('+852 9123 4567')).toEqual({ ok: true, e164: '+85291234567' });
    expect(normalizePhone('+1 (415) 555-2671')).toEqual({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('0044 7911 123456')).toEqual({ ok: true, e164: '+447911123456' });
    expect(normalizePhone('+1234567')).toEqual({ ok: false, code: 'PHONE_INVALID' }); // 7 digits
    expect(normalizePhone('+1234567890123456')).toEqual({ ok: false, code: 'PHONE_INVALID' }); // 16 digits
    expect(normalizePhone('+0123456789')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });

  it('reads national numbers in the default country', () => {
    expect(normalizePhone('9123 4567', '852')).toEqual({ ok: true, e164: '+85291234567' });
    expect(normalizePhone('07911 123456', '44')).toEqual({ ok: true, e164: '+447911123456' });
    expect(normalizePhone('(415) 555-2671', '1')).toEqual({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('1 415 555 2671', '1')).toEqual({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('+8613812345678', '852')).toEqual({ ok: true, e164: '+8613812345678' });
    expect(normalizePhone('13812345678', 'x')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });
});

describe('maskPhone', () => {
  it('masks mainland mobiles as 138****5678', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps the first 3 and last 2 digits of other numbers', () => {
    expect(maskPhone('+85291234567')).toBe('+852******67');
    expect(maskPhone('+447911123456')).toBe('+447*******56');
    expect(maskPhone('+123')).toBe('+***');
  });
});

describe('phoneDigits', () => {
  it('returns the national digits', () => {
    expect(phoneDigits('+8613812345678')).toBe('13812345678');
    expect(phoneDigits('+85291234567')).toBe('91234567');
    expect(phoneDigits('+14155552671')).toBe('4155552671');
    expect(phoneDigits('+447911123456')).toBe('7911123456');
    expect(phoneDigits('138-1234-5678')).toBe('13812345678');
  });
});

describe('splitCountryCode', () => {
  it('knows 1-, 2- and 3-digit calling codes', () => {
    expect(splitCountryCode('14155552671')).toEqual({ countryCode: '1', national: '4155552671' });
    expect(splitCountryCode('8613812345678')).toEqual({
      countryCode: '86',
      national: '13812345678',
    });
    expect(splitCountryCode('85291234567')).toEqual({ countryCode: '852', national: '91234567' });
    expect(splitCountryCode('886912345678')).toEqual({ countryCode: '886', national: '912345678' });
  });
});
