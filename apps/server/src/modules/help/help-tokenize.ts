// The analyser both the FAQ index and a query go through, so that they meet on the same terms:
// full-width and traditional characters folded (opencc, Taiwan and Hong Kong variants to
// mainland simplified), the tenant's synonym groups folded to their first term, Chinese cut into
// words by jieba (search mode: 刹车片 also yields 刹车), English words lower-cased, stop words
// dropped, Porter-stemmed. Beside the words, each Chinese stretch gives "sounds": toneless
// pinyin syllable pairs (机油 → ji|you), which is how a homophone typo (鸡油) still finds its entry.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { stemmer } from 'stemmer';

/** What a text becomes: words (the main field) and sounds (the typo-tolerant one). */
export interface Analyzed {
  words: string[];
  sounds: string[];
}

/** Synonym groups compiled once per tenant: one pattern, each term to its canonical form. */
export interface SynonymMap {
  pattern: RegExp | null;
  canonical: Map<string, string>;
}

/** Car-service words the general dictionary cuts badly, weighted like common nouns. */
const DOMAIN_WORDS = [
  '机油',
  '机滤',
  '刹车片',
  '刹车盘',
  '刹车油',
  '轮胎',
  '补胎',
  '换胎',
  '四轮定位',
  '动平衡',
  '保养',
  '小保养',
  '大保养',
  '储值卡',
  '会员卡',
  '积分',
  '优惠券',
  '套餐',
  '发票',
  '电子发票',
  '年检',
  '年审',
  '车险',
  '交强险',
  '商业险',
  '质保',
  '保修',
  '接送车',
  '上门取车',
  '代驾',
  '蓄电池',
  '电瓶',
  '雨刮',
  '雨刮器',
  '空调滤芯',
  '防冻液',
  '变速箱油',
  '火花塞',
  '车友会',
  '推荐码',
  '预约',
  '营业时间',
  '道路救援',
  '投诉',
  '隐私',
  '洗车',
  '打蜡',
  '贴膜',
  '钣喷',
];

const ZH_STOP = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 嘛 么 哦 哈 我 我们 我的 你 你们 您 他 她 它 是 在 和 与 及 或 就 都 也 ' +
    '还 又 要 想 会 能 可以 可 一下 一个 这个 那个 这 那 什么 怎么 怎么办 怎么样 如何 怎样 请问 ' +
    '请 个 把 被 给 对 让 得 地 着 过 吗 有没有 是不是 能不能 可不可以 需要 一 下 啥 咋 呃 嗯 里'
  ).split(' '),
);

const EN_STOP = new Set(
  (
    'a an the and or but if of at by for with about to from in on into over under is are was ' +
    'were be been being do does did doing have has had i me my we our you your he she it its ' +
    'they them their this that these those what which who whom how when where why can could ' +
    'should would will shall may might must am not no so than too very just there here any ' +
    "some please get got make there's i'm it's car cars vehicle"
  ).split(' '),
);

let jieba: Jieba | null = null;
/** The segmenter, loaded on first use (the dictionary takes a moment and some memory). */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(new TextEncoder().encode(DOMAIN_WORDS.map((w) => `${w} 20000 n`).join('\n')));
  }
  return jieba;
}

let toSimplified: ((s: string) => string) | null = null;
/** Traditional (Taiwan, Hong Kong) to mainland simplified, full-width to half-width, lower case. */
export function normalizeText(text: string): string {
  if (!toSimplified) {
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    toSimplified = (s) => tw(hk(s));
  }
  return toSimplified(text.normalize('NFKC').toLowerCase());
}

const CJK = /\p{Script=Han}/u;
const WORDISH = /[\p{L}\p{N}]/u;
const ASCII_WORD = /^[a-z0-9'’-]+$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles synonym groups: each term (normalised) maps to the group's first term. */
export function compileSynonyms(groups: readonly (readonly string[])[]): SynonymMap {
  const canonical = new Map<string, string>();
  for (const group of groups) {
    const terms = group.map((t) => normalizeText(t).trim()).filter(Boolean);
    const head = terms[0];
    if (!head) continue;
    for (const term of terms) if (!canonical.has(term)) canonical.set(term, head);
  }
  // A one-character Chinese term (约, 加) is folded as a whole word only, never inside another.
  const terms = [...canonical.keys()]
    .filter((t) => !(CJK.test(t) && t.length === 1))
    .sort((a, b) => b.length - a.length);
  if (!terms.length) return { pattern: null, canonical };
  // English terms match whole words (with a plural s), never inside another word.
  const alternatives = terms.map((t) =>
    CJK.test(t) ? escape(t) : `(?<![a-z0-9])${escape(t)}(?:e?s)?(?![a-z0-9])`,
  );
  return { pattern: new RegExp(alternatives.join('|'), 'g'), canonical };
}

export const NO_SYNONYMS: SynonymMap = { pattern: null, canonical: new Map() };

/** Rewrites every synonym term to its canonical form, longest terms first, in one pass. */
export function applySynonyms(normalized: string, synonyms: SynonymMap): string {
  if (!synonyms.pattern) return normalized;
  return normalized.replace(
    synonyms.pattern,
    (m) =>
      synonyms.canonical.get(m) ??
      synonyms.canonical.get(m.replace(/s$/, '')) ??
      synonyms.canonical.get(m.replace(/es$/, '')) ??
      m,
  );
}

function englishWord(token: string): string | null {
  const word = token.replace(/[’']/g, "'").replace(/^'+|'+$/g, '');
  if (!word || EN_STOP.has(word)) return null;
  if (/^\d+$/.test(word)) return word;
  const stem = stemmer(word.replace(/'s$/, ''));
  return EN_STOP.has(stem) ? null : stem;
}

/** Toneless pinyin pairs over the Chinese words, in order (a lone word gives its own syllable). */
function soundsOf(chineseWords: readonly string[]): string[] {
  const syllables = chineseWords.flatMap((w) =>
    pinyin(w, { toneType: 'none', type: 'array', v: true }),
  );
  if (syllables.length === 1) return syllables;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < syllables.length; i++) pairs.push(`${syllables[i]}|${syllables[i + 1]}`);
  return pairs;
}

/** Analyses a text (an entry's question or answer, or a query) into words and sounds. */
export function analyze(text: string, synonyms: SynonymMap = NO_SYNONYMS): Analyzed {
  const folded = applySynonyms(normalizeText(text), synonyms);
  const words: string[] = [];
  for (const raw of segmenter().cutForSearch(folded, true)) {
    const token = raw.trim();
    if (!token || !WORDISH.test(token)) continue;
    if (ASCII_WORD.test(token)) {
      const word = englishWord(token);
      if (word) words.push(word);
    } else if (!ZH_STOP.has(token)) words.push(synonyms.canonical.get(token) ?? token);
  }
  const chinese = segmenter()
    .cut(folded, true)
    .filter((t) => CJK.test(t) && !ZH_STOP.has(t));
  return { words, sounds: soundsOf(chinese) };
}
