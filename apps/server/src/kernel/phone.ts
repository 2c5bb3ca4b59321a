/**
 * Phone numbers: normalisation to E.164, masking for display, national digits for search.
 *
 * Mainland China mobiles are 11 digits starting 13–19 (stored as +86…). Other countries are
 * accepted as E.164 with 8–15 digits; their numbering plans are not checked further.
 */

import { sha256Hex } from './crypto.ts';
export type PhoneNormalization = { ok: true; e164: string } | { ok: false; code: 'PHONE_INVALID' };

const INVALID: PhoneNormalization = { ok: false, code: 'PHONE_INVALID' };
const CN_MOBILE_RE = /^1[3-9]\d{9}$/u;
const INTERNATIONAL_RE = /^[1-9]\d{7,14}$/u;

// ITU-T E.164 country calling codes of one and two digits; all others have three.
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 ' +
    '60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
);

/** Split E.164 digits (without '+') into country calling code and national number. */
export function splitCountryCode(digits: string): { countryCode: string; national: string } {
  const length = ONE_DIGIT_CODES.has(digits.slice(0, 1))
    ? 1
    : TWO_DIGIT_CODES.has(digits.slice(0, 2))
      ? 2
      : 3;
  return { countryCode: digits.slice(0, length), national: digits.slice(length) };
}

function validInternational(digits: string): PhoneNormalization {
  if (digits.startsWith('86')) {
    return CN_MOBILE_RE.test(digits.slice(2)) ? { ok: true, e164: `+${digits}` } : INVALID;
  }
  return INTERNATIONAL_RE.test(digits) ? { ok: true, e164: `+${digits}` } : INVALID;
}

/**
 * Normalise a phone number as typed or imported to E.164.
 * Accepts "13812345678", "138 1234 5678", "138-1234-5678", "(138) 1234 5678", "+86 138 1234 5678",
 * "008613812345678", "8613812345678", full-width digits. Numbers without an international prefix
 * are read in `defaultCountry` (a calling code such as '86', '852', '1').
 */
export function normalizePhone(input: string, defaultCountry = '86'): PhoneNormalization {
  if (!/^[1-9]\d{0,2}$/u.test(defaultCountry)) return INVALID;
  const text = input.normalize('NFKC').trim();
  if (!/^\(?\+?[\d\s().-]+$/u.test(text)) return INVALID;
  const digits = text.replace(/[^\d]/gu, '');
  if (digits.length === 0) return INVALID;

  if (/^\(?\+/u.test(text)) return validInternational(digits);
  if (digits.startsWith('00')) return validInternational(digits.slice(2));

  if (defaultCountry === '86') {
    // A mobile written with its country code but without '+' or '00' (common in exports).
    if (digits.length === 13 && digits.startsWith('86')) return validInternational(digits);
    return validInternational(`86${digits}`);
  }
  if (defaultCountry === '1') {
    return validInternational(
      digits.length === 11 && digits.startsWith('1') ? digits : `1${digits}`,
    );
  }
  // Drop the national trunk prefix 0 (kept in Italy, where it is part of the number).
  const national = defaultCountry !== '39' && digits.startsWith('0') ? digits.slice(1) : digits;
  return validInternational(`${defaultCountry}${national}`);
}

/**
 * A masked number for display to roles that do not need it: "138****5678" for mainland
 * mobiles; otherwise the first 3 and last 2 digits are kept ("+852******67").
 */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/[^\d]/gu, '');
  if (digits.length === 13 && digits.startsWith('86') && CN_MOBILE_RE.test(digits.slice(2))) {
    const national = digits.slice(2);
    return `${national.slice(0, 3)}****${national.slice(7)}`;
  }
  if (digits.length === 11 && CN_MOBILE_RE.test(digits) && !e164.trim().startsWith('+')) {
    return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  }
  const plus = e164.trim().startsWith('+') ? '+' : '';
  if (digits.length <= 5) return plus + '*'.repeat(digits.length);
  return `${plus}${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/**
 * The national digits of an E.164 number, for search ("+8613812345678" → "13812345678").
 * Input without '+' is returned as its digits.
 */
export function phoneDigits(e164: string): string {
  const digits = e164.replace(/[^\d]/gu, '');
  if (!e164.trim().startsWith('+')) return digits;
  return splitCountryCode(digits).national;
}

/**
 * The suppression-list key of an erased customer's phone (customers.erased_phones): keyed by
 * tenant, so one business's list says nothing about another's.
 */
export function erasedPhoneHash(tenantId: string, e164: string): string {
  return sha256Hex(`liuke-erased:${tenantId}:${e164}`);
}
