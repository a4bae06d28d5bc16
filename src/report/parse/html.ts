// A small, forgiving HTML reader (no DOM: src/report runs anywhere). It builds a tree,
// then walks it into the same lines a text copy gives: paragraphs as one-cell lines,
// table rows as cells. Tables are laid out on a grid with rowspan/colspan expanded,
// and each row keeps only the cells that start in it — the cells a reader sees.
import { type Line, trimCell } from './lines';

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'col', 'wbr', 'area', 'base', 'source']);
const SKIP = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'select', 'button', 'iframe']);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'main',
  'aside',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'form',
  'fieldset',
  'figure',
  'figcaption',
  'caption',
  'center',
  'body',
  'html',
]);

const NAMED: Record<string, string> = {
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  middot: '·',
  times: '×',
  yen: '¥',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Tags an opening tag closes implicitly, looking no further down than the boundary tags. */
const IMPLIED: Record<string, { closes: string[]; boundary: string[] }> = {
  td: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  th: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  tr: { closes: ['tr', 'td', 'th'], boundary: ['table', 'thead', 'tbody', 'tfoot'] },
  thead: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], boundary: ['table'] },
  tbody: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], boundary: ['table'] },
  tfoot: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], boundary: ['table'] },
  p: { closes: ['p'], boundary: ['td', 'th', 'div', 'li', 'table', 'body'] },
  li: { closes: ['li', 'p'], boundary: ['ul', 'ol', 'td', 'th', 'table'] },
};

/** Deeper than any real page: past this, tags are dropped and their text kept (3,000 nested tables must not blow the stack). */
const MAX_HTML_DEPTH = 100;
/** Grid places per page: a real report has a few thousand; rowspan/colspan beyond this are not expanded. */
const MAX_GRID_CELLS = 20_000;

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; tag: string; closing: boolean; attrs: string; selfClosing: boolean };

/**
 * Tokens of an HTML text in one pass. Every scan moves forward only: an unclosed comment,
 * quote or tag runs to the end of the text (as in a browser), never re-scanned from each `<`.
 */
function* tokens(html: string): Generator<Token> {
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      yield { kind: 'text', text: html.slice(i) };
      return;
    }
    if (lt > i) yield { kind: 'text', text: html.slice(i, lt) };
    i = lt;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      if (close < 0) return;
      i = close + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', i)) {
      const close = html.indexOf(']]>', i + 9);
      if (close < 0) return;
      i = close + 3;
      continue;
    }
    const next = html[i + 1] ?? '';
    if (next === '!' || next === '?') {
      const close = html.indexOf('>', i + 2);
      if (close < 0) return;
      i = close + 1;
      continue;
    }
    const closing = next === '/';
    let j = i + (closing ? 2 : 1);
    const nameStart = j;
    if (!/[a-zA-Z]/.test(html[j] ?? '')) {
      yield { kind: 'text', text: '<' };
      i++;
      continue;
    }
    while (j < n && /[a-zA-Z0-9]/.test(html[j]!)) j++;
    const tag = html.slice(nameStart, j).toLowerCase();
    // Attributes up to the first `>` outside quotes.
    const attrStart = j;
    let quote = '';
    while (j < n) {
      const c = html[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
      j++;
    }
    if (j >= n) return; // an unterminated tag swallows the rest, as in a browser
    const attrs = html.slice(attrStart, j);
    i = j + 1;
    yield { kind: 'tag', tag, closing, attrs, selfClosing: /\/\s*$/.test(attrs) };
  }
}

/** The parsed page; `limited` is set when it was deeper than MAX_HTML_DEPTH. */
interface HtmlTree extends Element {
  limited?: boolean;
}

function parseHtmlTree(html: string): HtmlTree {
  const root: HtmlTree = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const top = () => stack[stack.length - 1]!;
  const lastOpen = (tag: string): number => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.tag === tag) return k;
    return -1;
  };
  let skipping: string | null = null;
  for (const t of tokens(html)) {
    if (t.kind === 'text') {
      if (!skipping) top().children.push(decodeEntities(t.text));
      continue;
    }
    const { tag, closing, attrs, selfClosing } = t;
    if (skipping) {
      if (closing && tag === skipping) skipping = null;
      continue;
    }
    if (!closing && SKIP.has(tag)) {
      if (!selfClosing) skipping = tag;
      continue;
    }
    if (closing) {
      const i = lastOpen(tag);
      // A stray closing tag does not reach out of the table it stands in.
      const tableAt = lastOpen('table');
      if (i > 0 && (tag === 'table' || i > tableAt)) stack.length = i;
      continue;
    }
    const rule = IMPLIED[tag];
    if (rule) {
      // Close the outermost open match above the boundary (a new <tr> closes the open <tr> and its <td>).
      let at = -1;
      for (let i = stack.length - 1; i > 0; i--) {
        const st = stack[i]!.tag;
        if (rule.boundary.includes(st)) break;
        if (rule.closes.includes(st)) at = i;
      }
      if (at > 0) stack.length = at;
    }
    const container = !VOID.has(tag) && !selfClosing;
    if (container && stack.length > MAX_HTML_DEPTH) {
      root.limited = true;
      continue;
    }
    const el: Element = { tag, attrs: parseAttrs(attrs), children: [] };
    top().children.push(el);
    if (container) stack.push(el);
  }
  return root;
}

const isElement = (n: Node): n is Element => typeof n !== 'string';

function contains(el: Element, tag: string): boolean {
  return el.children.some((c) => isElement(c) && (c.tag === tag || contains(c, tag)));
}

/** Text of an element; line breaks and blocks inside a table cell become spaces. */
function cellText(el: Element): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (!isElement(n)) parts.push(n);
    else if (n.tag === 'br' || BLOCK.has(n.tag)) {
      parts.push(' ');
      n.children.forEach(walk);
      parts.push(' ');
    } else n.children.forEach(walk);
  };
  el.children.forEach(walk);
  return trimCell(parts.join('').replace(/[ \t\n\r\f\u00a0]+/g, ' '));
}

export interface GridCell {
  text: string;
  /** True where the cell starts; false on the places its rowspan/colspan covers. */
  origin: boolean;
}

/** Grid places left for a page, shared by its tables. */
interface GridBudget {
  left: number;
  limited: boolean;
}

/** A data table as a grid, rowspan and colspan expanded (a covered place repeats the cell's text). */
function tableGrid(table: Element, budget: GridBudget = { left: MAX_GRID_CELLS, limited: false }): GridCell[][] {
  const rows: Element[] = [];
  const collect = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      if (c.tag === 'tr') rows.push(c);
      else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') collect(c);
    }
  };
  collect(table);
  const grid: GridCell[][] = [];
  const span = (v: string | undefined) => Math.min(Math.max(parseInt(v ?? '1', 10) || 1, 1), 100);
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const td of tr.children) {
      if (!isElement(td) || (td.tag !== 'td' && td.tag !== 'th')) continue;
      while (grid[r]![col]) col++;
      const text = cellText(td);
      let rs = Math.min(span(td.attrs.rowspan), rows.length - r);
      let cs = span(td.attrs.colspan);
      // Past the budget a cell takes one place: 36 KB of rowspan=1000 colspan=1000 must not build a billion.
      if (rs * cs > budget.left) {
        budget.limited = true;
        rs = 1;
        cs = 1;
      }
      budget.left -= rs * cs;
      for (let i = 0; i < rs; i++) {
        grid[r + i] ??= [];
        const gr = grid[r + i]!;
        for (let j = 0; j < cs; j++) gr[col + j] = { text, origin: i === 0 && j === 0 };
      }
      col += cs;
    }
  });
  return grid.map((row) => Array.from(row, (c) => c ?? { text: '', origin: false }));
}

/** Walks the tree into lines; a table holding another table is layout, read as text around its data tables. */
function walkLines(root: Element, out: Line[], grids: GridCell[][][], budget: GridBudget): void {
  let buf = '';
  const flush = () => {
    const t = trimCell(buf.replace(/[ \t\n\r\f\u00a0]+/g, ' '));
    if (t) out.push({ cells: [t], raw: t });
    buf = '';
  };
  const walk = (n: Node) => {
    if (!isElement(n)) {
      buf += n;
      return;
    }
    if (n.tag === 'table' && !contains(n, 'table')) {
      flush();
      const grid = tableGrid(n, budget);
      grids.push(grid);
      for (const row of grid) {
        // The cells that start in this row, each in its grid column: a merged cell counts once.
        const cells = row.filter((c) => c.origin).map((c) => c.text);
        if (cells.length) out.push({ cells, raw: cells.join('\t') });
      }
      return;
    }
    const block =
      BLOCK.has(n.tag) || n.tag === 'br' || n.tag === 'tr' || n.tag === 'td' || n.tag === 'th' || n.tag === 'table';
    if (block) flush();
    n.children.forEach(walk);
    if (block) flush();
  };
  walk(root);
  flush();
}

export interface HtmlRead {
  lines: Line[];
  /** The data tables as grids, for showing what was read. */
  grids: GridCell[][][];
  /** What was beyond the reader's limits, in Chinese; empty for any real page. */
  limits: string[];
}

/** One read of a page: lines, grids, and whatever had to be cut to keep the page answering. */
export function readHtml(html: string): HtmlRead {
  const tree = parseHtmlTree(html);
  const out: HtmlRead = { lines: [], grids: [], limits: [] };
  const budget: GridBudget = { left: MAX_GRID_CELLS, limited: false };
  walkLines(tree, out.lines, out.grids, budget);
  if (tree.limited) out.limits.push(`网页嵌套超过 ${MAX_HTML_DEPTH} 层，更深的部分只按文字读取，请核对导入结果`);
  if (budget.limited) out.limits.push('网页表格的合并单元格（rowspan/colspan）大得不合常理，未展开，请核对导入结果');
  return out;
}

export function htmlToLines(html: string): Line[] {
  return readHtml(html).lines;
}

/** The data tables of a page as grids, for showing what was read. */
export function htmlTables(html: string): GridCell[][][] {
  return readHtml(html).grids;
}
