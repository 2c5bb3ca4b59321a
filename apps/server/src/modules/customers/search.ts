// The one search box: decides what a query can mean (phone digits, name, pinyin initials,
// partial plate or VIN) and builds the matching conditions. Pure: no I/O.
import { pinyin } from 'pinyin-pro';
import { plateSearchKey } from '../../kernel/plate.ts';

/** Pinyin initials of a Chinese name ("张三" → "zs"); other letters are kept lower-cased. */
export function nameInitials(name: string | null | undefined): string {
  if (!name) return '';
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface SearchPlan {
  /** Digits to find anywhere in the national phone number (4 or more digits). */
  phoneDigits: string | null;
  /** Text to find in the name. */
  name: string | null;
  /** Prefix of the pinyin initials. */
  initials: string | null;
  /** Text to find in a plate or VIN (upper case). */
  plateOrVin: string | null;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The name part to look up among the names' pairs of consecutive characters (`张伟`: two
 * characters without case, which have no trigram), or null. Shared by the search and its
 * benchmark baseline.
 */
export function namePair(plan: SearchPlan): string | null {
  const name = plan.name;
  if (!name || plan.initials || Array.from(name).length !== 2) return null;
  return name.toLowerCase() === name.toUpperCase() ? name : null;
}

export function planSearch(raw: string): SearchPlan | null {
  const q = raw.trim().replace(/\s+/g, ' ');
  if (!q) return null;
  const compact = q.replace(/[\s\-·]/g, '');
  const digitsOnly = /^\+?\d+$/.test(compact);
  const plan: SearchPlan = { phoneDigits: null, name: null, initials: null, plateOrVin: null };
  if (digitsOnly) {
    const digits = compact.replace(/^\+?86(?=1\d{10}$)/, '').replace(/^\+/, '');
    if (digits.length >= 4) plan.phoneDigits = digits;
    if (digits.length >= 2) plan.plateOrVin = digits;
    return plan.phoneDigits || plan.plateOrVin ? plan : null;
  }
  if (CJK.test(q)) {
    plan.name = q;
    // "粤A12" or "京A1" look like the start of a plate.
    const key = plateSearchKey(compact);
    if (/^[\u3400-\u9fff][A-Z0-9]/.test(key)) plan.plateOrVin = key;
    return plan;
  }
  if (/^[A-Za-z]+$/.test(compact)) {
    plan.initials = compact.toLowerCase();
    plan.name = q;
  }
  if (/^[A-Za-z0-9]+$/.test(compact) && compact.length >= 2)
    plan.plateOrVin = plateSearchKey(compact);
  if (!plan.initials && !plan.plateOrVin) plan.name = q;
  return plan;
}

/** Escapes LIKE wildcards so user text matches literally. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
