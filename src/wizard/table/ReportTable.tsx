// Tables 二, 三 and 四 drawn from the shared layout description (src/report/tableLayout.ts),
// the one the print, Word, the web page and the import preview draw from: header rows with
// their spans, label columns with their row spans, and a cell for every value path. The
// table components never subscribe to values: each cell and badge subscribes to its own
// path (see TableCell.tsx), and the rows are module constants so cells never remount.
import {
  type ClipboardEvent,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useMemo,
  useSyncExternalStore,
} from 'react';
import { type ColumnDecl, REQUESTS_COLUMNS, section, sectionTitle } from '../../report';
import { type LayoutCell, type LayoutRow, type TableLayout, TABLE_LAYOUTS } from '../../report/tableLayout';
import { useCellFindings, useCellValue, useReadOnly, useReportStore, useUndoRedo } from '../storeContext';
import { Cell, ControllerContext, FindingTexts, useController } from './TableCell';
import { TableController, parseClipboardBlock } from './controller';
import { neighbour } from './layout';
import { renderProbe } from './renderProbe';
import './ReportTable.css';

export type ReportTableKey = 'proactive' | 'requests' | 'reviews';

const hasTotals = (l: TableLayout): boolean =>
  [...l.head, ...l.blocks.flatMap((b) => [...b.head, ...b.rows])].some((r) =>
    r.cells.some((c) => c.kind === 'value' && c.derived),
  );
/** Whether a table has computed (grey) cells, for the legend that explains them. */
const HAS_TOTALS: Record<ReportTableKey, boolean> = {
  proactive: hasTotals(TABLE_LAYOUTS.proactive),
  requests: hasTotals(TABLE_LAYOUTS.requests),
  reviews: hasTotals(TABLE_LAYOUTS.reviews),
};

/** A header cell's class: the role says how it is set (a vertical group label, a block title…). */
function headerClass(c: LayoutCell & { kind: 'header' }): string | undefined {
  switch (c.role) {
    case 'corner':
      return 'rt-corner';
    case 'block':
      return 'rt-blockhead';
    case 'group':
      return `rt-label rt-label--d${c.depth ?? 0}${c.rowSpan > 1 ? ' rt-label--group' : ''}`;
    case 'label':
      return `rt-label rt-label--d${c.depth ?? 0}`;
    default:
      return undefined;
  }
}

/** One row of the layout: <th> for its labels and headers, an input cell for each value path. */
function Row({ row }: { row: LayoutRow }) {
  return (
    <tr className={row.decl?.derived ? 'rt-row--derived' : undefined}>
      {row.cells.map((c, i) =>
        c.kind === 'header' ? (
          <th
            key={`h${i}`}
            scope={c.scope}
            rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
            colSpan={c.colSpan > 1 ? c.colSpan : undefined}
            className={headerClass(c)}
          >
            {c.text}
          </th>
        ) : (
          <td key={c.path} colSpan={c.colSpan > 1 ? c.colSpan : undefined}>
            <Cell path={c.path} />
          </td>
        ),
      )}
    </tr>
  );
}

const rowKey = (r: LayoutRow, i: number) => (r.decl ? r.decl.keys.join('.') : `r${i}`);

function Head({ layout }: { layout: TableLayout }) {
  return layout.head.length ? (
    <thead>
      {layout.head.map((r, i) => (
        <Row key={i} row={r} />
      ))}
    </thead>
  ) : null;
}

// ---------------------------------------------------------------- 表二

const PROACTIVE = TABLE_LAYOUTS.proactive;

function ProactiveTable() {
  if (import.meta.env.MODE === 'test') renderProbe.record?.('table:proactive');
  return (
    <table className="rt rt--proactive" aria-label={sectionTitle(section('proactive'))}>
      <colgroup>
        <col className="rt-col-label" />
        {Array.from({ length: PROACTIVE.width - PROACTIVE.labelColumns }, (_, i) => (
          <col key={i} />
        ))}
      </colgroup>
      {/* Each block is its own tbody, its header rows first (第二十条第（一）项, 信息内容…). */}
      {PROACTIVE.blocks.map((b, bi) => (
        <tbody key={bi} className="rt-block">
          {[...b.head, ...b.rows].map((r, i) => (
            <Row key={rowKey(r, i)} row={r} />
          ))}
        </tbody>
      ))}
    </table>
  );
}

// ---------------------------------------------------------------- 表三

const REQUESTS = TABLE_LAYOUTS.requests;

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** E1 for one column of table 三: the signed difference while it is off, green when it balances. */
function BalanceBadge({ column }: { column: ColumnDecl }) {
  const p = (row: string) => `requests.${row}.${column.key}`;
  if (import.meta.env.MODE === 'test') renderProbe.record?.(`balance:${column.key}`);
  const [a, b, c, d] = [
    useCellValue(p('newReceived')),
    useCellValue(p('carriedOver')),
    useCellValue(p('handledTotal')),
    useCellValue(p('carriedForward')),
  ];
  const filled = [a, b, c, d].some((v) => v !== null);
  // From the figures, not from E1: the 总计 column has no finding of its own (its imbalance is
  // its columns'), yet its badge still shows the sum of theirs.
  const difference = (c ?? 0) + (d ?? 0) - ((a ?? 0) + (b ?? 0));
  const e1 = useCellFindings(p('newReceived')).find((f) => f.rule === 'E1');
  const state = filled && difference !== 0 ? 'off' : filled ? 'ok' : 'empty';
  return (
    // The box is the layout boundary; the badge's own class changes stay inside it.
    <div className="rt-balancebox">
      <output
        className={`rt-balance rt-balance--${state}`}
        aria-label={`${column.label}列勾稽差额`}
        title={e1?.message}
      >
        {state === 'off' ? `相差 ${signed(difference)}` : filled ? '✓ 平衡' : '—'}
      </output>
    </div>
  );
}

function RequestsTable() {
  if (import.meta.env.MODE === 'test') renderProbe.record?.('table:requests');
  return (
    <table className="rt rt--requests" aria-label={sectionTitle(section('requests'))}>
      <colgroup>
        <col className="rt-col-g0" />
        <col className="rt-col-g1" />
        <col className="rt-col-label" />
        {REQUESTS_COLUMNS.map((c) => (
          <col key={c.key} className="rt-col-num" />
        ))}
      </colgroup>
      <Head layout={REQUESTS} />
      <tbody>
        {REQUESTS.blocks[0]!.rows.map((r, i) => (
          <Row key={rowKey(r, i)} row={r} />
        ))}
      </tbody>
      <tfoot>
        <tr className="rt-balancerow">
          <th colSpan={REQUESTS.labelColumns} scope="row" className="rt-label">
            勾稽差额：（三(七)+四）−（一+二），应为 0
          </th>
          {REQUESTS_COLUMNS.map((c) => (
            <td key={c.key}>
              <BalanceBadge column={c} />
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

// ---------------------------------------------------------------- 表四

const REVIEWS = TABLE_LAYOUTS.reviews;

function ReviewsTable() {
  if (import.meta.env.MODE === 'test') renderProbe.record?.('table:reviews');
  return (
    <table className="rt rt--reviews" aria-label={sectionTitle(section('reviews'))}>
      <Head layout={REVIEWS} />
      <tbody>
        {REVIEWS.blocks[0]!.rows.map((r, i) => (
          <Row key={rowKey(r, i)} row={r} />
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------- toolbar

function UndoRedoButtons() {
  const ctl = useController();
  // The labels change with each new cell typed in; they follow in a transition, not inside the keystroke.
  const { undo, redo } = useUndoRedo();
  const readOnly = useReadOnly();
  // Short visible words keep the toolbar steady; what would be taken back is in the name and tooltip.
  const undoName = undo ? `撤销「${ctl.describe(undo)}」` : '撤销';
  const redoName = redo ? `重做「${ctl.describe(redo)}」` : '重做';
  return (
    <>
      <button
        type="button"
        className="rt-btn"
        disabled={!undo || readOnly}
        onClick={() => ctl.undo()}
        aria-label={undoName}
        title={`${undoName}（Ctrl+Z）`}
      >
        撤销
      </button>
      <button
        type="button"
        className="rt-btn"
        disabled={!redo || readOnly}
        onClick={() => ctl.redo()}
        aria-label={redoName}
        title={`${redoName}（Ctrl+Y 或 Ctrl+Shift+Z）`}
      >
        重做
      </button>
    </>
  );
}

function FillZerosButton() {
  const ctl = useController();
  const store = useReportStore();
  // The count comes from rule E3 (this table's blanks); a number snapshot re-renders only when it changes.
  const readOnly = useReadOnly();
  const blanks = useSyncExternalStore(store.subscribeFindings, () => {
    const e3 = store.getFindings().find((f) => f.rule === 'E3' && f.section === ctl.table);
    return e3 ? e3.cells.length : 0;
  });
  return (
    <button type="button" className="rt-btn" disabled={blanks === 0 || readOnly} onClick={() => ctl.fillZeros()}>
      本表其余空格填 0{blanks ? `（${blanks} 格）` : ''}
    </button>
  );
}

function StatusLine() {
  const ctl = useController();
  const status = useSyncExternalStore(ctl.subscribeStatus, ctl.getStatus);
  return (
    <p role="status" className="rt-status">
      {status}
    </p>
  );
}

// ---------------------------------------------------------------- the table

const BODIES: Record<ReportTableKey, () => ReactNode> = {
  proactive: ProactiveTable,
  requests: RequestsTable,
  reviews: ReviewsTable,
};

function caretAtStart(el: HTMLInputElement): boolean {
  return el.selectionStart === 0 && (el.selectionEnd === 0 || el.selectionEnd === el.value.length);
}
function caretAtEnd(el: HTMLInputElement): boolean {
  const n = el.value.length;
  return el.selectionEnd === n && (el.selectionStart === n || el.selectionStart === 0);
}

/**
 * One of the report's tables (二 `proactive`, 三 `requests`, 四 `reviews`) with
 * spreadsheet entry: arrows/Enter move, a block pasted from Excel/WPS fills from the
 * focused cell, Ctrl+Z undoes, 「本表其余空格填 0」. Must sit inside ReportStoreProvider.
 * Every input is named by its JSON path, so `input[name="requests.newReceived.natural"]` finds it.
 * `notes`: shown between the toolbar and the table (table 三's balance in words).
 */
export function ReportTable({ table, notes }: { table: ReportTableKey; notes?: ReactNode }) {
  if (import.meta.env.MODE === 'test') renderProbe.record?.(`ReportTable:${table}`);
  const store = useReportStore();
  const ctl = useMemo(() => new TableController(table, store), [table, store]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.nativeEvent.isComposing) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey) {
        const key = e.key.toLowerCase();
        if (key === 'z' && !e.shiftKey) {
          e.preventDefault();
          ctl.undo();
          return;
        }
        if (key === 'y' || (key === 'z' && e.shiftKey)) {
          e.preventDefault();
          ctl.redo();
          return;
        }
      }
      const el = e.target;
      if (!(el instanceof HTMLInputElement) || !el.name || e.altKey || e.ctrlKey || e.metaKey) return;
      let move: [number, number] | null = null;
      if (e.key === 'ArrowUp') move = [-1, 0];
      else if (e.key === 'ArrowDown') move = [1, 0];
      else if (e.key === 'Enter') move = e.shiftKey ? [-1, 0] : [1, 0];
      else if (e.key === 'ArrowLeft' && caretAtStart(el)) move = [0, -1];
      else if (e.key === 'ArrowRight' && caretAtEnd(el)) move = [0, 1];
      if (!move) return;
      e.preventDefault();
      const next = neighbour(ctl.grid, el.name, move[0], move[1]);
      if (next) e.currentTarget.querySelector<HTMLInputElement>(`input[name="${next}"]`)?.focus();
    },
    [ctl],
  );

  const onPaste = useCallback(
    (e: ClipboardEvent<HTMLDivElement>) => {
      const el = e.target;
      if (!(el instanceof HTMLInputElement) || !el.name || store.isReadOnly()) return;
      const block = parseClipboardBlock(e.clipboardData.getData('text/plain'));
      // One value behaves exactly like typing it (the input event validates it).
      if (block.length === 1 && block[0]!.length === 1) return;
      e.preventDefault();
      ctl.paste(el.name, block);
    },
    [ctl, store],
  );

  const Body = BODIES[table];
  return (
    <ControllerContext.Provider value={ctl}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: keys and pastes bubble up from the cells' inputs; the wrapper itself takes no focus */}
      <div className={`rt-wrap rt-wrap--${table}`} onKeyDown={onKeyDown} onPaste={onPaste}>
        <div className="rt-toolbar" role="toolbar" aria-label={`${sectionTitle(section(table))}表格操作`}>
          {/* Totals are told in words too, not only by their grey; table 二 has none. */}
          {HAS_TOTALS[table] ? (
            <span className="rt-legend">
              <span className="rt-swatch" aria-hidden="true" />
              灰色格：自动合计，不需填写
            </span>
          ) : null}
          <FillZerosButton />
          <UndoRedoButtons />
        </div>
        <StatusLine />
        {notes}
        <Body />
        <FindingTexts table={table} />
      </div>
    </ControllerContext.Provider>
  );
}
