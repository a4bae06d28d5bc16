// The list of received reports: TanStack Table for sorting and search, a category filter,
// and a small windowing of our own so 10,000 rows render as the ~30 in view.
import {
  type SortingState,
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_text,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { type ReactNode, memo, useEffect, useMemo, useRef, useState } from 'react';
import { INDICATORS, type IndicatorKey, percent } from '../report/summary';
import type { ListItem } from './model';

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text },
  filterFns: { includesString: filterFn_includesString },
});
type Features = typeof features;
const helper = createColumnHelper<Features, ListItem>();

const num = (v: number | null) => (v === null ? '—' : String(v));
const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : String(v));

function indicatorCell(key: IndicatorKey) {
  return (it: ListItem): ReactNode => {
    const o = it.outliers[key];
    return (
      <span
        className={o ? 'co-outlier' : undefined}
        title={o ? `与本汇总其他报告相比明显偏${o === 'high' ? '高' : '低'}` : undefined}
      >
        {percent(it[key])}
        {o ? (o === 'high' ? ' ↑异常' : ' ↓异常') : ''}
      </span>
    );
  };
}

const numberCol = (key: 'newReceived' | 'disclosed' | 'reconsideration' | 'litigation', header: string) =>
  helper.accessor((it) => it[key] ?? undefined, {
    id: key,
    header,
    sortUndefined: 'last',
    cell: ({ row }) => num(row.original[key]),
  });

const COLUMNS = helper.columns([
  helper.accessor('agency', {
    header: '机关',
    sortFn: 'text',
    cell: ({ row }) => row.original.agency || '（未填机关）',
  }),
  helper.accessor((it) => it.year ?? undefined, {
    id: 'year',
    header: '年度',
    sortUndefined: 'last',
    cell: ({ row }) =>
      row.original.otherYear ? (
        <span className="co-bad" title="不是本汇总年度的报告：不计入合计，也不算已报送">
          {num(row.original.year)}（非本年度）
        </span>
      ) : (
        num(row.original.year)
      ),
  }),
  helper.accessor((it) => (it.duplicateOf ? '重复' : it.status === 'final' ? '定稿' : '草稿'), {
    id: 'status',
    header: '状态',
    sortFn: 'text',
    cell: ({ row }) => {
      const it = row.original;
      return it.duplicateOf ? (
        <span className="co-dup" title={`同一机关同一年度另有较新的文件「${it.duplicateOf}」，本文件不计入`}>
          重复
        </span>
      ) : it.status === 'final' ? (
        '定稿'
      ) : (
        <span className="co-draft">草稿</span>
      );
    },
  }),
  helper.accessor('errors', {
    header: '错误',
    cell: ({ row }) => <span className={row.original.errors ? 'co-bad' : undefined}>{row.original.errors}</span>,
  }),
  helper.accessor('warnings', {
    header: '警告（已说明）',
    cell: ({ row }) => {
      const it = row.original;
      const yoy = it.yearOnYear;
      return yoy.length ? (
        <span
          className="co-yoy"
          title={yoy.map((f) => `${f.message}${f.explained ? '（已说明）' : ''}`).join('\n')}
          data-yoy={yoy.length}
        >
          {`${it.warnings}（${it.explained}），含与上年报告核对 ${yoy.length} 条`}
        </span>
      ) : (
        `${it.warnings}（${it.explained}）`
      );
    },
  }),
  numberCol('newReceived', '本年新收'),
  helper.accessor((it) => it.newReceivedChange ?? undefined, {
    id: 'newReceivedChange',
    header: '新收较上年',
    sortUndefined: 'last',
    cell: ({ row }) => signed(row.original.newReceivedChange),
  }),
  numberCol('disclosed', '予以公开'),
  numberCol('reconsideration', '行政复议'),
  numberCol('litigation', '行政诉讼'),
  ...INDICATORS.map((ind) =>
    helper.accessor((it) => it[ind.key] ?? undefined, {
      id: ind.key,
      header: () => <abbr title={`${ind.label} = ${ind.formula}`}>{ind.label}</abbr>,
      sortUndefined: 'last',
      cell: ({ row }) => indicatorCell(ind.key)(row.original),
    }),
  ),
  helper.accessor('fileName', {
    header: '文件',
    sortFn: 'text',
    cell: ({ row }) => <span title={row.original.fileName}>{row.original.fileName}</span>,
  }),
]);

type ListFilter = 'all' | 'final' | 'draft' | 'errors' | 'unexplained' | 'duplicate' | 'outlier' | 'otherYear';

const LIST_FILTERS: readonly { key: ListFilter; label: string; test: (it: ListItem) => boolean }[] = [
  { key: 'all', label: '全部', test: () => true },
  { key: 'final', label: '定稿', test: (it) => it.status === 'final' && !it.duplicateOf },
  { key: 'draft', label: '草稿', test: (it) => it.status === 'draft' && !it.duplicateOf },
  { key: 'errors', label: '有错误', test: (it) => it.errors > 0 },
  { key: 'unexplained', label: '有未说明的警告', test: (it) => it.warnings > it.explained },
  { key: 'duplicate', label: '重复', test: (it) => it.duplicateOf !== null },
  { key: 'outlier', label: '指标异常', test: (it) => Object.keys(it.outliers).length > 0 },
  { key: 'otherYear', label: '非本年度', test: (it) => it.otherYear },
];

const ROW_HEIGHT = 34;
const VIEW_HEIGHT = 560;
const OVERSCAN = 8;
/**
 * Rows a list that had none draws in its first frame; the rest come a frame later. The list
 * appearing at the end of a first load was one main-thread task of 60–75 ms on a 2-core
 * machine (issue 15: none over 50 while a collection loads), its layout of ~1,100 boxes most of it.
 */
const FIRST_FRAME_ROWS = 12;

export interface ListViewProps {
  items: readonly ListItem[];
  /** Ids of the reports the sum takes. */
  chosen: ReadonlySet<string>;
  onOpen: (id: string) => void;
  onRemove: (id: string) => void;
  /** Ticks (true) or unticks a report for the sum. */
  onTick: (id: string, on: boolean) => void;
}

/** Memoised: the page re-renders on every progress tick while files are read. */
export const ListView = memo(function ListView({ items, chosen, onOpen, onRemove, onTick }: ListViewProps) {
  const [filter, setFilter] = useState<ListFilter>('all');
  const [search, setSearch] = useState('');
  const [sorting, setSorting] = useState<SortingState>([]);
  const [scrollTop, setScrollTop] = useState(0);
  const data = useMemo(() => {
    const test = LIST_FILTERS.find((f) => f.key === filter)!.test;
    return filter === 'all' ? [...items] : items.filter(test);
  }, [items, filter]);
  const table = useTable({
    features,
    columns: COLUMNS,
    data,
    getRowId: (it) => it.id,
    state: { sorting, globalFilter: search },
    onSortingChange: setSorting,
    onGlobalFilterChange: (u) => setSearch((s) => (typeof u === 'function' ? u(s) : u) ?? ''),
    globalFilterFn: 'includesString',
    getColumnCanGlobalFilter: (c) => c.id === 'agency' || c.id === 'fileName',
  });
  const rows = table.getRowModel().rows;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const drewRows = useRef(false);
  const [, drawRest] = useState(0);
  const staged = !drewRows.current && rows.length > FIRST_FRAME_ROWS;
  const last = Math.min(
    rows.length,
    Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN,
    staged ? first + FIRST_FRAME_ROWS : Number.POSITIVE_INFINITY,
  );
  useEffect(() => {
    // Emptied (a filter showing none, every report removed): the next rows are staged again.
    if (rows.length === 0) drewRows.current = false;
    if (!staged) return;
    drewRows.current = true;
    const frame = requestAnimationFrame(() => drawRest((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  }, [staged, rows.length]);
  const colCount = COLUMNS.length + 2;
  return (
    <div className="co-list">
      <div className="co-list-tools">
        <label>
          搜索机关或文件名{' '}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="例如：老店镇" />
        </label>
        <label>
          显示{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as ListFilter)}>
            {LIST_FILTERS.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <span role="status" className="co-count">
          显示 {rows.length} / {items.length} 份
        </span>
      </div>
      <div
        className="co-scroll"
        style={{ maxHeight: VIEW_HEIGHT }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="co-list-scroll"
      >
        <table className="co-table" aria-rowcount={rows.length + 1}>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                <th scope="col" title="勾选的报告计入合计">
                  计入合计
                </th>
                {hg.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
                    >
                      <button type="button" className="co-sort" onClick={h.column.getToggleSortingHandler()}>
                        <table.FlexRender header={h} />
                        {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                      </button>
                    </th>
                  );
                })}
                <th scope="col" className="co-row-actions">
                  操作
                </th>
              </tr>
            ))}
          </thead>
          <tbody>
            {first > 0 && (
              <tr className="co-spacer" style={{ height: first * ROW_HEIGHT }}>
                <td colSpan={colCount} />
              </tr>
            )}
            {rows.slice(first, last).map((row, i) => (
              <tr key={row.id} style={{ height: ROW_HEIGHT }} aria-rowindex={first + i + 2} data-entry={row.id}>
                <td className="co-c-sum">
                  <input
                    type="checkbox"
                    aria-label={`计入合计：${row.original.agency || row.original.fileName}`}
                    checked={chosen.has(row.id)}
                    disabled={row.original.duplicateOf !== null}
                    title={row.original.duplicateOf ? '重复的文件不计入合计' : undefined}
                    onChange={(e) => onTick(row.id, e.currentTarget.checked)}
                  />
                </td>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={`co-c-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
                <td className="co-row-actions">
                  <button type="button" className="co-link" onClick={() => onOpen(row.id)}>
                    打开
                  </button>
                  <button type="button" className="co-link" onClick={() => onRemove(row.id)}>
                    移除
                  </button>
                </td>
              </tr>
            ))}
            {last < rows.length && (
              <tr className="co-spacer" style={{ height: (rows.length - last) * ROW_HEIGHT }}>
                <td colSpan={colCount} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? (
        // An empty list says why, and what to do: a header row alone looked broken.
        <p className="co-muted co-empty" data-testid="co-list-empty">
          {items.length === 0
            ? '还没有报告：把各单位报送的 .json 文件、文件夹或 .zip 压缩包拖到上面的虚线框里，或点「选择文件…」。'
            : '没有符合搜索或筛选条件的报告。'}
        </p>
      ) : null}
    </div>
  );
});
