// Tables 二, 三, 四 read by their labels, not by position alone: a row is found by its
// label wherever it stands on the line, and its numbers are the cells after the label.
import { cellPath, cellShortLabel, rowLabel } from '../cells';
import {
  type CellUnit,
  type RowDecl,
  PROACTIVE_BLOCK_FIRST_HEADER,
  PROACTIVE_BLOCKS,
  REQUESTS_COLUMNS,
  REQUESTS_ROWS,
  REQUESTS_SUBGROUPS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
} from '../format';
import { parseCell } from '../numbers';
import { isLabelCell, normLabel, withoutMarker, withoutNote } from './labels';
import { type Line, isBlank } from './lines';
import type { TableSink } from './types';

/** The cells after a label: surrounding blanks dropped, inner blanks kept (a blank is not zero). */
function valuesAfter(cells: readonly string[], from: number): string[] {
  const rest = cells.slice(from);
  let a = 0;
  let b = rest.length;
  while (a < b && rest[a] === '') a++;
  while (b > a && rest[b - 1] === '') b--;
  return rest.slice(a, b);
}

const TABLE_NAME = { proactive: '表二', requests: '表三', reviews: '表四' } as const;

/** A cell named for a problem message: 「表三 （三）不予公开 1.属于国家秘密 自然人」. */
export const cellName = (path: string): string =>
  `${TABLE_NAME[path.split('.')[0] as keyof typeof TABLE_NAME] ?? ''} ${cellShortLabel(path)}`;

/** One number into the sink; a blank or unreadable cell stays null and is reported. */
function put(
  sink: TableSink,
  path: string,
  text: string,
  unit: CellUnit,
  line: Line,
  section: 'proactive' | 'requests' | 'reviews',
): number | null {
  sink.cellSources[path] = line.raw;
  sink.cellTexts[path] = text;
  const r = parseCell(text, unit);
  if (!r.ok) {
    sink.problems.push({ message: `${cellName(path)}：${r.message}`, source: line.raw, section, cells: [path] });
    return null;
  }
  if (r.value === null) {
    sink.problems.push({ message: `${cellName(path)}：原文为空格`, source: line.raw, section, cells: [path] });
  }
  return r.value;
}

// ---------------------------------------------------------------- 表二

export function readProactive(lines: readonly Line[], sink: TableSink): void {
  const blockHeaders = PROACTIVE_BLOCKS.map((b) => normLabel(b.header));
  for (const block of PROACTIVE_BLOCKS) {
    const paths = (row: RowDecl) => block.columns.map((c) => cellPath('proactive', row.keys, c.key));
    // The block's own header row (信息内容 …) must name the 2021 columns, or its numbers mean something else (2019 format).
    const start = lines.findIndex((l) => l.cells.some((c) => normLabel(c) === normLabel(block.header)));
    if (start >= 0) {
      let header: Line | null = null;
      for (let i = start + 1; i < lines.length; i++) {
        const cells = lines[i]!.cells.filter((c) => c !== '');
        if (cells.some((c) => blockHeaders.includes(normLabel(c)))) break;
        if (cells[0] !== undefined && normLabel(cells[0]) === PROACTIVE_BLOCK_FIRST_HEADER) {
          header = lines[i]!;
          break;
        }
      }
      const named = header ? header.cells.filter((c) => c !== '').slice(1) : null;
      if (
        header &&
        named &&
        named.map(normLabel).join('|') !== block.columns.map((c) => normLabel(c.label)).join('|')
      ) {
        sink.problems.push({
          message: `表二「${block.header}」：表头为「${named.join('、')}」，不是 2021 年格式的「${block.columns
            .map((c) => c.label)
            .join('、')}」，${block.rows.map((r) => `「${r.label}」`).join('')}未读取`,
          source: header.raw,
          section: 'proactive',
          cells: block.rows.flatMap(paths),
        });
        continue;
      }
    }
    for (const row of block.rows) {
      const label = normLabel(row.label);
      const line = lines.find((l) => l.cells.some((c) => normLabel(c) === label));
      if (!line) {
        sink.problems.push({
          message: `表二：未找到「${row.label}」行`,
          source: '',
          section: 'proactive',
          cells: paths(row),
        });
        continue;
      }
      const labelAt = line.cells.findIndex((c) => normLabel(c) === label);
      const want = paths(row);
      let values = valuesAfter(line.cells, labelAt + 1);
      if (values.length !== want.length) values = values.filter((v) => v !== '');
      if (values.length < want.length) {
        sink.problems.push({
          message: `表二「${row.label}」：应有 ${want.length} 个数，只读到 ${values.length} 个`,
          source: line.raw,
          section: 'proactive',
          cells: want,
        });
        continue;
      }
      want.forEach((p, i) => {
        sink.cells[p] = put(sink, p, values[i]!, block.columns[i]!.unit, line, 'proactive');
      });
    }
  }
}

// ---------------------------------------------------------------- 表三

type SubgroupKey = (typeof REQUESTS_SUBGROUPS)[number]['key'];

const SUBGROUP_BY_LABEL = new Map<string, SubgroupKey>(
  REQUESTS_SUBGROUPS.flatMap((g) => [
    [normLabel(g.label), g.key] as const,
    [withoutMarker(normLabel(g.label)), g.key] as const,
  ]),
);

const subgroupOf = (row: RowDecl): SubgroupKey | null => (row.keys.length > 1 ? (row.keys[0] as SubgroupKey) : null);

/** The row a label names, in the group context when the label alone is ambiguous or abridged. */
function matchRequestsRow(cell: string, context: SubgroupKey | null): RowDecl | null {
  const n = normLabel(cell);
  const tries: ((r: RowDecl) => boolean)[] = [
    (r) => normLabel(r.label) === n,
    (r) => withoutNote(normLabel(r.label)) === withoutNote(n),
    // 「其他」 alone, or an item whose number was lost: only within the group it follows.
    (r) => context !== null && subgroupOf(r) === context && withoutMarker(normLabel(r.label)) === withoutMarker(n),
  ];
  for (const t of tries) {
    const hits = REQUESTS_ROWS.filter(t);
    if (hits.length === 1) return hits[0]!;
    const inContext = hits.filter((r) => subgroupOf(r) === context);
    if (inContext.length === 1) return inContext[0]!;
  }
  return null;
}

const requestsPaths = (row: RowDecl) => REQUESTS_COLUMNS.map((c) => cellPath('requests', row.keys, c.key));

export function readRequests(lines: readonly Line[], sink: TableSink): void {
  const applicantCount = REQUESTS_COLUMNS.filter((c) => !c.derived).length;
  const read = new Set<RowDecl>();
  const subgroupLines = new Map<SubgroupKey, { values: string[]; line: Line }>();
  let context: SubgroupKey | null = null;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const labelAt = line.cells.map((c, i) => (isLabelCell(c) ? i : -1)).filter((i) => i >= 0);
    const last = labelAt[labelAt.length - 1];
    const values = last === undefined ? valuesAfter(line.cells, 0) : valuesAfter(line.cells, last + 1);
    if (last === undefined) {
      if (values.length) {
        sink.problems.push({
          message: '表三：一行数字前没有行名，未读取',
          source: line.raw,
          section: 'requests',
          cells: [],
        });
      }
      continue;
    }
    let lineSubgroup: SubgroupKey | null = null;
    for (const i of labelAt) {
      const g = SUBGROUP_BY_LABEL.get(normLabel(line.cells[i]!));
      if (g && /^\(/.test(normLabel(line.cells[i]!))) lineSubgroup = g;
    }
    if (lineSubgroup) context = lineSubgroup;
    if (!values.length) continue; // header lines, group labels alone
    const row = matchRequestsRow(line.cells[last]!, context);
    if (!row) {
      if (lineSubgroup && SUBGROUP_BY_LABEL.get(normLabel(line.cells[last]!)) === lineSubgroup) {
        subgroupLines.set(lineSubgroup, { values, line });
      } else {
        sink.problems.push({
          message: `表三：未能识别的行「${line.cells[last]}」，未读取`,
          source: line.raw,
          section: 'requests',
          cells: [],
        });
      }
      continue;
    }
    context = subgroupOf(row);
    const paths = requestsPaths(row);
    if (read.has(row)) {
      sink.problems.push({
        message: `表三：「${rowLabel(row)}」行出现了两次，只读取第一次`,
        source: line.raw,
        section: 'requests',
        cells: paths,
      });
      continue;
    }
    read.add(row);
    let vals = values;
    if (vals.length !== applicantCount && vals.length !== applicantCount + 1) vals = vals.filter((v) => v !== '');
    if (vals.length !== applicantCount && vals.length !== applicantCount + 1) {
      sink.problems.push({
        message: `表三「${rowLabel(row)}」：应有 ${applicantCount + 1} 个数（含总计），读到 ${vals.length} 个，未读取`,
        source: line.raw,
        section: 'requests',
        cells: paths,
      });
      continue;
    }
    vals.forEach((text, i) => {
      const path = paths[i]!;
      const derived = row.derived || i === applicantCount;
      if (!derived) {
        sink.cells[path] = put(sink, path, text, 'count', line, 'requests');
        return;
      }
      sink.cellSources[path] = line.raw;
      sink.cellTexts[path] = text;
      const r = parseCell(text, 'count');
      if (r.ok && r.value !== null) sink.totals.push({ path, published: r.value, computed: null, source: line.raw });
      else if (!r.ok)
        sink.problems.push({
          message: `${cellName(path)}：${r.message}`,
          source: line.raw,
          section: 'requests',
          cells: [path],
        });
    });
  }

  for (const g of REQUESTS_SUBGROUPS) {
    const items = REQUESTS_ROWS.filter((r) => subgroupOf(r) === g.key);
    const single = subgroupLines.get(g.key);
    if (single && !items.some((r) => read.has(r))) {
      // The 2019 format has one （六） row: which item its numbers belong to cannot be known.
      sink.problems.push({
        message: `表三「${g.label}」只有一行合计（2019 年格式），没有分成 ${items.length} 项，无法判断各属哪一项，未读取：请导入后按 2021 年格式填写`,
        source: single.line.raw,
        section: 'requests',
        cells: items.flatMap(requestsPaths),
        unreadRow: g.label,
      });
      for (const r of items) read.add(r);
    } else if (single) {
      checkSubtotal(g.label, items, single, sink);
    }
  }
  for (const row of REQUESTS_ROWS) {
    if (read.has(row) || row.derived) continue;
    sink.problems.push({
      message: `表三：未找到「${rowLabel(row)}」行`,
      source: '',
      section: 'requests',
      cells: requestsPaths(row),
    });
  }
}

/** A printed subtotal row of （三）–（六）: not part of the format, but checked against its items. */
function checkSubtotal(
  label: string,
  items: readonly RowDecl[],
  single: { values: string[]; line: Line },
  sink: TableSink,
): void {
  REQUESTS_COLUMNS.forEach((col, i) => {
    if (col.derived) return;
    const r = parseCell(single.values[i] ?? '', 'count');
    if (!r.ok || r.value === null) return;
    const parts = items.map((row) => sink.cells[cellPath('requests', row.keys, col.key)] ?? null);
    if (parts.some((p) => p === null)) return;
    const sum = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== r.value) {
      sink.problems.push({
        message: `表三「${label}」${col.label}：原文小计为 ${r.value}，各项相加为 ${sum}`,
        source: single.line.raw,
        section: 'requests',
        cells: items.map((row) => cellPath('requests', row.keys, col.key)),
      });
    }
  });
}

// ---------------------------------------------------------------- 表四

export function readReviews(lines: readonly Line[], sink: TableSink): void {
  const columnByLabel = new Map(REVIEWS_COLUMNS.map((c) => [normLabel(c.label), c.key]));
  const all = REVIEWS_GROUPS.flatMap((g) => REVIEWS_COLUMNS.map((c) => cellPath('reviews', g.keys, c.key)));
  // The number row: mostly numbers (a leading 「数量」 or the like is tolerated).
  const at = lines.findIndex((l) => {
    const cells = l.cells.filter((c) => c !== '');
    return cells.filter((c) => !isLabelCell(c)).length >= 8 && cells.filter(isLabelCell).length <= 1;
  });
  if (at < 0) {
    sink.problems.push({ message: '表四：未找到数字行', source: '', section: 'reviews', cells: all });
    return;
  }
  const line = lines[at]!;
  // The header names each number's column, in order; a new group starts when a column label repeats.
  const headerKeys = lines
    .slice(0, at)
    .flatMap((l) => l.cells.map((c) => columnByLabel.get(normLabel(c))).filter((k): k is string => k !== undefined));
  const groups: string[][] = [];
  for (const k of headerKeys) {
    const cur = groups[groups.length - 1];
    if (!cur || cur.includes(k)) groups.push([k]);
    else cur.push(k);
  }
  let layout = groups.flatMap((keys, gi) => keys.map((k) => ({ group: gi, key: k })));
  const values = line.cells.filter((v) => v !== '' && !isLabelCell(v));
  const inputs = REVIEWS_COLUMNS.filter((c) => !c.derived).map((c) => c.key);
  if (layout.length !== values.length || groups.length !== REVIEWS_GROUPS.length) {
    const cols = values.length === REVIEWS_GROUPS.length * inputs.length ? inputs : REVIEWS_COLUMNS.map((c) => c.key);
    layout = REVIEWS_GROUPS.flatMap((_, gi) => cols.map((k) => ({ group: gi, key: k })));
  }
  if (layout.length !== values.length) {
    sink.problems.push({
      message: `表四：应有 ${REVIEWS_GROUPS.length * REVIEWS_COLUMNS.length} 个数，读到 ${values.length} 个，未读取`,
      source: line.raw,
      section: 'reviews',
      cells: all,
    });
    return;
  }
  layout.forEach(({ group, key }, i) => {
    const path = cellPath('reviews', REVIEWS_GROUPS[group]!.keys, key);
    const text = values[i]!;
    if (!REVIEWS_COLUMNS.find((c) => c.key === key)!.derived) {
      sink.cells[path] = put(sink, path, text, 'count', line, 'reviews');
      return;
    }
    sink.cellSources[path] = line.raw;
    sink.cellTexts[path] = text;
    const r = parseCell(text, 'count');
    if (r.ok && r.value !== null) sink.totals.push({ path, published: r.value, computed: null, source: line.raw });
    else if (!r.ok)
      sink.problems.push({
        message: `${cellName(path)}：${r.message}`,
        source: line.raw,
        section: 'reviews',
        cells: [path],
      });
  });
  for (const g of REVIEWS_GROUPS) {
    const missing = inputs.filter((k) => !layout.some((x) => REVIEWS_GROUPS[x.group] === g && x.key === k));
    if (missing.length) {
      sink.problems.push({
        message: `表四「${g.label}」：缺少 ${missing.map((k) => REVIEWS_COLUMNS.find((c) => c.key === k)!.label).join('、')}`,
        source: line.raw,
        section: 'reviews',
        cells: missing.map((k) => cellPath('reviews', g.keys, k)),
      });
    }
  }
}
