import { describe, expect, it } from 'vitest';
import { PLATE_PROVINCES, normalizePlate, plateSearchKey, validatePlate } from './plate.ts';

describe('normalizePlate', () => {
  it('trims, upper-cases and removes spaces, middle dots and dashes', () => {
    expect(normalizePlate(' 粤a·12345 ')).toBe('粤A12345');
    expect(normalizePlate('粤 A-D1 2345')).toBe('粤AD12345');
    expect(normalizePlate('京A•B1234')).toBe('京AB1234');
    expect(normalizePlate('沪A.88888')).toBe('沪A88888');
    expect(normalizePlate('苏E—A1234')).toBe('苏EA1234');
  });

  it('converts full-width letters and digits', () => {
    expect(normalizePlate('粤ａ１２３４５')).toBe('粤A12345');
    expect(normalizePlate('粤Ａ－１２３４５')).toBe('粤A12345');
  });
});

describe('validatePlate', () => {
  it('accepts 7-character fuel plates', () => {
    expect(validatePlate('粤A12345')).toEqual({ ok: true, plate: '粤A12345', kind: 'fuel' });
    expect(validatePlate('粤A·8B2C6')).toEqual({ ok: true, plate: '粤A8B2C6', kind: 'fuel' });
    expect(validatePlate('京NA1234')).toMatchObject({ ok: true, kind: 'fuel' });
    expect(validatePlate('粤BD1234')).toMatchObject({ ok: true, kind: 'fuel' }); // D in a 5-character serial is fine
  });

  it('accepts every province', () => {
    for (const province of PLATE_PROVINCES) {
      expect(validatePlate(`${province}A12345`)).toMatchObject({ ok: true, kind: 'fuel' });
    }
  });

  it('accepts small new-energy plates (D/F first of six)', () => {
    expect(validatePlate('粤AD12345')).toEqual({
      ok: true,
      plate: '粤AD12345',
      kind: 'new_energy',
    });
    expect(validatePlate('粤AF12345')).toMatchObject({ ok: true, kind: 'new_energy' });
    expect(validatePlate('粤ADK1234')).toMatchObject({ ok: true, kind: 'new_energy' });
    expect(validatePlate('沪AF·A8888')).toMatchObject({ ok: true, plate: '沪AFA8888' });
    // Follow-on series once D/F are used up: A B C E (electric), G H J K (other).
    expect(validatePlate('京AA12345')).toMatchObject({ ok: true, kind: 'new_energy' });
    expect(validatePlate('粤BG12345')).toMatchObject({ ok: true, kind: 'new_energy' });
  });

  it('accepts large new-energy plates (D/F last of six)', () => {
    expect(validatePlate('粤A12345D')).toEqual({
      ok: true,
      plate: '粤A12345D',
      kind: 'new_energy',
    });
    expect(validatePlate('粤A12345F')).toMatchObject({ ok: true, kind: 'new_energy' });
  });

  it('rejects malformed new-energy plates', () => {
    expect(validatePlate('粤AD1234A')).toMatchObject({ ok: false, reason: 'format' }); // last four must be digits
    expect(validatePlate('粤AM12345')).toMatchObject({ ok: false, reason: 'format' }); // M is not a NEV series letter
    expect(validatePlate('粤A1234DD')).toMatchObject({ ok: false, reason: 'format' });
    expect(validatePlate('粤A1234AD')).toMatchObject({ ok: false, reason: 'format' });
  });

  it('rejects bad provinces, city letters, lengths and characters', () => {
    expect(validatePlate('')).toEqual({
      ok: false,
      code: 'VEHICLE_PLATE_INVALID',
      reason: 'empty',
    });
    expect(validatePlate('A12345')).toMatchObject({ ok: false, reason: 'province' });
    expect(validatePlate('港A12345')).toMatchObject({ ok: false, reason: 'province' });
    expect(validatePlate('粤112345')).toMatchObject({ ok: false, reason: 'city' });
    expect(validatePlate('粤I12345')).toMatchObject({ ok: false, reason: 'city' });
    expect(validatePlate('粤O12345')).toMatchObject({ ok: false, reason: 'city' });
    expect(validatePlate('粤A1234')).toMatchObject({ ok: false, reason: 'length' });
    expect(validatePlate('粤A1234567')).toMatchObject({ ok: false, reason: 'length' });
    expect(validatePlate('粤A1234O')).toMatchObject({ ok: false, reason: 'character' });
    expect(validatePlate('粤A1234I')).toMatchObject({ ok: false, reason: 'character' });
    expect(validatePlate('粤A1234学')).toMatchObject({ ok: false, code: 'VEHICLE_PLATE_INVALID' });
  });
});

describe('plateSearchKey', () => {
  it('normalises partial plates typed by staff', () => {
    expect(plateSearchKey('a12')).toBe('A12');
    expect(plateSearchKey(' 粤a·d1 ')).toBe('粤AD1');
    expect(plateSearchKey('12-34')).toBe('1234');
    expect(plateSearchKey('')).toBe('');
  });

  it('reads O and I as 0 and 1, which plates never contain', () => {
    expect(plateSearchKey('a1o3')).toBe('A103');
    expect(plateSearchKey('8I8')).toBe('818');
  });

  it('produces a substring of the normalised full plate', () => {
    const plate = normalizePlate('粤A·D12345');
    for (const typed of ['d123', 'AD1', '2345', '粤a']) {
      expect(plate.includes(plateSearchKey(typed))).toBe(true);
    }
  });
});
