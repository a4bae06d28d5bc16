// W4: a figure quoted in the text that contradicts the table it describes. Published
// reports write figures in many ways (full-width digits, 两件, 共计, spaces), so the patterns
// read sentences the way clerks write them, and stay silent rather than guess: a wrong
// warning costs the clerk an explanation.
import { cellLabel } from '../cells';
import type { CellPath } from '../format';
import type { Finding } from '../rules';
import {
  type Count,
  type Sentence,
  type TextField,
  CN_NUM_CHARS,
  clauses,
  counts,
  excerpt,
  fieldSplit,
} from './sentences';

export type Values = Map<CellPath, number | null>;

/** Sentences about something other than disclosure requests. */
const OTHER_MATTER = /建议|提案|热线|工单|信访|投诉|举报|咨询|来信|12345|行政许可|审批|政务服务|办件/;
const REVIEWS = /复议|诉讼/;
/** 收到/受理 name their 申请 in the clause, so only the clause needs to be about requests. */
const NOT_REQUEST_CLAUSE = new RegExp(`${OTHER_MATTER.source}|${REVIEWS.source}`);
/** Says the requests are disclosure requests, not 行政许可 or other applications. */
const DISCLOSURE = /依申请|公开申请|申请公开|信息公开|政府信息/;
const CARRIED = /结转/;
/** 规章 but not 规章制度 (internal rules, which the table does not count). */
const RULES_NOUN = /规章(?!制度)/;
const NORMATIVE = /规范性文件/;

type FigureKind =
  | 'received'
  | 'handled'
  | 'carriedOver'
  | 'carriedForward'
  | 'litigationDirect'
  | 'litigationAfterReconsideration'
  | 'reconsideration'
  | 'litigation'
  | 'issued'
  | 'repealed'
  | 'inForce';

interface FigureRule {
  kind: FigureKind;
  /** What the text claims, for the message. */
  claim: string;
  keyword: RegExp;
  /** Noun that must stand between keyword and figure or right after the figure. */
  noun?: RegExp;
  /** Longest keyword–figure gap. */
  maxGap: number;
  /** Skip when the sentence matches (热线、信访、建议提案… are not disclosure requests). */
  skipSentence?: RegExp;
  /** Skip when the clause matches (「收到申请5件，未发生行政复议」 still reads the first clause). */
  skipClause?: RegExp;
  /** Sentence (with its sub-section heading) must match. */
  needSentence?: RegExp;
  /** Accepted readings of the figure, each a sum of cells; the first is the one the text means. */
  readings: (s: Sentence) => CellPath[][];
}

const REQ = (row: string): CellPath => `requests.${row}.total`;
const LITIGATION: CellPath[] = ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total'];
const RECONSIDERATION: CellPath = 'reviews.reconsideration.total';
const docs = (s: Sentence, col: string): CellPath[][] => {
  const r = s.has(RULES_NOUN);
  const n = s.has(NORMATIVE);
  if (r && n) return [[`proactive.rules.${col}`, `proactive.normativeDocuments.${col}`]];
  if (r) return [[`proactive.rules.${col}`]];
  if (n) return [[`proactive.normativeDocuments.${col}`]];
  return [];
};
const received = (s: Sentence): CellPath[][] => [
  [REQ('newReceived')],
  ...(s.has(CARRIED) ? [[REQ('newReceived'), REQ('carriedOver')]] : []),
];

const FIGURE_RULES: readonly FigureRule[] = [
  {
    kind: 'received',
    claim: '收到申请',
    keyword: /(?<!未|没|没有|无|不予|不)(?:新收|收到|接收|接到|受理)/g,
    noun: /申请/,
    maxGap: 30,
    needSentence: DISCLOSURE,
    skipClause: NOT_REQUEST_CLAUSE,
    readings: received,
  },
  {
    // 「2023年依申请公开 3 件」: the figure must follow closely.
    kind: 'received',
    claim: '依申请公开',
    keyword: /依申请公开(?:政府信息)?(?:申请)?(?:数量?)?/g,
    maxGap: 4,
    skipClause: NOT_REQUEST_CLAUSE,
    readings: received,
  },
  {
    kind: 'handled',
    claim: '办结',
    keyword: /办结/g,
    maxGap: 12,
    needSentence: DISCLOSURE,
    skipSentence: OTHER_MATTER,
    skipClause: REVIEWS,
    readings: () => [[REQ('handledTotal')]],
  },
  {
    kind: 'carriedOver',
    claim: '上年结转',
    keyword: /上一?年度?(?:[（(][^）)]{0,8}[）)])?(?:申请)?结转/g,
    maxGap: 16,
    skipSentence: OTHER_MATTER,
    skipClause: REVIEWS,
    readings: () => [[REQ('carriedOver')]],
  },
  {
    kind: 'carriedForward',
    claim: '结转下年度',
    keyword: /(?:结转|转入)(?:至|到)?下一?年度?/g,
    maxGap: 10,
    skipSentence: OTHER_MATTER,
    skipClause: REVIEWS,
    readings: () => [[REQ('carriedForward')]],
  },
  {
    // Before 行政复议/行政诉讼: the longer keyword wins the overlap.
    kind: 'litigationDirect',
    claim: '未经复议直接起诉',
    keyword: /未经(?:行政)?复议直接(?:提起|起诉)?(?:行政诉讼|起诉)?|直接(?:提起)?行政诉讼/g,
    maxGap: 10,
    readings: () => [['reviews.litigationDirect.total']],
  },
  {
    kind: 'litigationAfterReconsideration',
    claim: '复议后起诉',
    keyword: /(?:经)?(?:行政)?复议后(?:提起|起诉)?(?:行政诉讼|起诉)?/g,
    maxGap: 10,
    readings: () => [['reviews.litigationAfterReconsideration.total']],
  },
  {
    kind: 'reconsideration',
    claim: '行政复议',
    keyword: /行政复议/g,
    maxGap: 16,
    // The body deciding reconsiderations (a 司法局) is not the one the table counts.
    skipClause: /复议机关|(?<!被)(?:办理|审理|受理)[^，。；]{0,6}行政复议/,
    readings: () => [[RECONSIDERATION]],
  },
  {
    kind: 'litigation',
    claim: '行政诉讼',
    keyword: /行政诉讼|行政应诉/g,
    maxGap: 16,
    readings: () => [LITIGATION],
  },
  {
    kind: 'issued',
    claim: '制发',
    keyword: /(?:制发|制定|印发|出台)[^，。；\d]{0,12}?(?:规章(?!制度)|规范性文件)/g,
    maxGap: 8,
    readings: (s) => docs(s, 'issued'),
  },
  {
    kind: 'repealed',
    claim: '废止',
    keyword: /废止[^，。；\d]{0,12}?(?:规章(?!制度)|规范性文件)/g,
    maxGap: 8,
    readings: (s) => docs(s, 'repealed'),
  },
  {
    kind: 'inForce',
    claim: '现行有效',
    keyword: /现行有效/g,
    maxGap: 20,
    readings: (s) => docs(s, 'inForce'),
  },
];

/** A gap that makes the figure something else: a change, a rate, a breakdown by applicant. */
const GAP_SKIP =
  /增|减|下降|上升|同比|环比|较|比上|率|平均|以内|自然人|法人|企业|组织|机构|其中|许可|审批|办件|政务服务/;

interface KeywordHit {
  rule: FigureRule;
  start: number;
  end: number;
}

interface Figure {
  claim: string;
  value: number;
  /** Index in the clause, for the excerpt. */
  at: number;
  readings: CellPath[][];
}

/** Index of the first count starting at or after `pos` (counts are sorted). */
function firstFrom(cs: readonly Count[], pos: number): number {
  let lo = 0;
  let hi = cs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Non-global twins of the keywords: a cheap test before matchAll (which clones its regex) on every clause. */
const PROBES: ReadonlyMap<FigureRule, RegExp> = new Map(FIGURE_RULES.map((r) => [r, new RegExp(r.keyword.source)]));

/** Keyword hits of a clause, sorted; where two overlap, the rule listed first wins. */
const HAS_NUMBER = new RegExp(`[\\d${CN_NUM_CHARS}]`);

function keywordHits(clause: string, s: Sentence, heading: string): KeywordHit[] {
  // Which rule took each character: an overlap check per hit costs its length, not the hit
  // count. A plain array: a Uint8Array per clause was an ArrayBuffer each, garbage the collector
  // accounts apart (汇总 reads thousands of reports).
  let taken: number[] | null = null;
  const hits: KeywordHit[] = [];
  for (const rule of FIGURE_RULES) {
    if ((rule.skipSentence && s.has(rule.skipSentence)) || rule.skipClause?.test(clause)) continue;
    if (rule.needSentence && !s.has(rule.needSentence) && !rule.needSentence.test(heading)) continue;
    if (!PROBES.get(rule)!.test(clause)) continue;
    for (const m of clause.matchAll(rule.keyword)) {
      const start = m.index;
      const end = start + m[0].length;
      taken ??= new Array<number>(clause.length).fill(0);
      let free = true;
      for (let i = start; i < end && free; i++) free = taken[i] === 0;
      if (!free) continue;
      taken.fill(1, start, end);
      hits.push({ rule, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * Pairs each figure keyword with its count: the first count after it and before the next
 * keyword (「收到申请5件，办结4件」), else a count just before it (「1件结转下年度」).
 */
function figures(clause: string, s: Sentence, heading: string): Figure[] {
  // A figure needs a count, and a count a digit or a numeral: most clauses have neither.
  if (!HAS_NUMBER.test(clause)) return [];
  const hits = keywordHits(clause, s, heading);
  if (!hits.length) return [];
  const cs = counts(clause);
  const claimed = new Set<Count>();
  const out: Figure[] = [];
  // 「行政复议、行政诉讼各1件」 / 「行政复议和行政诉讼共2件」: one count for the pair.
  const pairedWithNext = (i: number): boolean =>
    hits[i]?.rule.kind === 'reconsideration' &&
    hits[i + 1]?.rule.kind === 'litigation' &&
    /^(?:案件)?\s*(?:和|及|、|与|以及|或)\s*$/.test(clause.slice(hits[i]!.end, hits[i + 1]!.start));
  hits.forEach((h, i) => {
    const paired = pairedWithNext(i);
    const from = paired ? hits[i + 1]!.end : h.end;
    const limit = hits[paired ? i + 2 : i + 1]?.start ?? clause.length;
    let k = firstFrom(cs, from);
    while (k < cs.length && cs[k]!.start < limit && claimed.has(cs[k]!)) k++;
    let count: Count | undefined = k < cs.length && cs[k]!.end <= limit ? cs[k] : undefined;
    let gap = count ? clause.slice(from, count.start) : '';
    let around = count ? gap + clause.slice(count.end, count.end + 10) : '';
    if (!count || gap.length > h.rule.maxGap) {
      // 「1件结转下年度」「发生1起行政复议」: the count stands just before the keyword.
      const prevEnd = i > 0 ? hits[i - 1]!.end : 0;
      let b = firstFrom(cs, h.start) - 1;
      // Stops at the previous keyword: a walk back over every claimed count would be quadratic.
      while (b >= 0 && cs[b]!.start >= prevEnd && (cs[b]!.end > h.start || claimed.has(cs[b]!))) b--;
      const prev = b >= 0 && cs[b]!.start >= prevEnd ? cs[b]! : undefined;
      if (!prev || h.start - prev.end > 10) return;
      count = prev;
      gap = clause.slice(prev.end, h.start);
      around = clause.slice(Math.max(0, prev.start - 10), h.start);
    }
    if (GAP_SKIP.test(gap)) return;
    if (h.rule.noun && !h.rule.noun.test(around) && !h.rule.noun.test(clause.slice(h.start, h.end))) return;
    const each = /各|均|都/.test(gap);
    if (paired && !each) {
      claimed.add(count);
      out.push({
        claim: '行政复议和行政诉讼',
        value: count.value,
        at: h.start,
        readings: [[RECONSIDERATION, ...LITIGATION]],
      });
      return;
    }
    if (pairedWithNext(i - 1) && !each) return; // read together with 行政复议 above
    if (!paired) claimed.add(count); // 「各1件」: 行政诉讼 reads the same count
    const readings = h.rule.readings(s);
    if (readings.length) out.push({ claim: h.rule.claim, value: count.value, at: h.start, readings });
  });
  return out;
}

type Negation = 'requests' | 'reconsideration' | 'litigation';

/** 「未收到…申请」「未发生行政复议、行政诉讼」, in a clause without a figure. */
function negations(clauseIn: string): Negation[] {
  // Every negation below starts with one of these: most clauses have none and cost one scan.
  if (!/[未没无]/.test(clauseIn)) return [];
  const clause = clauseIn.replace(/未经复议|尚未|未审结|未结/g, '※');
  if (counts(clause).length) return [];
  const out: Negation[] = [];
  const reviews =
    /(?:未|没有|无)(?:发生|出现|收到|接到|涉及|产生|被提起|被申请|被|因)?[^，。；\d]{0,16}?(?:行政)?(?:复议|诉讼)/.exec(
      clause,
    );
  if (reviews) {
    const tail = clause.slice(reviews.index);
    if (/复议/.test(tail)) out.push('reconsideration');
    if (/诉讼/.test(tail)) out.push('litigation');
    return out;
  }
  if (
    /(?:未|没有|没)(?:收到|接到|受理|发生)[^，。；\d]{0,16}?申请/.test(clause) &&
    !REVIEWS.test(clause) &&
    !OTHER_MATTER.test(clause)
  )
    out.push('requests');
  return out;
}

interface Claim {
  f: TextField;
  s: Sentence;
  /** Where in the sentence, for the excerpt. */
  at: number;
}

/** What the text claims: read once per text, so a table keystroke re-compares without re-reading. */
export interface Claims {
  figures: (Claim & { fig: Figure })[];
  negations: (Claim & { n: Negation })[];
}

/** What one sentence claims, which depends on its text and its field's heading only. */
interface SentenceClaims {
  figures: { at: number; fig: Figure }[];
  negations: { at: number; n: Negation }[];
}

/**
 * The sentences of the last reading, by heading and text: reading a text again after a
 * keystroke parses only the sentences that changed (a 50,000-character text took 18 ms).
 */
export type ClaimMemo = Map<string, SentenceClaims>;

export function sentenceClaims(s: Sentence, heading: string): SentenceClaims {
  const out: SentenceClaims = { figures: [], negations: [] };
  for (const c of clauses(s.norm)) {
    for (const fig of figures(c.text, s, heading)) out.figures.push({ at: c.at, fig });
    for (const n of negations(c.text)) out.negations.push({ at: c.at, n });
  }
  return out;
}

/**
 * What any claim needs somewhere in its sentence: a negation starts with 未/没/无, and every
 * FIGURE_RULES keyword holds one of these words (a new keyword must add its word here:
 * tests/report/text/split.test.ts reads every sentence of its corpus both ways). None holds a space, 。！？ or a line break, so one scan of
 * a field finds the sentences to read (FieldSplit.matching); the others claim nothing.
 */
const FIGURE_SCAN_WORDS = [
  '新收',
  '收到',
  '接收',
  '接到',
  '受理',
  '依申请公开',
  '办结',
  '结转',
  '转入',
  '直接',
  '复议后',
  '行政复议',
  '行政诉讼',
  '行政应诉',
  '制发',
  '制定',
  '印发',
  '出台',
  '废止',
  '现行有效',
] as const;
export const CLAIM_SCAN = new RegExp(`[未没无]|${FIGURE_SCAN_WORDS.join('|')}`, 'g');

/** `memo`: the previous reading's sentences; replaced by this reading's (so it holds one text's worth). */
export function readClaims(fields: readonly TextField[], memo: { claimMemo?: ClaimMemo } = {}): Claims {
  const claims: Claims = { figures: [], negations: [] };
  const last = memo.claimMemo;
  const next: ClaimMemo = new Map();
  for (const f of fields) {
    for (const s of fieldSplit(f).matching(CLAIM_SCAN)) {
      const key = `${f.heading}\u0000${s.raw}`;
      let read = next.get(key) ?? last?.get(key);
      if (!read) read = sentenceClaims(s, f.heading);
      next.set(key, read);
      for (const { at, fig } of read.figures) claims.figures.push({ f, s, at, fig });
      for (const { at, n } of read.negations) claims.negations.push({ f, s, at, n });
    }
  }
  memo.claimMemo = next;
  return claims;
}

const sumOf = (values: Values, cells: readonly CellPath[]): number | null => {
  let sum = 0;
  for (const c of cells) {
    const v = values.get(c) ?? null;
    if (v === null) return null;
    sum += v;
  }
  return sum;
};

const labelsOf = (cells: readonly CellPath[]): string => cells.map((c) => cellLabel(c)).join(' + ');

interface Contradiction extends Claim {
  /** Cells the text names; their sum is `expected`. */
  named: CellPath[];
  expected: number;
  actual: number;
  claim: string;
  /** The other accepted reading (received + carried over), shown beside the first. */
  also?: { cells: CellPath[]; value: number };
}

/** Hostile texts repeat one claim thousands of times: past this many per field, more warnings say nothing new. */
const MAX_PER_FIELD = 50;

export function w4(claims: Claims, values: Values): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const perField = new Map<string, number>();
  const push = (c: Contradiction) => {
    const cells = [...new Set([...c.named, ...(c.also?.cells ?? [])])];
    const key = `${c.f.path}|${c.s.index}|${cells.join(',')}|${c.actual}`;
    if (seen.has(key)) return;
    seen.add(key);
    const n = perField.get(c.f.path) ?? 0;
    if (n >= MAX_PER_FIELD) return;
    perField.set(c.f.path, n + 1);
    out.push({
      rule: 'W4',
      severity: 'warning',
      cells: [c.f.path, ...cells],
      section: c.f.section,
      expected: c.expected,
      actual: c.actual,
      difference: c.actual - c.expected,
      quote: c.s.raw,
      message: `${c.f.where}“${excerpt(c.s, c.at)}”：文中${c.claim} ${c.actual} 件，但${labelsOf(c.named)}为 ${c.expected}${
        c.also ? `，加上年结转为 ${c.also.value}` : ''
      }，请核对文字或表格`,
    });
  };

  for (const { f, s, at, fig } of claims.figures) {
    const readings = fig.readings.map((cells) => ({ cells, value: sumOf(values, cells) }));
    const known = readings.filter((r): r is { cells: CellPath[]; value: number } => r.value !== null);
    if (!known.length || known.some((r) => r.value === fig.value)) continue;
    const main = known[0]!;
    const alt = known[1];
    push({
      f,
      s,
      at: at + fig.at,
      named: main.cells,
      expected: main.value,
      actual: fig.value,
      claim: fig.claim,
      ...(alt ? { also: alt } : {}),
    });
  }
  for (const { f, s, at, n } of claims.negations) {
    const cells = n === 'requests' ? [REQ('newReceived')] : n === 'reconsideration' ? [RECONSIDERATION] : LITIGATION;
    const v = sumOf(values, cells);
    if (v === null || v <= 0) continue;
    const claim =
      n === 'requests' ? '称未收到申请，即' : `称未发生${n === 'reconsideration' ? '行政复议' : '行政诉讼'}，即`;
    push({ f, s, at, named: cells, expected: v, actual: 0, claim });
  }
  return out;
}
