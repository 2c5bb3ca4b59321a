// 舆情预警: an outside item that names the business (its name, a store's name, an alias) together
// with a negative word is a crisis, and the owner and managers hear of it at once. English words
// must stand as words ("scam" is not in "scampi"); Chinese words are found anywhere.
import { fold } from './rules.ts';

/** Built-in negative words; a tenant adds its own (never removes these). */
export const BUILT_IN_NEGATIVE_WORDS: readonly string[] = [
  '投诉',
  '曝光',
  '欺诈',
  '维权',
  '差评',
  '黑心',
  '坑',
  '骗',
  '宰客',
  '乱收费',
  '假货',
  '以次充好',
  '退款',
  '纠纷',
  '315',
  '消协',
  '事故',
  '隐患',
  'scam',
  'fraud',
  'complaint',
  'complaints',
  'rip-off',
  'ripoff',
  'lawsuit',
  'overcharged',
  'overcharging',
  'boycott',
];

/** Names shorter than this are ignored: "A店" would match half the internet. */
export const NAME_MIN = 2;

export interface CrisisInput {
  /** The tenant's name, its stores' names and its aliases. */
  names: readonly string[];
  /** The tenant's own negative words (added to the built-in ones). */
  extraWords: readonly string[];
}

export interface CrisisHit {
  names: string[];
  words: string[];
}

const isAsciiWord = (w: string) => /^[\x20-\x7e]+$/u.test(w);

function containsWord(text: string, word: string): boolean {
  const w = fold(word);
  if (!w) return false;
  if (!isAsciiWord(w)) return text.includes(w);
  let from = 0;
  for (;;) {
    const at = text.indexOf(w, from);
    if (at < 0) return false;
    const before = text[at - 1] ?? ' ';
    const after = text[at + w.length] ?? ' ';
    if (!/[a-z0-9]/u.test(before) && !/[a-z0-9]/u.test(after)) return true;
    from = at + 1;
  }
}

/** The names and negative words an item carries, or null when it is not a crisis. */
export function detectCrisis(
  item: { title: string; summary: string; author?: string },
  input: CrisisInput,
): CrisisHit | null {
  const text = fold(`${item.title} \n ${item.summary}`);
  const names = [...new Set(input.names.map((n) => n.trim()).filter((n) => n.length >= NAME_MIN))];
  const namesHit = names.filter((n) => containsWord(text, n));
  if (!namesHit.length) return null;
  const words = [...new Set([...BUILT_IN_NEGATIVE_WORDS, ...input.extraWords])];
  const wordsHit = words.filter((w) => containsWord(text, w));
  return wordsHit.length ? { names: namesHit, words: wordsHit } : null;
}
