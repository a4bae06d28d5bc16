// The report's frame: its title (agency, year), the six sections found by their
// headings, section 一's sub-sections, and the page text around the report left out.
import { type SectionDecl, SECTIONS } from '../format';
import type { OverviewPart } from '../model';
import { normLabel, readYear } from './labels';
import { type Line, isBlank, lineText, nonEmpty } from './lines';

export interface Title {
  agency: string;
  year: number | null;
  index: number;
}

const TITLE = /^(.*?)(\d{4}|[〇零Ｏ一二三四五六七八九]{4})年度?政府信息公开工作年度报告$/;
const NAV_SEPARATOR = /.*[>»›|/:：]/;

/** The title line; the last whole-line one before section 一 wins (a page may list other reports first). */
export function findTitle(lines: readonly Line[], before: number): Title | null {
  let whole: Title | null = null;
  let inside: Title | null = null;
  for (let i = 0; i < before; i++) {
    const text = nonEmpty(lines[i]!)
      .join('')
      .normalize('NFKC')
      .replace(/[\s\u00a0\u3000]+/g, '');
    const m = TITLE.exec(text);
    if (!m) continue;
    const found = { agency: m[1]!, year: readYear(m[2]!), index: i };
    if (!NAV_SEPARATOR.test(found.agency)) whole = found;
    else inside = { ...found, agency: found.agency.replace(NAV_SEPARATOR, '') };
  }
  return whole ?? inside;
}

/** A line that is section `decl`'s heading: 「一、总体情况」, 「一. 总体情况」, 「（一）总体情况」 or the bare heading. */
function isSectionHeading(line: Line, decl: SectionDecl): boolean {
  const cells = nonEmpty(line);
  if (cells.length !== 1) return false;
  const n = normLabel(cells[0]!);
  const m = /^(?:\(([一二三四五六])\)|([一二三四五六])、|([一二三四五六])(?=[^是]))?(.*)$/.exec(n);
  if (!m) return false;
  const numeral = m[1] ?? m[2] ?? m[3];
  if (numeral !== undefined && numeral !== decl.numeral) return false;
  const rest = m[4]!.replace(/[:。]$/, '');
  const heading = normLabel(decl.heading);
  return rest === heading || (rest.startsWith(heading) && rest.length - heading.length <= 8 && numeral !== undefined);
}

export interface FoundSection {
  decl: SectionDecl;
  /** Index of the heading line. */
  index: number;
  /** The lines up to the next section found (page text after the report cut off). */
  lines: Line[];
}

/** Sections in order; each is searched for after the previous one found. */
export function findSections(lines: readonly Line[], from: number): FoundSection[] {
  const starts: { decl: SectionDecl; index: number }[] = [];
  let pos = from;
  for (const decl of SECTIONS) {
    for (let i = pos; i < lines.length; i++) {
      if (isSectionHeading(lines[i]!, decl)) {
        starts.push({ decl, index: i });
        pos = i + 1;
        break;
      }
    }
  }
  return starts.map((s, k) => {
    const end = starts[k + 1]?.index ?? lines.length;
    const body = lines.slice(s.index + 1, end);
    return { decl: s.decl, index: s.index, lines: k === starts.length - 1 ? cutPageEnd(body) : body };
  });
}

// Website chrome that follows an article: print/close links, prev/next, footer.
const PAGE_CHROME =
  /^[【[]?(打印|关闭|打印本页|关闭窗口|分享到|分享|上一篇|下一篇|上一条|下一条|相关(链接|文章|阅读|附件|新闻)|主办|承办|协办|版权|网站标识码|网站地图|联系我们|扫一扫|返回顶部|责任编辑|字号|【?字体|来源[:：]|发布(时间|日期|机构)|浏览次数|阅读次数|访问量|技术支持|ICP|[京津冀豫鲁晋苏浙沪粤]ICP)/;
const DATE_LINE =
  /^(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/;
const SIGNATURE = /(人民政府|政府办公室|办公室|街道办事处|办事处|委员会|局|镇|乡|街道)$/;

/** The last section ends where the page's footer begins; a trailing signature and date are not its text. */
function cutPageEnd(body: Line[]): Line[] {
  let end = body.findIndex((l) => PAGE_CHROME.test(lineText(l).normalize('NFKC')));
  if (end < 0) end = body.length;
  const out = body.slice(0, end);
  const lastText = () => {
    while (out.length && isBlank(out[out.length - 1]!)) out.pop();
    return out.length ? lineText(out[out.length - 1]!) : '';
  };
  if (DATE_LINE.test(lastText())) {
    out.pop();
    const sig = lastText();
    if (sig.length <= 25 && SIGNATURE.test(sig) && !/[。，；,;]/.test(sig)) out.pop();
  }
  return out;
}

/** Text of a section: its non-blank lines as paragraphs separated by a blank line. */
export function paragraphs(lines: readonly Line[]): string[] {
  return lines.filter((l) => !isBlank(l)).map(lineText);
}

// Numbered sub-heading styles; the first one used in section 一 is its heading level.
const MARKERS: { style: string; re: RegExp }[] = [
  { style: 'paren-cn', re: /^[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*/ },
  { style: 'paren-arabic', re: /^[（(]\s*\d{1,2}\s*[)）]\s*/ },
  { style: 'cn', re: /^[一二三四五六七八九十]+\s*[、.．]\s*/ },
  { style: 'arabic', re: /^\d{1,2}\s*[、.．](?!\d)\s*/ },
];

const HEADING_MAX = 30;

/** A numbered line as a heading, possibly with the start of its body on the same line. */
function asHeading(text: string): { style: string; heading: string; rest: string } | null {
  for (const { style, re } of MARKERS) {
    const m = re.exec(text);
    if (!m) continue;
    const raw = text.slice(m[0].length).trim();
    // 「（一）主动公开情况。2023 年…」: a short lead-in ended by 。 or ： is the heading, the rest its text.
    const cut = raw.search(/[。：:]/);
    if (cut > 0 && cut <= HEADING_MAX && cut < raw.length - 1) {
      return { style, heading: raw.slice(0, cut), rest: raw.slice(cut + 1).trim() };
    }
    const after = raw.replace(/[：:]$/, '');
    if (after && after.length <= HEADING_MAX && !/[。；;！？!?]$/.test(after))
      return { style, heading: after, rest: '' };
    return null;
  }
  return null;
}

/** Section 一: an intro before the first numbered heading is a part with heading ''. */
export function overviewParts(lines: readonly Line[]): OverviewPart[] {
  const parts: { heading: string; paras: string[] }[] = [];
  let style: string | null = null;
  for (const text of paragraphs(lines)) {
    const h = asHeading(text);
    if (h && (style === null || h.style === style)) {
      style = h.style;
      parts.push({ heading: h.heading, paras: h.rest ? [h.rest] : [] });
      continue;
    }
    const cur = parts[parts.length - 1];
    if (cur) cur.paras.push(text);
    else parts.push({ heading: '', paras: [text] });
  }
  return parts.map((p) => ({ heading: p.heading, body: p.paras.join('\n\n') }));
}
