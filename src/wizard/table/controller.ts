// What one table does besides typing: paste a block, fill blanks with 0, undo, and the
// per-cell marks a paste leaves ("could not read this"). Marks live here, outside React,
// so marking one cell re-renders only that cell.
import { type CellPath, type TableKey, INPUT_CELLS, cellDecl, cellShortLabel, parseCell } from '../../report';
import { stepDecl } from '../steps';
import type { ReportStore, UndoStep } from '../store';
import { type Grid, GRIDS, isDerived, positionOf } from './layout';

type Listener = () => void;

/** Excel and WPS copy a block as tab-separated lines ending in \r\n (with a trailing newline). */
export function parseClipboardBlock(text: string): string[][] {
  const lines = text.replace(/(\r\n|\n|\r)$/, '').split(/\r\n|\n|\r/);
  return lines.map((l) => l.split('\t'));
}

export interface PasteOutcome {
  filled: number;
  unreadable: number;
  /** Values that landed on a read-only total and were ignored. */
  totals: number;
  /** Values beyond the table's edge. */
  outside: number;
}

export class TableController {
  private marks = new Map<CellPath, string>();
  private markListeners = new Map<CellPath, Set<Listener>>();
  private statusListeners = new Set<Listener>();
  private status = '';
  readonly grid: Grid;

  constructor(
    readonly table: TableKey,
    readonly store: ReportStore,
  ) {
    this.grid = GRIDS[table];
  }

  // ---- marks: a message on a cell that a paste could not fill
  getMark = (path: CellPath): string | null => this.marks.get(path) ?? null;
  subscribeMark(path: CellPath, fn: Listener): () => void {
    let set = this.markListeners.get(path);
    if (!set) this.markListeners.set(path, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }
  clearMark(path: CellPath): void {
    if (this.marks.delete(path)) this.notifyMark(path);
  }
  private replaceMarks(next: Map<CellPath, string>): void {
    const touched = new Set([...this.marks.keys(), ...next.keys()]);
    this.marks = next;
    for (const p of touched) this.notifyMark(p);
  }
  private notifyMark(path: CellPath): void {
    for (const fn of this.markListeners.get(path) ?? []) fn();
  }

  // ---- status line (what the last paste / fill / undo did)
  getStatus = (): string => this.status;
  subscribeStatus = (fn: Listener): (() => void) => {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  };
  private say(text: string): void {
    this.status = text;
    for (const fn of this.statusListeners) fn();
  }

  /**
   * Fill a pasted block from `anchor` rightwards and downwards over the visible grid.
   * Positions map one to one onto what the clerk sees, so a block copied from a sheet
   * laid out like the template lines up; a value landing on a total is ignored (totals
   * are computed), one that cannot be read leaves its cell unchanged and marks it.
   * Everything readable is written in one undo step.
   */
  paste(anchor: CellPath, block: string[][]): PasteOutcome {
    const start = positionOf(this.grid, anchor);
    const outcome: PasteOutcome = { filled: 0, unreadable: 0, totals: 0, outside: 0 };
    if (!start) return outcome;
    const changes: Record<CellPath, number | null> = {};
    const marks = new Map<CellPath, string>();
    const seen = new Set<CellPath>();
    block.forEach((line, i) => {
      line.forEach((text, j) => {
        const path = this.grid[start.row + i]?.[start.col + j];
        if (path === undefined) {
          outcome.outside++;
          return;
        }
        // A cell spanning several positions (table 二's one-column blocks) takes the first value.
        if (seen.has(path)) return;
        seen.add(path);
        if (isDerived(path)) {
          outcome.totals++;
          return;
        }
        const parsed = parseCell(text, cellDecl(path).unit);
        if (parsed.ok) {
          changes[path] = parsed.value;
          outcome.filled++;
        } else {
          marks.set(path, `粘贴的内容无法识别，未改动：${parsed.message}`);
          outcome.unreadable++;
        }
      });
    });
    this.store.setCells(changes, 'paste', '粘贴');
    this.replaceMarks(marks);
    const parts = [`已粘贴 ${outcome.filled} 格`];
    if (outcome.unreadable) parts.push(`${outcome.unreadable} 格无法识别（已标出，原值未改）`);
    if (outcome.totals) parts.push(`${outcome.totals} 格落在自动合计上，已跳过`);
    if (outcome.outside) parts.push(`${outcome.outside} 格超出表格，已忽略`);
    this.say(parts.join('；'));
    return outcome;
  }

  /** 「本表其余空格填 0」: blank input cells of this table become 0, in one undo step. */
  fillZeros(): number {
    const blanks = INPUT_CELLS.filter((c) => c.table === this.table && this.store.getValue(c.path) === null);
    this.store.setCells(Object.fromEntries(blanks.map((c) => [c.path, 0])), 'fillZeros', '本表其余空格填 0');
    this.say(blanks.length ? `已将 ${blanks.length} 个空格填 0` : '本表没有空格');
    return blanks.length;
  }

  undo(): void {
    this.step('undo');
  }

  redo(): void {
    this.step('redo');
  }

  private step(which: 'undo' | 'redo'): void {
    const step = which === 'undo' ? this.store.undoStep() : this.store.redoStep();
    if (step === null || this.store.isReadOnly()) return;
    if (which === 'undo') this.store.undo();
    else this.store.redo();
    // Marks describe the paste being undone (or an older one): they no longer apply.
    this.replaceMarks(new Map());
    this.say(`${which === 'undo' ? '已撤销' : '已重做'}「${this.describe(step)}」`);
  }

  /** A step's label, naming its table when it was made in another one (the history is the report's). */
  describe(step: UndoStep): string {
    if (step.table === null || step.table === this.table) return step.label;
    return `${stepDecl(step.table).label}：${step.label}`;
  }

  /** The label under which a keystroke in `path` is committed (keystrokes in one cell coalesce). */
  static typingLabel(path: CellPath): string {
    return `输入 ${cellShortLabel(path)}`;
  }
}
