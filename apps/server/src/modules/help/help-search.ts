// Ranking of FAQ entries: BM25 over two fields of each text — words and sounds (toneless pinyin
// pairs, see help-tokenize.ts) — with the question weighing more than the answer. An index is
// built per tenant and language from the published entries (a few hundred at most) and kept in
// memory until they change. A query word the index never saw is matched to a word it did see one
// edit away (tyers → tyre), for typos the sounds cannot catch (English). Pure: no database.
import { analyze, type Analyzed, type SynonymMap } from './help-tokenize.ts';

const FIELDS = ['qWords', 'aWords', 'qSounds', 'aSounds'] as const;
type Field = (typeof FIELDS)[number];

/** How much a match in each field counts: the question's words the most. */
export const FIELD_WEIGHTS: Record<Field, number> = {
  qWords: 2,
  aWords: 1,
  qSounds: 1.2,
  aSounds: 0.3,
};
const K1 = 1.2;
const B = 0.75;

/** Below this a hit is noise (a shared common word), not an answer. */
export const MIN_SCORE = 1.5;

export interface HelpDoc {
  id: string;
  question: string;
  answer: string;
}

interface IndexedDoc {
  id: string;
  tf: Record<Field, Map<string, number>>;
  length: Record<Field, number>;
}

export interface HelpIndex {
  docs: IndexedDoc[];
  df: Record<Field, Map<string, number>>;
  avgLength: Record<Field, number>;
  vocabulary: string[];
  synonyms: SynonymMap;
}

export interface ScoredHit {
  id: string;
  score: number;
}

const counts = (terms: readonly string[]) => {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

const perField = <T>(make: (f: Field) => T) =>
  Object.fromEntries(FIELDS.map((f) => [f, make(f)])) as Record<Field, T>;

function fieldsOf(q: Analyzed, a: Analyzed): Record<Field, string[]> {
  return { qWords: q.words, aWords: a.words, qSounds: q.sounds, aSounds: a.sounds };
}

/** Indexes entries (question and answer in one language) with the tenant's synonyms. */
export function buildHelpIndex(entries: readonly HelpDoc[], synonyms: SynonymMap): HelpIndex {
  const docs: IndexedDoc[] = entries.map((e) => {
    const terms = fieldsOf(analyze(e.question, synonyms), analyze(e.answer, synonyms));
    return {
      id: e.id,
      tf: perField((f) => counts(terms[f])),
      length: perField((f) => terms[f].length),
    };
  });
  const df = perField(() => new Map<string, number>());
  for (const d of docs)
    for (const f of FIELDS) for (const t of d.tf[f].keys()) df[f].set(t, (df[f].get(t) ?? 0) + 1);
  const avgLength = perField(
    (f) => docs.reduce((sum, d) => sum + d.length[f], 0) / Math.max(1, docs.length),
  );
  const vocabulary = [...new Set([...df.qWords.keys(), ...df.aWords.keys()])];
  return { docs, df, avgLength, vocabulary, synonyms };
}

/** True when a and b differ by at most one insertion, deletion, substitution or swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const swap = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return (
    swap ||
    a.slice(i + 1) === b.slice(i + 1) ||
    a.slice(i + 1) === b.slice(i) ||
    a.slice(i) === b.slice(i + 1)
  );
}

/**
 * Query words unknown to the index replaced by a known word one edit away (Latin words of 5+
 * letters: shorter ones are too often another real word, bake → take). A guessed word counts
 * half: the owner may have meant a word the FAQ simply does not have (bread is not brake).
 */
function weighQueryWords(words: readonly string[], index: HelpIndex): Map<string, number> {
  const known = (w: string) => index.df.qWords.has(w) || index.df.aWords.has(w);
  const weights = new Map<string, number>();
  for (const w of words) {
    const guess =
      known(w) || w.length < 5 || !/^[a-z]+$/.test(w)
        ? undefined
        : index.vocabulary.find((v) => v.length >= 5 && withinOneEdit(w, v));
    const [term, weight] = guess ? [guess, 0.5] : [w, 1];
    weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  }
  return weights;
}

function idf(index: HelpIndex, field: Field, term: string): number {
  const n = index.docs.length;
  const df = index.df[field].get(term) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function bm25(
  index: HelpIndex,
  doc: IndexedDoc,
  field: Field,
  terms: ReadonlyMap<string, number>,
): number {
  let score = 0;
  const avg = index.avgLength[field] || 1;
  for (const [term, weight] of terms) {
    const tf = doc.tf[field].get(term);
    if (!tf) continue;
    const norm = tf + K1 * (1 - B + (B * doc.length[field]) / avg);
    score += weight * idf(index, field, term) * ((tf * (K1 + 1)) / norm);
  }
  return score;
}

/**
 * The share of the query's terms (by weight) the entry holds anywhere: an entry matching most of
 * what was asked beats one matching a single rare word many times.
 */
function coverage(doc: IndexedDoc, asked: ReadonlyMap<string, number>): number {
  let total = 0;
  let held = 0;
  for (const [term, weight] of asked) {
    total += weight;
    if (FIELDS.some((f) => doc.tf[f].has(term))) held += weight;
  }
  return total ? held / total : 0;
}

/** Entries ranked for a query, best first, those scoring under `minScore` left out. */
export function rankHelp(
  index: HelpIndex,
  query: string,
  opts: { limit?: number; minScore?: number } = {},
): ScoredHit[] {
  const analyzed = analyze(query, index.synonyms);
  const words = weighQueryWords(analyzed.words, index);
  const sounds = new Map(analyzed.sounds.map((s) => [s, 1]));
  if (!words.size && !sounds.size) return [];
  const terms: Record<Field, Map<string, number>> = {
    qWords: words,
    aWords: words,
    qSounds: sounds,
    aSounds: sounds,
  };
  const asked = new Map([...words, ...sounds]);
  const hits: ScoredHit[] = [];
  for (const doc of index.docs) {
    let score = 0;
    for (const f of FIELDS) score += FIELD_WEIGHTS[f] * bm25(index, doc, f, terms[f]);
    score *= coverage(doc, asked);
    if (score >= (opts.minScore ?? MIN_SCORE)) hits.push({ id: doc.id, score });
  }
  hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return hits.slice(0, opts.limit ?? 5).map((h) => ({ id: h.id, score: round(h.score) }));
}

const round = (n: number) => Math.round(n * 100) / 100;
