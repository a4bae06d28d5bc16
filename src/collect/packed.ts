// Cells of a collected report packed as numbers in INPUT_CELLS order (blank = NaN): about
// 1.7 KB per report, cheap to pass between threads and to store, and fast to sum.
import { type CellValues, INPUT_CELLS, blankCells } from '../report';

const INPUT_PATHS = INPUT_CELLS.map((c) => c.path);

export function packCells(cells: CellValues): Float64Array {
  // A plain loop over the paths: this runs for every report a collection reads.
  const out = new Float64Array(INPUT_PATHS.length);
  for (let i = 0; i < INPUT_PATHS.length; i++) {
    const v = cells[INPUT_PATHS[i]!];
    out[i] = v === null || v === undefined ? Number.NaN : v;
  }
  return out;
}

export function unpackCells(packed: ArrayLike<number>): CellValues {
  const out = blankCells();
  INPUT_CELLS.forEach((c, i) => {
    const v = packed[i];
    out[c.path] = v === undefined || Number.isNaN(v) ? null : v;
  });
  return out;
}

/** A running sum of packed cells (blank = NaN until a report fills the cell). */
export const emptyPackedSum = (): Float64Array => new Float64Array(INPUT_CELLS.length).fill(Number.NaN);

/** Adds one report's packed cells to a running sum; a cell stays blank only while blank in every one. */
export function addPacked(acc: Float64Array, p: ArrayLike<number>): void {
  const n = acc.length;
  for (let i = 0; i < n; i++) {
    const v = p[i]!;
    if (!Number.isNaN(v)) acc[i] = Number.isNaN(acc[i]!) ? v : acc[i]! + v;
  }
}

/** Sum of packed cells; a cell is blank only when blank in every one (as sumCells). */
export function sumPacked(list: Iterable<ArrayLike<number>>): CellValues {
  const acc = emptyPackedSum();
  for (const p of list) addPacked(acc, p);
  return unpackCells(acc);
}

const INDEX = new Map(INPUT_CELLS.map((c, i) => [c.path, i]));

/** A reader of one input cell of packed cells (blank = null), without unpacking them all. */
export const packedReader =
  (packed: ArrayLike<number>) =>
  (path: string): number | null => {
    const i = INDEX.get(path);
    const v = i === undefined ? undefined : packed[i];
    return v === undefined || Number.isNaN(v) ? null : v;
  };
