// Tables 二, 三 and 四 laid out like the national template and generated from the
// declarations in src/report/format.ts. The table components never subscribe to
// values: each cell, total and badge subscribes to its own path (see cells.tsx), and
// columns, features and data live at module scope so cells never remount mid-typing.
import {
  type ClipboardEvent,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useMemo,
  useSyncExternalStore,
} from 'react';
import {
  type ColumnDef,
  type Header,
  type RowData,
  createColumnHelper,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import {
  type CellPath,
  type ColumnDecl,
  type ProactiveBlock,
  type RowDecl,
  PROACTIVE_BLOCKS,
  PROACTIVE_BLOCK_FIRST_HEADER,
  REQUESTS_APPLICANTS,
  REQUESTS_COLUMNS,
  REQUESTS_CORNER,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  cellPath,
  section,
  sectionTitle,
} from '../../report';
import { useCellFindings, useCellValue, useReadOnly, useReportStore, useUndoRedo } from '../storeContext';
import { Cell, ControllerContext, FindingTexts, useController } from './TableCell';
import { TableController, parseClipboardBlock } from './controller';
import { PROACTIVE_WIDTH, REQUESTS_LABEL_CELLS, REQUESTS_LABEL_DEPTH, neighbour } from './layout';
import { renderProbe } from './renderProbe';
import './ReportTable.css';

export type ReportTableKey = 'proactive' | 'requests' | 'reviews';

const features = tableFeatures({});
type Features = typeof features;

/** Wrap runs of consecutive items that share a group label into a group column. */
function nest<T, D extends RowData>(
  items: readonly T[],
  groupOf: (t: T) => string | undefined,
  leaf: (t: T) => ColumnDef<Features, D, unknown>,
  group: (label: string, columns: ColumnDef<Features, D, unknown>[]) => ColumnDef<Features, D, unknown>,
): ColumnDef<Features, D, unknown>[] {
  const out: ColumnDef<Features, D, unknown>[] = [];
  for (let i = 0; i < items.length; ) {
    const label = groupOf(items[i]!);
    if (label === undefined) {
      out.push(leaf(items[i]!));
      i++;
      continue;
    }
    const run: T[] = [];
    while (i < items.length && groupOf(items[i]!) === label) run.push(items[i++]!);
    out.push(group(label, run.map(leaf)));
  }
  return out;
}

/**
 * A row of grouped headers (v9's `header.rowSpan`): a header that a group above already
 * spans has rowSpan 0 and no cell; groups are `colgroup` headers, leaves `col`.
 */
function spannedHeaders<D extends RowData>(
  headers: readonly Header<Features, D, unknown>[],
  content: (h: Header<Features, D, unknown>) => ReactNode,
): ReactNode[] {
  return headers.map((h) =>
    h.rowSpan === 0 ? null : (
      <th key={h.id} colSpan={h.colSpan} rowSpan={h.rowSpan} scope={h.column.columns.length ? 'colgroup' : 'col'}>
        {content(h)}
      </th>
    ),
  );
}

// ---------------------------------------------------------------- 表二

const proactiveHelper = createColumnHelper<Features, RowDecl>();
const PROACTIVE_DATA: RowDecl[][] = PROACTIVE_BLOCKS.map((b) => [...b.rows]);
const PROACTIVE_COLUMNS: ColumnDef<Features, RowDecl, unknown>[][] = PROACTIVE_BLOCKS.map((b) => [
  proactiveHelper.display({ id: 'label', header: PROACTIVE_BLOCK_FIRST_HEADER, cell: ({ row }) => row.original.label }),
  ...b.columns.map((c) =>
    proactiveHelper.display({
      id: c.key,
      header: c.label,
      cell: ({ row }) => <Cell path={cellPath('proactive', row.original.keys, c.key)} />,
    }),
  ),
]);
const rowId = (r: RowDecl) => r.keys.join('.');

function ProactiveBlockRows({ block, index }: { block: ProactiveBlock; index: number }) {
  const table = useTable({
    features,
    columns: PROACTIVE_COLUMNS[index]!,
    data: PROACTIVE_DATA[index]!,
    getRowId: rowId,
  });
  // A block narrower than the widest one stretches its last column, as the template does.
  const span = (colIndex: number, count: number) => (colIndex === count - 1 ? PROACTIVE_WIDTH + 1 - (count - 1) : 1);
  return (
    <tbody className="rt-block">
      <tr>
        <th colSpan={PROACTIVE_WIDTH + 1} scope="colgroup" className="rt-blockhead">
          {block.header}
        </th>
      </tr>
      {table.getHeaderGroups().map((hg) => (
        <tr key={hg.id}>
          {hg.headers.map((h, i) => (
            <th key={h.id} scope="col" colSpan={span(i, hg.headers.length)}>
              <table.FlexRender header={h} />
            </th>
          ))}
        </tr>
      ))}
      {table.getRowModel().rows.map((row) => (
        <tr key={row.id}>
          {row.getAllCells().map((cell, i, all) =>
            cell.column.id === 'label' ? (
              <th key={cell.id} scope="row" className="rt-label">
                <table.FlexRender cell={cell} />
              </th>
            ) : (
              <td key={cell.id} colSpan={span(i, all.length)}>
                <table.FlexRender cell={cell} />
              </td>
            ),
          )}
        </tr>
      ))}
    </tbody>
  );
}

function ProactiveTable() {
  if (import.meta.env.MODE === 'test') renderProbe.record?.('table:proactive');
  return (
    <table className="rt rt--proactive" aria-label={sectionTitle(section('proactive'))}>
      <colgroup>
        <col className="rt-col-label" />
        {Array.from({ length: PROACTIVE_WIDTH }, (_, i) => (
          <col key={i} />
        ))}
      </colgroup>
      {PROACTIVE_BLOCKS.map((b, i) => (
        <ProactiveBlockRows key={b.header} block={b} index={i} />
      ))}
    </table>
  );
}

// ---------------------------------------------------------------- 表三

const requestsHelper = createColumnHelper<Features, RowDecl>();
const REQUESTS_DATA: RowDecl[] = [...REQUESTS_ROWS];
const requestsLeaf = (c: ColumnDecl) =>
  requestsHelper.display({
    id: c.key,
    header: c.label,
    cell: ({ row }) => <Cell path={cellPath('requests', row.original.keys, c.key)} />,
    footer: () => <BalanceBadge column={c} />,
  });
const REQUESTS_TABLE_COLUMNS: ColumnDef<Features, RowDecl, unknown>[] = [
  requestsHelper.group({
    id: 'applicants',
    header: REQUESTS_APPLICANTS,
    columns: nest(
      REQUESTS_COLUMNS,
      (c) => c.group,
      requestsLeaf,
      (label, columns) => requestsHelper.group({ id: label, header: label, columns }),
    ),
  }),
];

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
  const table = useTable({ features, columns: REQUESTS_TABLE_COLUMNS, data: REQUESTS_DATA, getRowId: rowId });
  const headerGroups = table.getHeaderGroups();
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
      <thead>
        {headerGroups.map((hg, i) => (
          <tr key={hg.id}>
            {i === 0 ? (
              <th colSpan={REQUESTS_LABEL_DEPTH} rowSpan={headerGroups.length} scope="col" className="rt-corner">
                {REQUESTS_CORNER}
              </th>
            ) : null}
            {spannedHeaders(hg.headers, (h) => (
              <table.FlexRender header={h} />
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row, i) => (
          <tr key={row.id} className={row.original.derived ? 'rt-row--derived' : undefined}>
            {REQUESTS_LABEL_CELLS[i]!.map((l) => (
              <th
                key={l.depth}
                scope={l.rowSpan > 1 ? 'rowgroup' : 'row'}
                rowSpan={l.rowSpan}
                colSpan={l.colSpan}
                className={`rt-label rt-label--d${l.depth}${l.rowSpan > 1 ? ' rt-label--group' : ''}`}
              >
                {l.text}
              </th>
            ))}
            {row.getAllCells().map((cell) => (
              <td key={cell.id}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="rt-balancerow">
          <th colSpan={REQUESTS_LABEL_DEPTH} scope="row" className="rt-label">
            勾稽差额：（三(七)+四）−（一+二），应为 0
          </th>
          {/* The bottom header row holds one real header per leaf column. */}
          {headerGroups[headerGroups.length - 1]!.headers.map((h) => (
            <td key={h.id}>
              <table.FlexRender footer={h} />
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

// ---------------------------------------------------------------- 表四

interface ReviewsRow {
  id: string;
}
const reviewsHelper = createColumnHelper<Features, ReviewsRow>();
const REVIEWS_DATA: ReviewsRow[] = [{ id: 'reviews' }];
const reviewsGroup = (g: RowDecl) =>
  reviewsHelper.group({
    id: rowId(g),
    header: g.label,
    columns: REVIEWS_COLUMNS.map((c) => {
      const path: CellPath = cellPath('reviews', g.keys, c.key);
      return reviewsHelper.display({ id: path, header: c.label, cell: () => <Cell path={path} /> });
    }),
  });
const REVIEWS_TABLE_COLUMNS = nest(
  REVIEWS_GROUPS,
  (g) => g.groups[0],
  reviewsGroup,
  (label, columns) => reviewsHelper.group({ id: label, header: label, columns }),
);

function ReviewsTable() {
  if (import.meta.env.MODE === 'test') renderProbe.record?.('table:reviews');
  const table = useTable({ features, columns: REVIEWS_TABLE_COLUMNS, data: REVIEWS_DATA, getRowId: (r) => r.id });
  return (
    <table className="rt rt--reviews" aria-label={sectionTitle(section('reviews'))}>
      <thead>
        {table.getHeaderGroups().map((hg) => (
          <tr key={hg.id}>
            {spannedHeaders(hg.headers, (h) => (
              <table.FlexRender header={h} />
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
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
          {/* Totals are told in words too, not only by their grey. */}
          <span className="rt-legend">
            <span className="rt-swatch" aria-hidden="true" />
            灰色格：自动合计，不需填写
          </span>
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
