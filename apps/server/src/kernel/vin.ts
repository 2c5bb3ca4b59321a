/**
 * Vehicle identification numbers (VIN, 车架号): ISO 3779 / GB 16735.
 *
 * 17 characters from 0-9 and A-Z without I, O and Q. Position 9 is a check digit computed by
 * transliterating letters to numbers, weighting positions 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2,
 * and taking the sum mod 11 (10 is written `X`). GB 16735 makes the check digit mandatory for
 * vehicles sold in China, so validation always checks it.
 */

export type VinValidation =
  | { ok: true; vin: string }
  | {
      ok: false;
      code: 'VEHICLE_VIN_INVALID' | 'VEHICLE_VIN_CHECK_DIGIT';
      /** 1-based position of the offending character (9 for a wrong check digit). */
      position?: number;
      /** The check digit the VIN should have, for `reason: 'check_digit'`. */
      expected?: string;
      reason: 'length' | 'character' | 'check_digit';
    };

export const VIN_LENGTH = 17;
/** Characters allowed anywhere in a VIN. */
export const VIN_CHARACTERS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

const WEIGHTS: readonly number[] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

// prettier-ignore
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
};

/** Model-year codes (position 10), a 30-year cycle starting with A = 1980 (and 2010). */
const MODEL_YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const DIGITS = '0123456789';

/** Trim, convert full-width characters, upper-case and remove all whitespace. */
export function normalizeVin(input: string): string {
  return input.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/**
 * The check digit ('0'–'9' or 'X') for a 17-character VIN; the character currently at
 * position 9 is ignored. Throws a RangeError for a wrong length or a forbidden character.
 */
export function computeVinCheckDigit(vin17: string): string {
  if (vin17.length !== VIN_LENGTH) {
    throw new RangeError(
      `computeVinCheckDigit(): need ${VIN_LENGTH} characters, got ${vin17.length}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) {
    const ch = vin17[i] as string;
    const value = TRANSLITERATION[ch];
    if (value === undefined) {
      throw new RangeError(
        `computeVinCheckDigit(): character '${ch}' at position ${i + 1} is not allowed`,
      );
    }
    sum += value * (WEIGHTS[i] as number);
  }
  const rest = sum % 11;
  return rest === 10 ? 'X' : String(rest);
}

/** The VIN with its position 9 replaced by the correct check digit. */
export function applyVinCheckDigit(vin17: string): string {
  return vin17.slice(0, 8) + computeVinCheckDigit(vin17) + vin17.slice(9);
}

/** Validate a VIN as typed or imported; on success `vin` is the normalised form. */
export function validateVin(input: string): VinValidation {
  const vin = normalizeVin(input);
  if (vin.length !== VIN_LENGTH) {
    return { ok: false, code: 'VEHICLE_VIN_INVALID', reason: 'length' };
  }
  for (let i = 0; i < VIN_LENGTH; i++) {
    if (TRANSLITERATION[vin[i] as string] === undefined) {
      return { ok: false, code: 'VEHICLE_VIN_INVALID', reason: 'character', position: i + 1 };
    }
  }
  const expected = computeVinCheckDigit(vin);
  if (vin[8] !== expected) {
    return {
      ok: false,
      code: 'VEHICLE_VIN_CHECK_DIGIT',
      reason: 'check_digit',
      position: 9,
      expected,
    };
  }
  return { ok: true, vin };
}

/** The position-10 model-year code for a year (1980 → 'A', 2001 → '1', 2010 → 'A', 2024 → 'R'). */
export function vinModelYearCode(year: number): string {
  if (!Number.isInteger(year) || year < 1980) {
    throw new RangeError(`vinModelYearCode(): year must be an integer >= 1980, got ${year}`);
  }
  return MODEL_YEAR_CODES[(year - 1980) % 30] as string;
}

export interface MakeVinOptions {
  /** Model year, encoded at position 10. Random when omitted. */
  year?: number;
  /** Production sequence number (positions 12–17), an integer 0–999999 or 6 digits. Random when omitted. */
  serial?: number | string;
}

/**
 * Build a valid VIN that starts with `prefix` (typically the 3-character WMI plus a 5-character
 * vehicle descriptor, at most 17 characters; a character given for position 9 is replaced by
 * the check digit). Remaining positions are filled from `random`: descriptor characters, the
 * model-year code, a plant code and a 6-digit serial. For demo data and tests.
 */
export function makeVin(
  prefix: string,
  random: { next(): number },
  options: MakeVinOptions = {},
): string {
  const head = normalizeVin(prefix);
  if (head.length > VIN_LENGTH) {
    throw new RangeError(`makeVin(): prefix longer than ${VIN_LENGTH} characters`);
  }
  for (let i = 0; i < head.length; i++) {
    if (TRANSLITERATION[head[i] as string] === undefined) {
      throw new RangeError(`makeVin(): character '${head[i]}' at position ${i + 1} is not allowed`);
    }
  }
  const draw = (alphabet: string): string =>
    alphabet[Math.floor(random.next() * alphabet.length)] as string;

  let serial: string | null = null;
  if (options.serial !== undefined) {
    serial =
      typeof options.serial === 'number' ? String(options.serial).padStart(6, '0') : options.serial;
    if (!/^\d{6}$/u.test(serial)) throw new RangeError('makeVin(): serial must be 6 digits');
  }

  const chars: string[] = [];
  for (let i = 0; i < VIN_LENGTH; i++) {
    if (i < head.length) {
      chars.push(head[i] as string);
    } else if (i === 8) {
      chars.push('0'); // replaced by the check digit below
    } else if (i === 9) {
      chars.push(
        options.year === undefined ? draw(MODEL_YEAR_CODES) : vinModelYearCode(options.year),
      );
    } else if (i >= 11) {
      chars.push(serial === null ? draw(DIGITS) : (serial[i - 11] as string));
    } else {
      chars.push(draw(VIN_CHARACTERS));
    }
  }
  return applyVinCheckDigit(chars.join(''));
}
