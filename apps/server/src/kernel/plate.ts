/**
 * Chinese vehicle registration plates (车牌号), GA 36-2018.
 *
 * - Fuel car (蓝牌 / 黄牌): province character + issuing-office letter + 5 characters
 *   (digits and letters except I and O), 7 in all, e.g. 粤A12345, 粤A8B2C6.
 * - Small new-energy car (渐变绿牌): province + letter + 6 characters where the first is D
 *   (battery electric) or F (other new energy: plug-in hybrid, range extender, fuel cell), the
 *   second a letter or digit and the last four digits, e.g. 粤AD12345, 粤AF8K123. Where a city has
 *   used up the D/F series the same pattern continues with A B C E (electric) and G H J K (other).
 * - Large new-energy vehicle (黄绿牌): province + letter + 5 digits + D or F, e.g. 粤A12345D.
 *
 * Special plates (学 coach, 挂 trailer, 警 police, 使/领, 港/澳, military and so on) are not accepted.
 */

export type PlateKind = 'fuel' | 'new_energy';

export type PlateValidation =
  | { ok: true; plate: string; kind: PlateKind }
  | {
      ok: false;
      code: 'VEHICLE_PLATE_INVALID';
      /** 'empty' | 'province' | 'city' | 'length' | 'character' | 'format' */
      reason: string;
    };

/** Province abbreviations used as the first character of a plate. */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

/** Letters allowed on plates: A–Z without I and O. */
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

const L = 'A-HJ-NP-Z';
const PROVINCE_CLASS = `[${PLATE_PROVINCES}]`;
const FUEL_RE = new RegExp(`^${PROVINCE_CLASS}[${L}][${L}0-9]{5}$`, 'u');
const NEV_SMALL_RE = new RegExp(`^${PROVINCE_CLASS}[${L}][A-HJK][${L}0-9][0-9]{4}$`, 'u');
const NEV_LARGE_RE = new RegExp(`^${PROVINCE_CLASS}[${L}][0-9]{5}[DF]$`, 'u');

// Whitespace, middle dots (· • ・ ‧ and the '.' people type instead), dashes and underscores.
const SEPARATORS_RE = /[\s\u00b7\u2022\u2027\u30fb\u22c5.\-\u2010-\u2015\u2212_]+/gu;

/**
 * Canonical plate text: full-width characters converted, upper-case, without spaces, middle dots
 * or dashes ("粤a·12345" → "粤A12345").
 */
export function normalizePlate(input: string): string {
  return input.normalize('NFKC').replace(SEPARATORS_RE, '').toUpperCase();
}

/** Validate a full plate; on success `plate` is the normalised form and `kind` its type. */
export function validatePlate(input: string): PlateValidation {
  const plate = normalizePlate(input);
  const fail = (reason: string): PlateValidation => ({
    ok: false,
    code: 'VEHICLE_PLATE_INVALID',
    reason,
  });
  if (plate.length === 0) return fail('empty');

  const chars = Array.from(plate);
  const [province, city, ...serial] = chars;
  if (province === undefined || !PLATE_PROVINCES.includes(province)) return fail('province');
  if (city === undefined || !PLATE_LETTERS.includes(city)) return fail('city');
  if (serial.length !== 5 && serial.length !== 6) return fail('length');
  if (serial.some((ch) => !/^[0-9]$/u.test(ch) && !PLATE_LETTERS.includes(ch)))
    return fail('character');

  if (serial.length === 5) {
    return FUEL_RE.test(plate) ? { ok: true, plate, kind: 'fuel' } : fail('format');
  }
  if (NEV_SMALL_RE.test(plate) || NEV_LARGE_RE.test(plate)) {
    return { ok: true, plate, kind: 'new_energy' };
  }
  return fail('format');
}

/**
 * Normalise a partial plate typed by staff for substring search ("a12" → "A12",
 * "粤a·d1" → "粤AD1"). Plates never contain I or O, so those are read as the digits 1 and 0.
 */
export function plateSearchKey(partial: string): string {
  return normalizePlate(partial).replace(/O/gu, '0').replace(/I/gu, '1');
}
