// The report's title broken into lines the way a 公文 title is set: only between words
// (after a place or the agency's name, before 「政府信息公开工作年度报告」), with the
// lines as even as possible. Print, Word and the web page all use these lines.
import { REPORT_TITLE_SUFFIX } from './format';

/** 22 pt 小标宋 on GB/T 9704's 156 mm text block: 20 full-width characters a line. */
const TITLE_LINE_EM = 20;

/** Width in em: full-width characters 1, ASCII (digits of the year, underscores) ½. */
export const emWidth = (s: string): number => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);

// An agency name may break after a place or an organ, never inside one: 「新疆维吾尔自治区 /
// 巴音郭楞蒙古自治州 / 和静县 / 人力资源和社会保障局」. Longest suffixes first.
const SUFFIXES = [
  '特别行政区',
  '管理委员会',
  '人民政府',
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '委员会',
  '办事处',
  '办公室',
  '地区',
  '街道',
  '省',
  '市',
  '州',
  '盟',
  '县',
  '区',
  '旗',
  '镇',
  '乡',
  '局',
];
/** A suffix character that starts a word with the next one (市场, 区委, 县级, 乡镇…) is no break. */
const NO_BREAK_BEFORE = '委级域场政容村镇长属直辖';

/** The agency's name cut at the places where a line may break. */
export function agencyWords(agency: string): string[] {
  const name = agency.trim();
  const words: string[] = [];
  let start = 0;
  for (let i = 1; i < name.length - 1; i++) {
    const head = name.slice(start, i);
    const suffix = SUFFIXES.find((s) => head.endsWith(s) && head.length > s.length);
    if (!suffix) continue;
    if (NO_BREAK_BEFORE.includes(name[i]!)) continue;
    // A word of one character left over reads as a slip: 「某某市 / 局」.
    if (name.length - i < 2) continue;
    words.push(head);
    start = i;
  }
  words.push(name.slice(start));
  return words.filter((w) => w !== '');
}

/** Cut a word longer than a line into line-sized pieces (a name with no break point at all). */
function cut(word: string, max: number): string[] {
  if (emWidth(word) <= max) return [word];
  const out: string[] = [];
  let line = '';
  for (const ch of word) {
    if (emWidth(line + ch) > max) {
      out.push(line);
      line = '';
    }
    line += ch;
  }
  return line ? [...out, line] : out;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
}

interface Word {
  text: string;
  /** A break after this word falls inside the agency's name. */
  inName: boolean;
}

/**
 * The title as lines of at most `max` em: as few lines as possible, then as few breaks
 * inside the agency's name as possible, then the most even lines.
 */
export function titleLines(agency: string, year: number | null, max = TITLE_LINE_EM): string[] {
  const name = agencyWords(agency).flatMap((w) => cut(w, max));
  const words: Word[] = [
    ...name.map((text, i) => ({ text, inName: i < name.length - 1 })),
    { text: `${year ?? '____'}${REPORT_TITLE_SUFFIX.slice(0, 1)}`, inName: false },
    { text: REPORT_TITLE_SUFFIX.slice(1), inName: false },
  ].filter((w) => w.text !== '');
  const widths = words.map((w) => emWidth(w.text));
  // Few words (a long name has about six): every set of break points is tried.
  if (words.length > 16) return cut(words.map((w) => w.text).join(''), max);
  let best: { lines: string[]; cost: number[] } | null = null;
  const gaps = words.length - 1;
  for (let mask = 0; mask < 1 << gaps; mask++) {
    const lines: string[] = [];
    const lineWidths: number[] = [];
    let inName = 0;
    let text = '';
    let width = 0;
    for (let i = 0; i < words.length; i++) {
      text += words[i]!.text;
      width += widths[i]!;
      if (i === gaps || mask & (1 << i)) {
        lines.push(text);
        lineWidths.push(width);
        text = '';
        width = 0;
        if (i < gaps && words[i]!.inName) inName++;
      }
    }
    if (lineWidths.some((w) => w > max)) continue;
    const mean = lineWidths.reduce((a, b) => a + b, 0) / lineWidths.length;
    const cost = [lines.length, inName, Math.max(...lineWidths), lineWidths.reduce((a, w) => a + (w - mean) ** 2, 0)];
    if (!best || lexLess(cost, best.cost)) best = { lines, cost };
  }
  return best ? best.lines : cut(words.map((w) => w.text).join(''), max);
}
