// W3: a year in the text that is not the report year or the next one (copied from an older
// report?), and 五's improvement plans dated in the report year itself.
import type { Report } from '../model';
import type { Finding } from '../rules';
import {
  CN_NUM_CHARS,
  type Sentence,
  type TextField,
  after,
  before,
  cnDigit,
  excerpt,
  fieldSplit,
  isSpace,
} from './sentences';

const YEAR = String.raw`(?:19|20)\d{2}|[一二][〇零○][〇零○一二三四五六七八九]{2}`;
const YEAR_RE = new RegExp(
  String.raw`(?<![\d${CN_NUM_CHARS}])(${YEAR})(\s*年度?)?(?:\s*(?:-|—|–|－|~|～|至|到)\s*(${YEAR})(\s*年度?)?)?`,
  'g',
);

function yearValue(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  return Number([...s].map((c) => cnDigit(c) ?? 0).join(''));
}

/**
 * Titles are quoted, not dated by the clerk: 《…》 (and a 「（2019年修订）」 right after one)
 * and bracketed document numbers (〔2021〕) are masked with ※, keeping every index.
 */
function maskQuoted(s: string): string {
  if (!/[《〈〔［[【]/.test(s)) return s;
  // Code units, not code points: the mask must keep every index. Masked runs are collected
  // and the string built once (a per-character array and regex cost more than the rest of W3).
  let out = '';
  let from = 0;
  let runStart = -1;
  let depth = 0;
  let afterTitle = false;
  let paren = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let mask = true;
    if (c === 0x300a || c === 0x3008)
      depth++; // 《 〈
    else if (depth > 0) {
      if (c === 0x300b || c === 0x3009) {
        // 》 〉
        depth--;
        if (depth === 0) afterTitle = true;
      }
    } else if (paren > 0) {
      if (c === 0xff08 || c === 0x28) paren++; // （ (
      if (c === 0xff09 || c === 0x29) paren--; // ） )
    } else if (afterTitle && (c === 0xff08 || c === 0x28)) {
      paren = 1;
      afterTitle = false;
    } else {
      mask = false;
      if (!isSpace(c)) afterTitle = false;
    }
    if (mask && runStart < 0) runStart = i;
    else if (!mask && runStart >= 0) {
      out += s.slice(from, runStart) + '※'.repeat(i - runStart);
      from = i;
      runStart = -1;
    }
  }
  if (runStart >= 0) out += s.slice(from, runStart) + '※'.repeat(s.length - runStart);
  else out += s.slice(from);
  return out.replace(/[〔［[【][^〕］\]】]{0,8}[〕］\]】]/g, (m) => '※'.repeat(m.length));
}

interface YearHit {
  start: number;
  end: number;
  from: number;
  to: number;
  text: string;
}

/** YEAR_RE without its state, as a quick test. */
export const YEAR_PROBE = new RegExp(YEAR_RE.source);
/**
 * A year's digits alone, to find the sentences holding one in one scan of a field (FieldSplit.matching):
 * a sentence matches YEAR_PROBE exactly when this matches in it, and a sentence never starts after a digit.
 */
export const YEAR_SCAN = new RegExp(String.raw`(?<![\d${CN_NUM_CHARS}])(?:${YEAR})`, 'g');

/** Years the clerk dated something with; references to laws, older reports, comparisons and spans up to now are left out. */
function datedYears(sentence: Sentence): YearHit[] {
  // Most sentences hold no year. Masking only turns characters into ※ after a closing
  // bracket, so it never makes a year appear: without one here there is none masked.
  if (!YEAR_PROBE.test(sentence.norm)) return [];
  const masked = maskQuoted(sentence.norm);
  const out: YearHit[] = [];
  for (const m of masked.matchAll(YEAR_RE)) {
    const [whole, a, nian, b, nian2] = m;
    if (!nian && !(b && nian2)) continue; // 「2021」 alone is not a year here (document numbers, counts)
    const start = m.index;
    const end = start + whole.length;
    const pre = before(masked, start, 8);
    const post = after(masked, end, 20);
    // 较2022年、与2022年相比、上年度（2022年）: a comparison, not a stale date.
    if (/(?:较|比|与|相比|相较于?|对比|较之|同比|上一?年度?|去年)\s*[（(]?\s*$/.test(pre)) continue;
    if (/^[^，。；]{0,6}?(?:相比|相较|对比|同期)/.test(post)) continue;
    // 自2019年…起、2021年以来、2021年至今: a span reaching the report year.
    if (/^(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:以来|至今|到今|起|开始)/.test(post)) continue;
    // 2019年修订的《条例》、2008年5月1日起施行: the date of a law.
    if (/^(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:新)?(?:修订|修正|颁布|施行|起施行|起实施|公布施行)/.test(post))
      continue;
    if (/^(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:印发|发布|出台|公布|制定)的?\s*※/.test(post)) continue;
    // 2022年度政府信息公开工作年度报告: naming last year's report (五 reviews its problems).
    if (/^\s*(?:政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度)?报告/.test(post)) continue;
    // 公告2021年第3号: a document number.
    if (/^\s*第\s*\d+\s*号/.test(post)) continue;
    const from = yearValue(a!);
    const to = b ? yearValue(b) : from;
    out.push({
      start,
      end,
      from: Math.min(from, to),
      to: Math.max(from, to),
      text: sentence.raw.slice(start, end).trim(),
    });
  }
  return out;
}

/** 五's plans: 将采取、将继续、计划、力争… (「将」 alone is too often 「把」). */
const FUTURE =
  /计划|打算|拟|力争|争取|下一步|下步|今后|将要|将采取|将继续|将进一步|将加强|将加大|将持续|将着力|将重点|将不断|将坚持|将全面|将切实|将积极|将努力|将围绕|将以|将从|将在|将做好|将推进|将深化|将完善|将提升|将强化/;
const FIXING = /问题|整改/;

function w3Sentence(year: number, f: TextField, s: Sentence, out: Finding[]): void {
  const hits = datedYears(s);
  if (!hits.length) return;
  const stale = hits.filter((h) => {
    // 「2022年度存在问题整改情况」: 五 reports how last year's problems were fixed.
    if (h.to === year - 1 && f.path === 'problems' && s.has(FIXING) && !s.has(FUTURE)) return false;
    if (h.to < year) return true;
    if (h.from > year + 1) {
      // 到2025年、力争2035年: a target, not a copied date.
      return !/(?:到|至|力争|争取|预计|计划|截至|截止)\s*$/.test(before(s.norm, h.start, 4));
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
  if (f.path !== 'problems') return;
  // 五 plans the next year: 「2023年我镇将采取…」 in a 2023 report is a plan dated in the past.
  const own = hits.find(
    (h) =>
      h.from === year &&
      h.to === year &&
      !/(?:截至|截止|对照|自|从)\s*$/.test(before(s.norm, h.start, 4)) &&
      !/^\s*(?:底|末|以来|存在|中|上半年|下半年|全年)/.test(after(s.norm, h.end, 12)),
  );
  if (own && s.has(FUTURE) && !hits.some((h) => h.to === year + 1)) {
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

/** W3 reads only the text and the year. */
export function w3(report: Pick<Report, 'year'>, fields: readonly TextField[]): Finding[] {
  const year = report.year;
  if (year === null) return [];
  const out: Finding[] = [];
  for (const f of fields) for (const s of fieldSplit(f).matching(YEAR_SCAN)) w3Sentence(year, f, s, out);
  return out;
}
