// Keyword rules without regular expressions: a term is plain text where `*` stands for any run of
// characters; it is found by searching its pieces in order, so no term a manager types can make
// matching slow. Text and terms are compared NFKC-folded and lower-cased (全角 ＡＢＣ = abc).

export const TERM_MAX = 60;
export const TERMS_MAX = 50;

export type RuleField = 'title' | 'summary' | 'author';

export interface RuleItem {
  title: string;
  summary: string;
  author: string;
}

export interface KeywordRule {
  include: readonly string[];
  exclude: readonly string[];
  fields: readonly RuleField[];
}

/** Text as compared: NFKC, lower case, runs of white space as one space. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** A term as saved: trimmed, runs of `*` as one, at most TERM_MAX characters; null when empty. */
export function normaliseTerm(term: string): string | null {
  const t = term.normalize('NFKC').replace(/\s+/gu, ' ').replace(/\*+/gu, '*').trim();
  if (!t.replace(/\*/gu, '').trim()) return null;
  return t.slice(0, TERM_MAX);
}

/** Whether `text` (folded) contains `term` with `*` as any run of characters (possibly none). */
export function containsTerm(text: string, term: string): boolean {
  const pieces = fold(term)
    .split('*')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!pieces.length) return false;
  let from = 0;
  for (const piece of pieces) {
    const at = text.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

/** The include terms an item matches, or null when it does not match the rule. */
export function matchRule(rule: KeywordRule, item: RuleItem): string[] | null {
  const fields = rule.fields.length ? rule.fields : (['title', 'summary'] as const);
  const text = fold(fields.map((f) => item[f]).join(' \n '));
  if (rule.exclude.some((t) => containsTerm(text, t))) return null;
  const hits = rule.include.filter((t) => containsTerm(text, t));
  return hits.length ? hits : null;
}
