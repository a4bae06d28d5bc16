// Tables 二, 三 and 四 as editable grids (placeholder shape; grows into the full layout).
import { CELLS, cellShortLabel, formatCell } from '../../report';
import { useCellValue } from '../storeContext';

export type ReportTableKey = 'proactive' | 'requests' | 'reviews';

function Cell({ path, unit }: { path: string; unit: 'count' | 'fen' }) {
  const value = useCellValue(path);
  return <input name={path} aria-label={cellShortLabel(path)} readOnly value={formatCell(value, unit)} />;
}

export function ReportTable({ table }: { table: ReportTableKey }) {
  const cells = CELLS.filter((c) => c.table === table);
  return (
    <div className="report-table">
      {cells.map((c) => (
        <Cell key={c.path} path={c.path} unit={c.unit} />
      ))}
    </div>
  );
}
