// A table of the import preview drawn from the shared layout (src/report/tableLayout.ts),
// so it looks like the template the clerk knows: table 四 is one row of fifteen. Each value
// cell shows what was read, or the original's own text for it; a doubtful cell says why in words.
import type { ReactNode } from 'react';
import { type CellPath, type TableKey, formatCell, section, sectionTitle } from '../report';
import type { ParseOutcome } from '../report/parse';
import { type LayoutCell, type LayoutRow, TABLE_LAYOUTS } from '../report/tableLayout';

export type PreviewView = 'read' | 'original';

/** Why a cell is doubtful, in a few words that fit the cell (the full message is its description). */
export interface Doubt {
  short: string;
  /** Ids of the problem items that explain it. */
  describedBy: string[];
}

interface PreviewTableProps {
  table: TableKey;
  outcome: ParseOutcome;
  values: Map<CellPath, number | null>;
  doubts: Map<CellPath, Doubt>;
  view: PreviewView;
}

export function PreviewTable({ table, outcome, values, doubts, view }: PreviewTableProps) {
  const layout = TABLE_LAYOUTS[table];
  const title = sectionTitle(section(table));
  const row = (r: LayoutRow, key: number) => (
    <tr key={key}>
      {r.cells.map((c, i) => (
        <PreviewCell key={i} cell={c} outcome={outcome} values={values} doubts={doubts} view={view} />
      ))}
    </tr>
  );
  return (
    <table className={`import-grid import-grid--${table}${view === 'original' ? ' import-grid--original' : ''}`}>
      <caption className="import-visually-hidden">{`${title}（${view === 'read' ? '读到的数字' : '原文'}）`}</caption>
      {layout.head.length ? <thead>{layout.head.map(row)}</thead> : null}
      {layout.blocks.map((b, bi) => (
        <tbody key={bi}>{[...b.head, ...b.rows].map(row)}</tbody>
      ))}
    </table>
  );
}

function PreviewCell({
  cell,
  outcome,
  values,
  doubts,
  view,
}: {
  cell: LayoutCell;
  outcome: ParseOutcome;
  values: Map<CellPath, number | null>;
  doubts: Map<CellPath, Doubt>;
  view: PreviewView;
}) {
  if (cell.kind === 'header') {
    return (
      <th
        scope={cell.scope}
        rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
        colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
        className={`import-h-${cell.role}`}
      >
        {cell.text}
      </th>
    );
  }
  const p = cell.path;
  const doubt = doubts.get(p);
  const v = values.get(p) ?? null;
  const raw = outcome.cellTexts[p];
  let shown: ReactNode;
  if (view === 'original') {
    shown = raw === undefined ? <span className="import-missing">未找到</span> : raw.trim() || '（空）';
  } else {
    shown = v === null ? <span className="import-missing">空</span> : formatCell(v, cell.unit);
  }
  return (
    <td
      data-path={p}
      colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
      className={doubt ? 'import-flagged' : v === null && view === 'read' ? 'import-blank' : undefined}
      aria-describedby={doubt?.describedBy.join(' ') || undefined}
      tabIndex={doubt ? -1 : undefined}
    >
      {shown}
      {doubt && view === 'read' ? <span className="import-why">{doubt.short}</span> : null}
    </td>
  );
}
