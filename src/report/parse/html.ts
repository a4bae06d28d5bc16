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

export function decodeEntities(s: string): string {
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

export function parseHtmlTree(html: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const top = () => stack[stack.length - 1]!;
  const src = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<![^>]*>|<\?[^>]*>|([^<]+|<)/g;
  let skipping: string | null = null;
  for (const m of src.matchAll(token)) {
    const [, slash, rawTag, attrs, text] = m;
    if (rawTag === undefined) {
      if (text !== undefined && !skipping) top().children.push(decodeEntities(text));
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (skipping) {
      if (slash && tag === skipping) skipping = null;
      continue;
    }
    if (!slash && SKIP.has(tag)) {
      if (!/\/\s*$/.test(attrs ?? '')) skipping = tag;
      continue;
    }
    if (slash) {
      const i = stack.map((e) => e.tag).lastIndexOf(tag);
      // A stray closing tag does not reach out of the table it stands in.
      const tableAt = stack.map((e) => e.tag).lastIndexOf('table');
      if (i > 0 && (tag === 'table' || i > tableAt)) stack.length = i;
      continue;
    }
    const rule = IMPLIED[tag];
    if (rule) {
      // Close the outermost open match above the boundary (a new <tr> closes the open <tr> and its <td>).
      let at = -1;
      for (let i = stack.length - 1; i > 0; i--) {
        const t = stack[i]!.tag;
        if (rule.boundary.includes(t)) break;
        if (rule.closes.includes(t)) at = i;
      }
      if (at > 0) stack.length = at;
    }
    const el: Element = { tag, attrs: parseAttrs(attrs ?? ''), children: [] };
    top().children.push(el);
    if (!VOID.has(tag) && !/\/\s*$/.test(attrs ?? '')) stack.push(el);
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

/** A data table as a grid, rowspan and colspan expanded (a covered place repeats the cell's text). */
export function tableGrid(table: Element): GridCell[][] {
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
  const span = (v: string | undefined) => Math.min(Math.max(parseInt(v ?? '1', 10) || 1, 1), 1000);
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const td of tr.children) {
      if (!isElement(td) || (td.tag !== 'td' && td.tag !== 'th')) continue;
      while (grid[r]![col]) col++;
      const text = cellText(td);
      const rs = Math.min(span(td.attrs.rowspan), rows.length - r);
      const cs = span(td.attrs.colspan);
      for (let i = 0; i < rs; i++) {
        const gr = (grid[r + i] ??= []);
        for (let j = 0; j < cs; j++) gr[col + j] = { text, origin: i === 0 && j === 0 };
      }
      col += cs;
    }
  });
  return grid.map((row) => Array.from(row, (c) => c ?? { text: '', origin: false }));
}

/** Walks the tree into lines; a table holding another table is layout, read as text around its data tables. */
function walkLines(root: Element, out: Line[], grids: GridCell[][][]): void {
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
      const grid = tableGrid(n);
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

export function htmlToLines(html: string): Line[] {
  const out: Line[] = [];
  walkLines(parseHtmlTree(html), out, []);
  return out;
}

/** The data tables of a page as grids, for showing what was read. */
export function htmlTables(html: string): GridCell[][][] {
  const grids: GridCell[][][] = [];
  walkLines(parseHtmlTree(html), [], grids);
  return grids;
}
