// W3–W5: checks on the narrative sections 一、五、六 (SPEC "Rules").
// Published reports write figures in many ways (full-width digits, 两件, 共计, spaces),
// so the patterns below read sentences the way clerks write them, and they stay
// silent rather than guess: a wrong warning costs the clerk an explanation.
// Matching runs on a copy with full-width digits folded to ASCII; the fold keeps
// every index, so a quote is always cut from the clerk's own text.
import { cellLabel } from './cells';
import { type CellPath, type SectionKey, section, sectionTitle } from './format';
import type { Report } from './model';
import type { Finding } from './rules';

type Values = Map<CellPath, number | null>;

interface TextField {
  /** Field path, as in Finding.cells. */
  path: string;
  section: SectionKey;
  /** How the message names the place, e.g. 「一、总体情况」「依申请公开」. */
  where: string;
  text: string;
  /** Sub-section heading of an overview body: 「依申请公开」 tells what 「收到申请5件」 is about. */
  heading: string;
}

interface Sentence {
  /** As the clerk wrote it (trimmed). */
  raw: string;
  /** Same length, full-width digits folded. */
  norm: string;
}

const title = (key: SectionKey): string => `「${sectionTitle(section(key))}」`;

function textFields(report: Report): TextField[] {
  const out: TextField[] = [];
  report.overview.forEach((o, i) => {
    const part = o.heading.trim() ? `「${o.heading.trim()}」` : `第 ${i + 1} 部分`;
    out.push({
      path: `overview.${i}.heading`,
      section: 'overview',
      where: `${title('overview')}小标题`,
      text: o.heading,
      heading: '',
    });
    out.push({
      path: `overview.${i}.body`,
      section: 'overview',
      where: `${title('overview')}${part}`,
      text: o.body,
      heading: o.heading,
    });
  });
  out.push({ path: 'problems', section: 'problems', where: title('problems'), text: report.problems, heading: '' });
  out.push({
    path: 'otherMatters',
    section: 'otherMatters',
    where: title('otherMatters'),
    text: report.otherMatters,
    heading: '',
  });
  return out;
}

/** Full-width digits and comma to ASCII, one UTF-16 unit for one, so indices survive. */
function fold(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Sentences end at 。！？ or a line break; 「；」 does not end one (「收到…7件；其中上年结转2件」 belongs together). */
function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const m of text.matchAll(/[^。！？!?\n]+[。！？!?]*/g)) {
    const raw = m[0].trim();
    if (raw) out.push({ raw, norm: fold(raw) });
  }
  return out;
}

/** Clauses of a (folded) sentence: split at ，；：and at an ASCII comma that is not a thousands separator. */
function clauses(norm: string): string[] {
  return norm.split(/[，；：;:]|,(?!\d{3}(?!\d))/).filter((c) => c.trim() !== '');
}

/** Long sentences are cut around the spot for the message; `quote` keeps the whole sentence. */
function excerpt(s: Sentence, at = 0): string {
  const max = 80;
  if (s.raw.length <= max) return s.raw;
  const start = Math.max(0, Math.min(at - 30, s.raw.length - max));
  return `${start > 0 ? '…' : ''}${s.raw.slice(start, start + max)}${start + max < s.raw.length ? '…' : ''}`;
}

// ------------------------------------------------------------------ numbers

const CN_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 二十 → 20, 一百零五 → 105, 两 → 2; null when it is not a plain numeral. */
function chineseNumber(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in CN_DIGIT) {
      if (digit !== null && digit !== 0) return null; // 「一二」 is not a number
      digit = CN_DIGIT[ch]!;
    } else if (ch in CN_UNIT) {
      total += (digit ?? 1) * CN_UNIT[ch]!;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

const CN_NUM_CHARS = '零〇○两一二三四五六七八九十百千';
const NUM = String.raw`\d{1,3}(?:,\d{3})+|\d+|[${CN_NUM_CHARS}]+`;
const COUNT_UNITS = '件|起|宗|份|条';

interface Count {
  value: number;
  start: number;
  end: number;
}

/**
 * Every count in a clause: a number with a count unit (「5 件」「两起」), or a bare number
 * after 为/是 ending the clause (「均为0」). Years, 「第一」, 「3个工作日」 are not counts.
 */
const COUNT_RE = new RegExp(String.raw`(?<![\d${CN_NUM_CHARS}第.])(${NUM})\s*(${COUNT_UNITS})?`, 'g');

function counts(clause: string): Count[] {
  const out: Count[] = [];
  for (const m of clause.matchAll(COUNT_RE)) {
    const text = m[1]!;
    const value = /\d/.test(text) ? Number(text.replace(/,/g, '')) : chineseNumber(text);
    if (value === null || !Number.isSafeInteger(value)) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (!m[2]) {
      const bare = /(?:为|是)\s*$/.test(clause.slice(0, start)) && /^\s*(?:[。！？!?、]|$)/.test(clause.slice(end));
      if (!bare) continue;
    }
    out.push({ value, start, end });
  }
  return out;
}

// ------------------------------------------------------------------ W3

const YEAR = String.raw`(?:19|20)\d{2}|[一二][〇零○][〇零○一二三四五六七八九]{2}`;
const YEAR_RE = new RegExp(
  String.raw`(?<![\d${CN_NUM_CHARS}])(${YEAR})(\s*年度?)?(?:\s*(?:-|—|–|－|~|～|至|到)\s*(${YEAR})(\s*年度?)?)?`,
  'g',
);

function yearValue(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  return Number([...s].map((c) => CN_DIGIT[c] ?? 0).join(''));
}

/**
 * Titles are quoted, not dated by the clerk: 《…》 (and a 「（2019年修订）」 right after one)
 * and bracketed document numbers (〔2021〕) are masked with ※, keeping every index.
 */
function maskQuoted(s: string): string {
  // Code units, not code points: the mask must keep every index.
  const out = s.split('');
  let depth = 0;
  let afterTitle = false;
  let paren = 0;
  for (let i = 0; i < out.length; i++) {
    const c = out[i]!;
    if (c === '《' || c === '〈') {
      depth++;
      out[i] = '※';
      continue;
    }
    if (depth > 0) {
      if (c === '》' || c === '〉') {
        depth--;
        if (depth === 0) afterTitle = true;
      }
      out[i] = '※';
      continue;
    }
    if (paren > 0) {
      if (c === '（' || c === '(') paren++;
      if (c === '）' || c === ')') paren--;
      out[i] = '※';
      continue;
    }
    if (afterTitle && (c === '（' || c === '(')) {
      paren = 1;
      out[i] = '※';
      afterTitle = false;
      continue;
    }
    if (!/\s/.test(c)) afterTitle = false;
  }
  return out.join('').replace(/[〔［\[【][^〕］\]】]{0,8}[〕］\]】]/g, (m) => '※'.repeat(m.length));
}

interface YearHit {
  start: number;
  end: number;
  from: number;
  to: number;
  text: string;
  /** What follows the year, for the checks that need the report year. */
  after: string;
}

/** Years the clerk dated something with; references to laws, older reports, comparisons and spans up to now are left out. */
function datedYears(sentence: Sentence): YearHit[] {
  const masked = maskQuoted(sentence.norm);
  const out: YearHit[] = [];
  for (const m of masked.matchAll(YEAR_RE)) {
    const [whole, a, nian, b, nian2] = m;
    if (!nian && !(b && nian2)) continue; // 「2021」 alone is not a year here (document numbers, counts)
    const start = m.index;
    const end = start + whole.length;
    const before = masked.slice(Math.max(0, start - 8), start);
    const after = masked.slice(end, end + 20);
    // 较2022年、与2022年相比、上年度（2022年）: a comparison, not a stale date.
    if (/(?:较|比|与|相比|相较于?|对比|较之|同比|上一?年度?|去年)\s*[（(]?\s*$/.test(before)) continue;
    if (/^[^，。；]{0,6}?(?:相比|相较|对比|同期)/.test(after)) continue;
    // 自2019年…起、2021年以来、2021年至今: a span reaching the report year.
    if (/^(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:以来|至今|到今|起|开始)/.test(after)) continue;
    // 2019年修订的《条例》、2008年5月1日起施行: the date of a law.
    if (/^(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:新)?(?:修订|修正|颁布|施行|起施行|起实施|公布施行)/.test(after))
      continue;
    if (/^(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:印发|发布|出台|公布|制定)的?\s*※/.test(after)) continue;
    // 2022年度政府信息公开工作年度报告: naming last year's report (五 reviews its problems).
    if (/^\s*(?:政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度)?报告/.test(after)) continue;
    // 公告2021年第3号: a document number.
    if (/^\s*第\s*\d+\s*号/.test(after)) continue;
    const from = yearValue(a!);
    const to = b ? yearValue(b) : from;
    out.push({
      start,
      end,
      from: Math.min(from, to),
      to: Math.max(from, to),
      text: sentence.raw.slice(start, end).trim(),
      after,
    });
  }
  return out;
}

/** 五's plans: 将采取、将继续、计划、力争… (「将」 alone is too often 「把」). */
const FUTURE =
  /计划|打算|拟|力争|争取|下一步|下步|今后|将要|将采取|将继续|将进一步|将加强|将加大|将持续|将着力|将重点|将不断|将坚持|将全面|将切实|将积极|将努力|将围绕|将以|将从|将在|将做好|将推进|将深化|将完善|将提升|将强化/;

function w3(report: Report, fields: TextField[]): Finding[] {
  const year = report.year;
  if (year === null) return [];
  const out: Finding[] = [];
  for (const f of fields) {
    for (const s of sentences(f.text)) {
      const hits = datedYears(s);
      const stale = hits.filter((h) => {
        // 「2022年度存在问题整改情况」: 五 reports how last year's problems were fixed.
        if (h.to === year - 1 && f.path === 'problems' && /问题|整改/.test(s.norm) && !FUTURE.test(s.norm))
          return false;
        if (h.to < year) return true;
        if (h.from > year + 1) {
          // 到2025年、力争2035年: a target, not a copied date.
          return !/(?:到|至|力争|争取|预计|计划|截至|截止)\s*$/.test(s.norm.slice(Math.max(0, h.start - 4), h.start));
        }
        return false;
      });
      if (stale.length) {
        const first = stale[0]!;
        const found = [...new Set(stale.map((h) => h.text.replace(/\s+/g, '')))].join('、');
        out.push({
          rule: 'W3',
          severity: 'warning',
          cells: [f.path],
          section: f.section,
          expected: year,
          actual: first.from === first.to ? first.from : `${first.from}—${first.to}`,
          quote: s.raw,
          message: `${f.where}“${excerpt(s, first.start)}”写的是${found}，不是本报告年度（${year}年）或下一年：是否照抄了往年的报告？`,
        });
      }
      if (f.path !== 'problems') continue;
      // 五 plans the next year: 「2023年我镇将采取…」 in a 2023 report is a plan dated in the past.
      const own = hits.find(
        (h) =>
          h.from === year &&
          h.to === year &&
          !/(?:截至|截止|对照|自|从)\s*$/.test(s.norm.slice(Math.max(0, h.start - 4), h.start)) &&
          !/^\s*(?:底|末|以来|存在|中|上半年|下半年|全年)/.test(s.norm.slice(h.end)),
      );
      if (own && FUTURE.test(s.norm) && !hits.some((h) => h.to === year + 1)) {
        out.push({
          rule: 'W3',
          severity: 'warning',
          cells: [f.path],
          section: f.section,
          expected: year + 1,
          actual: year,
          quote: s.raw,
          message: `${f.where}“${excerpt(s, own.start)}”：改进措施写在 ${year} 年，即本报告年度；改进计划应是 ${year + 1} 年的`,
        });
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ W4

/** Sentences about something other than disclosure requests. */
const OTHER_MATTER = /建议|提案|热线|工单|信访|投诉|举报|咨询|来信|12345|行政许可|审批|政务服务|办件/;
const REVIEWS = /复议|诉讼/;
/** 收到/受理 name their 申请 in the clause, so only the clause needs to be about requests. */
const NOT_REQUEST_CLAUSE = new RegExp(`${OTHER_MATTER.source}|${REVIEWS.source}`);
/** Says the requests are disclosure requests, not 行政许可 or other applications. */
const DISCLOSURE = /依申请|公开申请|申请公开|信息公开|政府信息/;

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
  readings: (sentence: string) => CellPath[][];
}

const REQ = (row: string): CellPath => `requests.${row}.total`;
const LITIGATION: CellPath[] = ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total'];
const RECONSIDERATION: CellPath = 'reviews.reconsideration.total';
/** 规章 but not 规章制度 (internal rules, which the table does not count). */
const RULES_NOUN = /规章(?!制度)/;
const docs = (s: string, col: string): CellPath[][] => {
  const r = RULES_NOUN.test(s);
  const n = /规范性文件/.test(s);
  if (r && n) return [[`proactive.rules.${col}`, `proactive.normativeDocuments.${col}`]];
  if (r) return [[`proactive.rules.${col}`]];
  if (n) return [[`proactive.normativeDocuments.${col}`]];
  return [];
};

const FIGURE_RULES: FigureRule[] = [
  {
    kind: 'received',
    claim: '收到申请',
    keyword: /(?<!未|没|没有|无|不予|不)(?:新收|收到|接收|接到|受理)/g,
    noun: /申请/,
    maxGap: 30,
    needSentence: DISCLOSURE,
    skipClause: NOT_REQUEST_CLAUSE,
    readings: (s) => [[REQ('newReceived')], ...(/结转/.test(s) ? [[REQ('newReceived'), REQ('carriedOver')]] : [])],
  },
  {
    // 「2023年依申请公开 3 件」: the figure must follow closely.
    kind: 'received',
    claim: '依申请公开',
    keyword: /依申请公开(?:政府信息)?(?:申请)?(?:数量?)?/g,
    maxGap: 4,
    skipClause: NOT_REQUEST_CLAUSE,
    readings: (s) => [[REQ('newReceived')], ...(/结转/.test(s) ? [[REQ('newReceived'), REQ('carriedOver')]] : [])],
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
    keyword: new RegExp(String.raw`(?:制发|制定|印发|出台)[^，。；\d]{0,12}?(?:规章(?!制度)|规范性文件)`, 'g'),
    maxGap: 8,
    readings: (s) => docs(s, 'issued'),
  },
  {
    kind: 'repealed',
    claim: '废止',
    keyword: new RegExp(String.raw`废止[^，。；\d]{0,12}?(?:规章(?!制度)|规范性文件)`, 'g'),
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

const valueOf = (values: Values, cells: CellPath[]): number | null => {
  let sum = 0;
  for (const c of cells) {
    const v = values.get(c) ?? null;
    if (v === null) return null;
    sum += v;
  }
  return sum;
};

const labelsOf = (cells: CellPath[]): string => cells.map((c) => cellLabel(c)).join(' + ');

interface Claims {
  figures: { f: TextField; s: Sentence; at: number; fig: Figure }[];
  negations: { f: TextField; s: Sentence; at: number; n: Negation }[];
}

/** What the text claims, read once per text: table keystrokes re-compare, never re-read. */
function claimsOf(fields: TextField[]): Claims {
  const key = textKey(fields);
  if (claimsCache?.key === key) return claimsCache.claims;
  const claims: Claims = { figures: [], negations: [] };
  for (const f of fields) {
    for (const s of sentences(f.text)) {
      let offset = 0;
      for (const clause of clauses(s.norm)) {
        const at = s.norm.indexOf(clause, offset);
        offset = at + clause.length;
        for (const fig of figures(clause, s.norm, f.heading)) claims.figures.push({ f, s, at, fig });
        for (const n of negations(clause)) claims.negations.push({ f, s, at, n });
      }
    }
  }
  claimsCache = { key, claims };
  return claims;
}

let claimsCache: { key: string; claims: Claims } | null = null;
let w3Cache: { key: string; found: Finding[] } | null = null;

const textKey = (fields: TextField[]): string =>
  fields.map((f) => `${f.path}\u0000${f.heading}\u0000${f.text}`).join('\u0001');

function w4(fields: TextField[], values: Values): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (
    f: TextField,
    s: Sentence,
    at: number,
    named: CellPath[],
    expected: number,
    actual: number,
    claim: string,
    also?: { cells: CellPath[]; value: number },
  ) => {
    const cells = [...new Set([...named, ...(also?.cells ?? [])])];
    const key = `${f.path}|${s.raw}|${cells.join(',')}|${actual}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      rule: 'W4',
      severity: 'warning',
      cells: [f.path, ...cells],
      section: f.section,
      expected,
      actual,
      difference: actual - expected,
      quote: s.raw,
      message: `${f.where}“${excerpt(s, at)}”：文中${claim} ${actual} 件，但${labelsOf(named)}为 ${expected}${
        also ? `，加上年结转为 ${also.value}` : ''
      }，请核对文字或表格`,
    });
  };

  for (const { f, s, at, fig } of claimsOf(fields).figures) {
    const readings = fig.readings.map((cells) => ({ cells, value: valueOf(values, cells) }));
    const known = readings.filter((r): r is { cells: CellPath[]; value: number } => r.value !== null);
    if (!known.length || known.some((r) => r.value === fig.value)) continue;
    const main = known[0]!;
    const alt = known[1];
    push(f, s, at + fig.at, main.cells, main.value, fig.value, fig.claim, alt);
  }
  for (const { f, s, at, n } of claimsOf(fields).negations) {
    if (n === 'requests') {
      const v = valueOf(values, [REQ('newReceived')]);
      if (v !== null && v > 0) push(f, s, at, [REQ('newReceived')], v, 0, '称未收到申请，即');
    } else {
      const cells = n === 'reconsideration' ? [RECONSIDERATION] : LITIGATION;
      const v = valueOf(values, cells);
      if (v !== null && v > 0)
        push(f, s, at, cells, v, 0, `称未发生${n === 'reconsideration' ? '行政复议' : '行政诉讼'}，即`);
    }
  }
  return out;
}

interface Figure {
  claim: string;
  value: number;
  /** Index in the clause, for the excerpt. */
  at: number;
  readings: CellPath[][];
}

/**
 * Pairs each figure keyword with its count: the first count after it and before the next
 * keyword (「收到申请5件，办结4件」), else a count just before it (「1件结转下年度」).
 */
function figures(clause: string, sentence: string, heading: string): Figure[] {
  const hits: KeywordHit[] = [];
  for (const rule of FIGURE_RULES) {
    if (rule.skipSentence?.test(sentence) || rule.skipClause?.test(clause)) continue;
    if (rule.needSentence && !rule.needSentence.test(`${heading} ${sentence}`)) continue;
    for (const m of clause.matchAll(rule.keyword)) {
      const start = m.index;
      const end = start + m[0].length;
      // Overlapping keywords (「行政诉讼」 inside 「未经复议直接提起行政诉讼」): the rule listed first wins.
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ rule, start, end });
    }
  }
  hits.sort((a, b) => a.start - b.start);
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
    let count = cs.find((c) => c.start >= from && c.end <= limit && !claimed.has(c));
    let gap = count ? clause.slice(from, count.start) : '';
    let around = count ? gap + clause.slice(count.end, count.end + 10) : '';
    if (!count || gap.length > h.rule.maxGap) {
      // 「1件结转下年度」「发生1起行政复议」: the count stands just before the keyword.
      const prevEnd = i > 0 ? hits[i - 1]!.end : 0;
      const before = [...cs].reverse().find((c) => c.end <= h.start && c.start >= prevEnd && !claimed.has(c));
      if (!before || h.start - before.end > 10) return;
      count = before;
      gap = clause.slice(before.end, h.start);
      around = clause.slice(Math.max(0, before.start - 10), h.start);
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
    const readings = h.rule.readings(sentence);
    if (readings.length) out.push({ claim: h.rule.claim, value: count.value, at: h.start, readings });
  });
  return out;
}

type Negation = 'requests' | 'reconsideration' | 'litigation';

/** 「未收到…申请」「未发生行政复议、行政诉讼」, in a clause without a figure. */
function negations(clauseIn: string): Negation[] {
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

// ------------------------------------------------------------------ W5

const FEE = /信息处理费|(?<!行政事业性)收费|收取[^，。；\n]{0,8}?费|免费|不收费/;
const FEE_HEADING_ONLY =
  /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])?\s*(?:收取)?信息处理费(?:收取)?(?:情况)?\s*[:：]?\s*$/;
const NUMBERED = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])/;

/** Whether 六 says anything about 信息处理费 beyond the bare item heading the starting text offers. */
function feeStated(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.some((line, i) => {
    if (!FEE.test(line)) return false;
    if (!FEE_HEADING_ONLY.test(line)) return true;
    const next = lines[i + 1];
    return next !== undefined && !NUMBERED.test(next);
  });
}

function w5(report: Report, values: Values): Finding[] {
  const out: Finding[] = [];
  const where = title('otherMatters');
  const text = report.otherMatters;
  if (!feeStated(text)) {
    out.push({
      rule: 'W5',
      severity: 'warning',
      cells: ['otherMatters'],
      section: 'otherMatters',
      message: `${where}没有说明本年是否收取信息处理费：按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），应写明收取情况，如「本年度未收取信息处理费」，或收取的金额（元）`,
    });
  }
  const feeRow = 'requests.otherHandling.overdueFee';
  const total = values.get(`${feeRow}.total`) ?? null;
  if (total !== null && total > 0 && !/收费通知|缴费通知/.test(text)) {
    out.push({
      rule: 'W5',
      severity: 'warning',
      cells: ['otherMatters', `${feeRow}.total`],
      section: 'otherMatters',
      expected: null,
      actual: total,
      message: `${cellLabel(`${feeRow}.total`)}为 ${total}，但${where}没有提到收费通知：请说明发出收费通知和收取信息处理费的情况`,
    });
  }
  return out;
}

export function textRules(report: Report, values: Values): Finding[] {
  const fields = textFields(report);
  // W3 reads only the text and the year: cached so a table keystroke does not re-read it.
  const key = `${report.year}\u0002${textKey(fields)}`;
  if (w3Cache?.key !== key) w3Cache = { key, found: w3(report, fields) };
  return [...w3Cache.found, ...w4(fields, values), ...w5(report, values)];
}
