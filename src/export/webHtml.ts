// 网页版: the report as an HTML fragment a clerk pastes into the government website's CMS
// editor (or uploads as a .html file): semantic tables (caption, th with scope, every value
// cell tied to its headers by `headers`, so a screen reader reads 「（三）不予公开 1.属于国家秘密
// 自然人」 for a figure, as 适老化/无障碍 rules ask), inline styles only, no class, ids only
// on table headers, no script, no external resource. Loaded on demand from the export step.
import { type Report, type TableKey, SECTIONS, allValues, formatCell, reportTitle, sectionTitle } from '../report';
import { type LayoutRow, type TableLayout, TABLE_LAYOUTS, place } from '../report/tableLayout';
import { type NarrativeBlock, narrativeBlocks } from './narrative';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

// Plain system fonts the CMS page already has; sizes in px as CMS editors keep them.
const S = {
  title: 'text-align:center;font-size:22px;font-weight:bold;line-height:1.5;margin:0 0 16px;',
  h2: 'font-size:18px;font-weight:bold;margin:20px 0 8px;',
  h3: 'font-size:16px;font-weight:bold;margin:12px 0 6px;text-indent:2em;',
  p: 'font-size:16px;line-height:1.8;margin:0 0 8px;text-indent:2em;text-align:justify;',
  table: 'border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:14px;line-height:1.5;',
  // A table wider than a phone's column scrolls within it, not the whole page (表四 needs ~410 px).
  scroll: 'overflow-x:auto;max-width:100%;',
  caption: 'caption-side:top;font-weight:bold;padding:4px 0;text-align:center;',
  th: 'border:1px solid #333;padding:4px 6px;font-weight:normal;text-align:center;vertical-align:middle;background:#f3f3f3;',
  thLabel:
    'border:1px solid #333;padding:4px 6px;font-weight:normal;text-align:left;vertical-align:middle;background:#f3f3f3;',
  td: 'border:1px solid #333;padding:4px 6px;text-align:center;vertical-align:middle;',
} as const;

const TABLE_NAMES: Record<TableKey, string> = { proactive: '表二', requests: '表三', reviews: '表四' };

const span = (rowSpan: number, colSpan: number): string =>
  `${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ''}${colSpan > 1 ? ` colspan="${colSpan}"` : ''}`;

/**
 * Rows of one table part (its head, or one block) with every value cell's `headers`: the
 * header cells above its column and the labels beside its row, in reading order.
 */
function partHtml(
  layout: TableLayout,
  rows: readonly LayoutRow[],
  headAbove: readonly { id: string; col: number; colSpan: number }[],
  idPrefix: string,
  values: Map<string, number | null>,
): { html: string[]; heads: { id: string; col: number; colSpan: number }[] } {
  const placed = place(rows);
  const ids = new Map<(typeof placed)[number], string>();
  placed.forEach((p, i) => {
    if (p.cell.kind === 'header') ids.set(p, `${idPrefix}-${i}`);
  });
  // Column headers of this part: header cells in rows that hold no value.
  const valueRows = new Set(placed.filter((p) => p.cell.kind === 'value').map((p) => p.row));
  const heads = [
    ...headAbove,
    ...placed
      .filter((p) => p.cell.kind === 'header' && !valueRows.has(p.row))
      .map((p) => ({ id: ids.get(p)!, col: p.col, colSpan: p.cell.colSpan })),
  ];
  const html = rows.map((_row, ri) => {
    const cells = placed
      .filter((p) => p.row === ri)
      .map((p) => {
        const c = p.cell;
        if (c.kind === 'header') {
          const style = c.role === 'label' || c.role === 'corner' ? S.thLabel : S.th;
          return `<th id="${ids.get(p)}" scope="${c.scope}"${span(c.rowSpan, c.colSpan)} style="${style}">${esc(c.text)}</th>`;
        }
        const cols = heads.filter((h) => h.col <= p.col && p.col < h.col + h.colSpan && h.col >= 0).map((h) => h.id);
        // Label cells spanning this row (groups above it included), left of the value.
        const labels = placed
          .filter(
            (q) =>
              q.cell.kind === 'header' &&
              valueRows.has(q.row) &&
              q.row <= ri &&
              ri < q.row + q.cell.rowSpan &&
              q.col < layout.labelColumns,
          )
          .map((q) => ids.get(q)!);
        const v = formatCell(values.get(c.path) ?? null, c.unit);
        return `<td headers="${[...labels, ...cols].join(' ')}"${span(1, c.colSpan)} style="${S.td}">${esc(v)}</td>`;
      });
    return `<tr>${cells.join('')}</tr>`;
  });
  return { html, heads };
}

function tableHtml(table: TableKey, values: Map<string, number | null>, heading: string, year: number | null): string {
  const layout = TABLE_LAYOUTS[table];
  // The year keeps ids apart when a site puts two years' reports on one page.
  const prefix = `nb${year ?? ''}-${table}`;
  const head = partHtml(layout, layout.head, [], `${prefix}-h`, values);
  const bodies = layout.blocks.map((b, i) => {
    const part = partHtml(layout, [...b.head, ...b.rows], head.heads, `${prefix}-b${i}`, values);
    return `<tbody>${part.html.join('')}</tbody>`;
  });
  return `<div style="${S.scroll}"><table style="${S.table}"><caption style="${S.caption}">${esc(`${TABLE_NAMES[table]} ${heading}`)}</caption>${
    layout.head.length ? `<thead>${head.html.join('')}</thead>` : ''
  }${bodies.join('')}</table></div>`;
}

const blockHtml = (b: NarrativeBlock): string =>
  b.kind === 'heading'
    ? `<h3 style="${S.h3}">${esc(b.text)}</h3>`
    : `<p style="${S.p}">${b.lines.map(esc).join('<br>')}</p>`;

/** The report as an HTML fragment for a CMS editor: the same words and figures as the print. */
export function renderWebFragment(report: Report): string {
  const values = allValues(report.cells);
  const parts = [`<h1 style="${S.title}">${esc(reportTitle(report.agency, report.year))}</h1>`];
  for (const s of SECTIONS) {
    parts.push(`<h2 style="${S.h2}">${esc(sectionTitle(s))}</h2>`);
    if (s.key === 'overview' || s.key === 'problems' || s.key === 'otherMatters')
      parts.push(...narrativeBlocks(report, s.key).map(blockHtml));
    else parts.push(tableHtml(s.key, values, s.heading, report.year));
  }
  return `${parts.join('\n')}\n`;
}

/** The same words as plain text, for editors that take only text: tables as tab-separated rows. */
export function renderWebText(report: Report): string {
  const values = allValues(report.cells);
  const out = [reportTitle(report.agency, report.year), ''];
  for (const s of SECTIONS) {
    out.push(sectionTitle(s));
    if (s.key === 'overview' || s.key === 'problems' || s.key === 'otherMatters') {
      for (const b of narrativeBlocks(report, s.key)) out.push(b.kind === 'heading' ? b.text : b.lines.join('\n'));
    } else {
      const layout = TABLE_LAYOUTS[s.key];
      for (const r of [...layout.head, ...layout.blocks.flatMap((b) => [...b.head, ...b.rows])]) {
        out.push(
          r.cells
            .map((c) => (c.kind === 'header' ? c.text : formatCell(values.get(c.path) ?? null, c.unit)))
            .join('\t'),
        );
      }
    }
    out.push('');
  }
  return out.join('\n');
}

/** The downloadable .html fragment: the same markup, with a BOM so a browser opening the file reads it as UTF-8. */
export function renderWebFile(report: Report): string {
  return `\uFEFF${renderWebFragment(report)}`;
}
