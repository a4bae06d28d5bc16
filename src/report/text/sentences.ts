// What the text rules read: the narrative fields of a report, cut into sentences and
// clauses once. Matching runs on a copy with full-width digits folded to ASCII; the fold
// keeps every index, so a quote is always cut from the clerk's own text. Every step here
// is linear in the text: a 400 KB sentence without 「。」 must not freeze a keystroke.
import { type SectionKey, section, sectionTitle } from '../format';
import type { Report } from '../model';
import { foldDigits } from '../numbers';
import { type TextPath, overviewPath } from '../textPaths';

export interface TextField {
  /** Field path, as in Finding.cells. */
  path: TextPath;
  section: SectionKey;
  /** How the message names the place, e.g. 「一、总体情况」「依申请公开」. */
  where: string;
  text: string;
  /** Sub-section heading of an overview body: 「依申请公开」 tells what 「收到申请5件」 is about. */
  heading: string;
  /** The text cut into sentences, made on first use (fieldSplit). */
  split?: FieldSplit;
}

export interface Sentence {
  /** Index within its field, a cheap identity for de-duplicating findings. */
  index: number;
  /** As the clerk wrote it (trimmed). */
  raw: string;
  /** Same length, full-width digits folded. */
  norm: string;
  /** Whether `norm` matches a pattern, asked once per pattern: clause loops must not re-scan the sentence. */
  has: (re: RegExp) => boolean;
}

export const title = (key: SectionKey): string => `「${sectionTitle(section(key))}」`;

export function textFields(report: Report): TextField[] {
  const out: TextField[] = [];
  report.overview.forEach((o, i) => {
    const part = o.heading.trim() ? `「${o.heading.trim()}」` : `第 ${i + 1} 部分`;
    out.push({
      path: overviewPath(i, 'heading'),
      section: 'overview',
      where: `${title('overview')}小标题`,
      text: o.heading,
      heading: '',
    });
    out.push({
      path: overviewPath(i, 'body'),
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

/** Each sentence's pattern answers, asked once per pattern and kept only once asked. */
class SentenceText implements Sentence {
  private memo: Map<RegExp, boolean> | undefined;
  constructor(
    readonly index: number,
    readonly raw: string,
    readonly norm: string,
  ) {}
  has(re: RegExp): boolean {
    this.memo ??= new Map();
    let v = this.memo.get(re);
    if (v === undefined) {
      re.lastIndex = 0;
      v = re.test(this.norm);
      re.lastIndex = 0;
      this.memo.set(re, v);
    }
    return v;
  }
}

/** What `/\s/` (and so `trim()`) matches, for one UTF-16 unit. */
export function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The next sentence end or line break (a regex scans far faster than a loop over charCodeAt). */
const STOP = /[。！？!?\n]/g;
/** 。！？!? : a sentence ends after a run of them (a line break ends it too, and is not part of it). */
const isStop = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f;

/**
 * A field cut into sentences: where each starts and ends (trimmed), the text folded once, and
 * the Sentence objects made only for the sentences a rule asks for. Most sentences hold no
 * year, figure keyword or negation: the rules find the few that do with one scan of the field.
 */
export class FieldSplit {
  /** The field's text with full-width digits folded (same length: every index holds). */
  readonly norm: string;
  /** [start, end) of sentence i at 2i, 2i + 1, in the field's text. */
  private readonly bounds: number[] = [];
  private readonly made: (Sentence | undefined)[] = [];
  constructor(readonly text: string) {
    this.norm = foldDigits(text);
    // As `/[^。！？!?\n]+[。！？!?]*/g` then trim(), skipping blank ones, with no string or match made per sentence.
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || isStop(c)) {
        i++;
        continue;
      }
      const from = i;
      STOP.lastIndex = i;
      i = STOP.test(text) ? STOP.lastIndex - 1 : n;
      while (i < n && isStop(text.charCodeAt(i))) i++;
      let a = from;
      let b = i;
      while (a < b && isSpace(text.charCodeAt(a))) a++;
      while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
      if (b > a) this.bounds.push(a, b);
    }
  }
  get length(): number {
    return this.bounds.length / 2;
  }
  sentence(i: number): Sentence {
    let s = this.made[i];
    if (!s) {
      const a = this.bounds[2 * i]!;
      const b = this.bounds[2 * i + 1]!;
      s = new SentenceText(i, this.text.slice(a, b), this.norm.slice(a, b));
      this.made[i] = s;
    }
    return s;
  }
  all(): Sentence[] {
    return Array.from({ length: this.length }, (_, i) => this.sentence(i));
  }
  /**
   * The sentences, in order, where the global regex `re` matches in the folded text. Exactly
   * those whose `norm` it matches when no match of `re` can hold a space, 。！？!? or a line
   * break (none spans two sentences) and a look-behind does not tell a sentence's start from
   * the end of the one before: callers pass patterns of that kind.
   */
  matching(re: RegExp): Sentence[] {
    const out: Sentence[] = [];
    const b = this.bounds;
    let k = 0;
    re.lastIndex = 0;
    for (let m = re.exec(this.norm); m; m = re.exec(this.norm)) {
      const at = m.index;
      while (k < b.length && b[k + 1]! <= at) k += 2;
      if (k >= b.length) break;
      if (b[k]! <= at) {
        out.push(this.sentence(k / 2));
        // The rest of this sentence need not be scanned.
        re.lastIndex = b[k + 1]!;
        k += 2;
      } else if (m[0] === '') re.lastIndex++;
    }
    re.lastIndex = 0;
    return out;
  }
}

/** A field's sentences, cut once for W3 and W4 alike and kept with the field (a WeakMap of every field cost more). */
export function fieldSplit(f: TextField): FieldSplit {
  f.split ??= new FieldSplit(f.text);
  return f.split;
}

export interface Clause {
  text: string;
  /** Where it starts in the sentence's `norm`. */
  at: number;
}

/** Clauses of a (folded) sentence: split at ，；：and at an ASCII comma that is not a thousands separator. */
export function clauses(norm: string): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  const push = (to: number) => {
    const text = norm.slice(from, to);
    if (text.trim() !== '') out.push({ text, at: from });
  };
  for (const m of norm.matchAll(/[，；：;:]|,(?!\d{3}(?!\d))/g)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(norm.length);
  return out;
}

/** A sentence as a message quotes it: a clause cut off at its comma or colon without it (「…加以改进：”：」 read doubled). */
export const quoted = (raw: string): string => raw.replace(/[，,；;：:、\s]+$/, '');

/** Long sentences are cut around the spot for the message; `quote` keeps the whole sentence. */
export function excerpt(s: Sentence, at = 0): string {
  const max = 80;
  if (s.raw.length <= max) return quoted(s.raw);
  const start = Math.max(0, Math.min(at - 30, s.raw.length - max));
  return `${start > 0 ? '…' : ''}${s.raw.slice(start, start + max)}${start + max < s.raw.length ? '…' : ''}`;
}

/** The `n` characters before `at`: look-behind checks read a bounded window, never the whole prefix. */
export const before = (s: string, at: number, n: number): string => s.slice(Math.max(0, at - n), at);

/** The `n` characters from `at`. */
export const after = (s: string, at: number, n: number): string => s.slice(at, at + n);

// ------------------------------------------------------------------ counts

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

export const cnDigit = (ch: string): number | undefined => (Object.hasOwn(CN_DIGIT, ch) ? CN_DIGIT[ch] : undefined);

/** 十二 → 12, 二十 → 20, 一百零五 → 105, 两 → 2; null when it is not a plain numeral. */
function chineseNumber(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const d = cnDigit(ch);
    if (d !== undefined) {
      if (digit !== null && digit !== 0) return null; // 「一二」 is not a number
      digit = d;
    } else if (Object.hasOwn(CN_UNIT, ch)) {
      total += (digit ?? 1) * CN_UNIT[ch]!;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

export const CN_NUM_CHARS = '零〇○两一二三四五六七八九十百千';
const NUM = String.raw`\d{1,3}(?:,\d{3})+|\d+|[${CN_NUM_CHARS}]+`;
const COUNT_UNITS = '件|起|宗|份|条';

export interface Count {
  value: number;
  start: number;
  end: number;
}

/**
 * Every count in a clause: a number with a count unit (「5 件」「两起」), or a bare number
 * after 为/是 ending the clause (「均为0」). Years, 「第一」, 「3个工作日」 are not counts.
 */
const COUNT_RE = new RegExp(String.raw`(?<![\d${CN_NUM_CHARS}第.])(${NUM})\s*(${COUNT_UNITS})?`, 'g');

export function counts(clause: string): Count[] {
  const out: Count[] = [];
  // Sticky, and local (a regex's lastIndex is state): read at the end of a bare number, not from the clause's start.
  const clauseEnd = /\s*(?:[。！？!?、]|$)/y;
  for (const m of clause.matchAll(COUNT_RE)) {
    const text = m[1]!;
    // Longer than any count: a run of digits is not a figure (and must not cost a parse).
    if (text.length > 20) continue;
    const value = /\d/.test(text) ? Number(text.replace(/,/g, '')) : chineseNumber(text);
    if (value === null || !Number.isSafeInteger(value)) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (!m[2]) {
      clauseEnd.lastIndex = end;
      const bare = /(?:为|是)\s*$/.test(before(clause, start, 12)) && clauseEnd.test(clause);
      if (!bare) continue;
    }
    out.push({ value, start, end });
  }
  return out;
}
