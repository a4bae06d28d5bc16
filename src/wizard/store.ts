// The open report, held outside React so that one keystroke re-renders only the cells,
// totals and check badges it changed (per-path subscriptions), never the whole form.
// Every change is one undo step; bulk changes (paste, fill zeros) are one step too.
import {
  CELL_BY_PATH,
  type CellPath,
  type CellValues,
  type Finding,
  type Report,
  type TableKey,
  DERIVED_CELLS,
  allValues,
  cellValue,
  inputsOf,
  checkReport,
  createTextRuleCache,
  type RefusedEntry,
  findingsByCell,
  withCells,
} from '../report';

/** When a change's checks run: at once (false), in the next task, or once typing pauses. */
type Deferral = false | 'task' | 'pause';
/** The pause in typing a text after which its checks run (a burst of keys is checked once). */
const TEXT_CHECK_PAUSE_MS = 250;

/** What kind of edit (storage calls it a ChangeKind and takes a revision before bulk ones). */
export type EditKind = 'edit' | 'paste' | 'fillZeros' | 'import' | 'restore' | 'undo' | 'redo';

export interface ChangeEvent {
  report: Report;
  kind: EditKind;
}

type Listener = () => void;

/** The store's named channels. A cell's value and a cell's (or field's) findings have a channel of their own per path. */
type Channel = 'report' | 'findings' | 'text' | 'undo' | 'readOnly' | 'revealed';

/** Who one change must tell. */
interface ToTell {
  readonly channels: Set<Channel>;
  /** Cells whose value changed. */
  readonly values: Set<CellPath>;
  /** Cells and fields whose findings changed. */
  readonly findings: Set<string>;
}
const toTell = (...channels: Channel[]): ToTell => ({
  channels: new Set(channels),
  values: new Set(),
  findings: new Set(),
});

function listen<K>(map: Map<K, Set<Listener>>, key: K, fn: Listener): () => void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

const EMPTY: readonly Finding[] = [];

interface UndoEntry {
  report: Report;
  label: string;
  /** The table a cell change was made in, so a button in another table can say where. */
  table: TableKey | null;
  /** The cell or field keystrokes went into: later keystrokes there join this step. */
  typing: string | null;
}

/** What undo (or redo) would take back: its label and, for cell changes, the table. */
export interface UndoStep {
  label: string;
  table: TableKey | null;
}

export class ReportStore {
  private report: Report;
  private previous: Report | null;
  private values: Map<CellPath, number | null>;
  private findings: Finding[];
  private byCell: Map<string, Finding[]>;
  private undoStack: UndoEntry[] = [];
  private redoStack: UndoEntry[] = [];
  /** The top undo step is typing still going on in one field (keystrokes coalesce into it). */
  private typingOpen = false;
  private channelListeners = new Map<Channel, Set<Listener>>();
  private valueListeners = new Map<CellPath, Set<Listener>>();
  private findingListeners = new Map<string, Set<Listener>>();
  private changeListeners = new Set<(e: ChangeEvent) => void>();
  /** Steps whose blanks count as errors: the clerk has left them, or has been to 检查. */
  private revealed: ReadonlySet<string> = new Set();
  /** Set by the page from the tab lock: a reader's store refuses every change. */
  private readOnly = false;
  /** The text rules' reading of the narrative, so a table keystroke does not re-read it. */
  private textCache = createTextRuleCache();

  constructor(report: Report, previous: Report | null = null) {
    this.report = report;
    this.previous = previous;
    this.values = allValues(report.cells);
    this.findings = checkReport(report, { previous, values: this.values, textCache: this.textCache });
    this.byCell = findingsByCell(this.findings);
  }

  // ---- reads (stable references between changes, as useSyncExternalStore requires)
  getReport = (): Report => this.report;
  getPrevious = (): Report | null => this.previous;
  getValue = (path: CellPath): number | null => this.values.get(path) ?? null;
  getFindings = (): readonly Finding[] => this.findings;
  getCellFindings = (path: string): readonly Finding[] => this.byCell.get(path) ?? EMPTY;
  /** What the clerk typed into the cell and it refused, still standing (kept with the draft). */
  getRefused = (path: CellPath): RefusedEntry | null => this.report.refused?.[path] ?? null;
  canUndo = (): boolean => this.undoStack.length > 0;
  /** The step undo would take back (a stable reference until the stacks change). */
  undoStep = (): UndoStep | null => this.undoStack[this.undoStack.length - 1] ?? null;
  undoLabel = (): string | null => this.undoStep()?.label ?? null;
  canRedo = (): boolean => this.redoStack.length > 0;
  redoStep = (): UndoStep | null => this.redoStack[this.redoStack.length - 1] ?? null;

  // ---- subscriptions
  /** One cell's value (a derived cell's too). */
  subscribeValue = (path: CellPath, fn: Listener) => listen(this.valueListeners, path, fn);
  /** The findings of one cell or field (`agency`, `problems`, a cell path). */
  subscribeCellFindings = (path: string, fn: Listener) => listen(this.findingListeners, path, fn);
  subscribeFindings = (fn: Listener) => listen(this.channelListeners, 'findings', fn);
  subscribeText = (fn: Listener) => listen(this.channelListeners, 'text', fn);
  subscribeUndo = (fn: Listener) => listen(this.channelListeners, 'undo', fn);
  subscribeAll = (fn: Listener) => listen(this.channelListeners, 'report', fn);
  subscribeRevealed = (fn: Listener) => listen(this.channelListeners, 'revealed', fn);

  /** A new set whenever it changes (a stable snapshot for useSyncExternalStore). */
  getRevealed = (): ReadonlySet<string> => this.revealed;
  /**
   * Blank cells and empty sections of `steps` become errors from now on (not before:
   * completeness is progress while she fills a step in, an error once she has moved on).
   */
  reveal(...steps: string[]): void {
    if (steps.every((s) => this.revealed.has(s))) return;
    this.revealed = new Set([...this.revealed, ...steps]);
    this.notify(toTell('revealed'));
  }
  onChange(fn: (e: ChangeEvent) => void): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }

  // ---- writes
  /**
   * Set input cells; one undo step labelled `label`. Derived paths are ignored.
   * `typed`: a keystroke in a cell. Its value and totals are published at once, its checks
   * in the next task (a burst of keys is checked once; flushChecks() forces them), and the
   * keystrokes that follow in the same cell join its undo step.
   */
  setCells(
    changes: Record<CellPath, number | null>,
    kind: EditKind = 'edit',
    label = '修改单元格',
    { typed = false }: { typed?: boolean } = {},
  ): void {
    const real = Object.entries(changes).filter(
      ([p, v]) => CELL_BY_PATH.get(p)?.derived === false && this.report.cells[p] !== v,
    );
    if (!real.length) return;
    const table = CELL_BY_PATH.get(real[0]![0])?.table ?? null;
    const next = { ...this.report, cells: withCells(this.report.cells, Object.fromEntries(real)) };
    const changed = real.map(([p]) => p);
    this.commit(next, kind, label, {
      table,
      changed,
      deferChecks: typed ? 'task' : false,
      typing: typed ? changed[0]! : null,
    });
  }

  /**
   * Change non-table fields (agency, year, texts, explanations). `typing`: the field a
   * keystroke went into (e.g. `agency`): the keystrokes that follow there join this undo step.
   */
  update(
    mutate: (r: Report) => Report,
    label = '修改文字',
    kind: EditKind = 'edit',
    { typing = null }: { typing?: string | null } = {},
  ): void {
    const next = mutate(this.report);
    if (next === this.report) return;
    // Typing in a text of 一、五、六: the text rules read the whole text (tens of ms at the
    // length limit), so they run once the clerk pauses, not in the keystroke.
    const text = typing !== null && /^(?:problems|otherMatters|overview\.)/.test(typing);
    this.commit(next, kind, label, { typing, deferChecks: text ? 'pause' : false });
  }

  /** Replace the whole report (import, restore a revision); undoable. */
  replace(next: Report, kind: EditKind, label: string): void {
    this.commit(next, kind, label);
  }

  setReadOnly(readOnly: boolean): void {
    if (this.readOnly === readOnly) return;
    this.readOnly = readOnly;
    this.notify(toTell('readOnly'));
  }
  isReadOnly = (): boolean => this.readOnly;
  subscribeReadOnly = (fn: Listener) => listen(this.channelListeners, 'readOnly', fn);

  setPrevious(previous: Report | null): void {
    this.previous = previous;
    this.recompute(this.report, this.report);
  }

  undo(): void {
    this.typingOpen = false;
    this.step(this.undoStack, this.redoStack, 'undo');
  }

  /**
   * The clerk left the field she was typing in: coming back later to correct it is a new
   * undo step, not part of the first entry.
   */
  sealTyping(): void {
    this.typingOpen = false;
  }

  /**
   * Esc in a field: drop what was typed into `field` since she arrived (its open typing
   * step), as a spreadsheet does. False when there is nothing to drop.
   */
  cancelTyping(field: string): boolean {
    const top = this.undoStack[this.undoStack.length - 1];
    if (this.readOnly || !this.typingOpen || top?.typing !== field) return false;
    this.undoStack.pop();
    this.typingOpen = false;
    this.restore(top.report, 'undo');
    return true;
  }

  /**
   * A cell refused what was typed into it: the value it had before she began typing there
   * comes back (a valid start such as the 1 of 「1e5」 must not stay stored), and the entry
   * is an error in the checks until corrected.
   */
  refuseEntry(path: CellPath, entry: RefusedEntry): void {
    if (this.readOnly) return;
    this.cancelTyping(path);
    this.setRefused({ ...this.report.refused, [path]: entry });
  }

  /** The cell's entry is valid again (or abandoned with Esc). */
  clearRefused(path: CellPath): void {
    if (this.readOnly || !this.report.refused?.[path]) return;
    const { [path]: _, ...rest } = this.report.refused;
    this.setRefused(rest);
  }

  /**
   * The refused entries are part of the draft: saved with it (a change, though not an undo
   * step: undo takes back values, and a refused entry never was one), so a reload shows them.
   */
  private setRefused(refused: Readonly<Record<CellPath, RefusedEntry>>): void {
    this.report = withRefused(this.report, refused);
    this.cancelDeferredChecks();
    const tell = toTell();
    this.check(tell);
    this.notify(tell);
    this.emitChange('edit');
  }

  /** Takes back the last undo; any new change after an undo clears what could be redone. */
  redo(): void {
    this.step(this.redoStack, this.undoStack, 'redo');
  }

  private step(from: UndoEntry[], to: UndoEntry[], kind: 'undo' | 'redo'): void {
    if (this.readOnly) return;
    const entry = from.pop();
    if (!entry) return;
    to.push({ ...entry, report: this.report });
    this.restore(entry.report, kind);
  }

  /** Go back (or forward) to a report from the history; checked at once. */
  private restore(report: Report, kind: 'undo' | 'redo'): void {
    const before = this.report;
    // Undo takes back values, not the entries standing refused (those go when their cell's value changes).
    this.report = withRefused(report, before.refused);
    this.recompute(before, report);
    this.emitChange(kind);
  }

  private commit(
    next: Report,
    kind: EditKind,
    label: string,
    {
      table = null,
      changed,
      deferChecks = false,
      typing = null,
    }: { table?: TableKey | null; changed?: readonly CellPath[]; deferChecks?: Deferral; typing?: string | null } = {},
  ): void {
    if (this.readOnly) return;
    const before = this.report;
    // Consecutive keystrokes into one field coalesce into one undo step.
    const top = this.undoStack[this.undoStack.length - 1];
    const coalesce = typing !== null && this.typingOpen && top?.typing === typing && !this.redoStack.length;
    if (!coalesce) {
      this.undoStack.push({ report: before, label, table, typing });
      if (this.undoStack.length > 200) this.undoStack.shift();
    }
    this.typingOpen = typing !== null;
    if (this.redoStack.length) this.redoStack = [];
    // An import or a restored revision replaces values, not the entries standing refused here.
    this.report = withRefused(next, before.refused);
    this.recompute(before, next, changed, deferChecks);
    this.emitChange(kind);
  }

  private emitChange(kind: EditKind): void {
    for (const fn of this.changeListeners) fn({ report: this.report, kind });
  }

  /**
   * `changed`: the input cells that changed, when the caller knows (a keystroke: one).
   * `deferChecks`: a typed keystroke's checks run later (coalescing a burst of keys), so the
   * key's own work is its value and totals: a cell's in the next task, a text's once typing
   * pauses. Everything else checks at once.
   */
  private recompute(before: Report, next: Report, changed?: readonly CellPath[], deferChecks: Deferral = false): void {
    const oldValues = this.values;
    const tell = toTell('undo', 'report');
    if (before.cells !== next.cells || !oldValues.size) {
      const { values, touched } = updatedValues(oldValues, before.cells, next.cells, changed);
      this.values = values;
      for (const p of touched ?? values.keys()) if (oldValues.get(p) !== values.get(p)) tell.values.add(p);
      // A value set from elsewhere (undo, paste, fill zeros) replaces the refused entry, as it replaces the cell's text.
      const refused = this.report.refused;
      if (refused && Object.keys(refused).some((p) => tell.values.has(p))) {
        this.report = withRefused(
          this.report,
          Object.fromEntries(Object.entries(refused).filter(([p]) => !tell.values.has(p))),
        );
      }
    }
    if (deferChecks === 'task') {
      this.checkTimer ??= setTimeout(this.runDeferredChecks, 0);
    } else if (deferChecks === 'pause') {
      this.cancelDeferredChecks();
      this.checkTimer = setTimeout(this.runDeferredChecks, TEXT_CHECK_PAUSE_MS);
    } else {
      this.cancelDeferredChecks();
      this.check(tell);
    }
    if (
      before.agency !== next.agency ||
      before.year !== next.year ||
      before.overview !== next.overview ||
      before.problems !== next.problems ||
      before.otherMatters !== next.otherMatters ||
      before.explanations !== next.explanations
    ) {
      tell.channels.add('text');
    }
    this.notify(tell);
  }

  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly runDeferredChecks = (): void => {
    this.checkTimer = null;
    const tell = toTell();
    this.check(tell);
    this.notify(tell);
  };
  private cancelDeferredChecks(): void {
    if (this.checkTimer === null) return;
    clearTimeout(this.checkTimer);
    this.checkTimer = null;
  }

  /** Run the checks a keystroke left for the next task now (tests; anything that must read them at once). */
  flushChecks(): void {
    if (this.checkTimer !== null) this.runDeferredChecks();
  }

  /** Check the report as it is now; adds to `tell` the findings subscriptions that changed. */
  private check(tell: ToTell): void {
    const oldByCell = this.byCell;
    const findings = checkReport(this.report, {
      previous: this.previous,
      values: this.values,
      textCache: this.textCache,
    });
    // Most keystrokes leave every finding as it was: keeping the old array then means the
    // check panel, step bar and badges have nothing to re-render.
    if (sameFindingList(this.findings, findings)) return;
    this.findings = findings;
    this.byCell = findingsByCell(findings);
    tell.channels.add('findings');
    for (const key of new Set([...oldByCell.keys(), ...this.byCell.keys()])) {
      if (!sameFindings(oldByCell.get(key), this.byCell.get(key))) {
        tell.findings.add(key);
      } else {
        // Keep the old array when equal so per-cell snapshots stay referentially stable.
        const old = oldByCell.get(key);
        if (old) this.byCell.set(key, old);
      }
    }
  }

  private notify(tell: ToTell): void {
    for (const c of tell.channels) for (const fn of this.channelListeners.get(c) ?? []) fn();
    for (const p of tell.values) for (const fn of this.valueListeners.get(p) ?? []) fn();
    for (const p of tell.findings) for (const fn of this.findingListeners.get(p) ?? []) fn();
  }
}

/** `report` with `refused` as its refused entries; no key at all when there are none (as a report file reads). */
function withRefused(report: Report, refused: Report['refused']): Report {
  const none = !refused || Object.keys(refused).length === 0;
  if (none && !report.refused) return report;
  if (report.refused === refused) return report;
  if (none) {
    const { refused: _, ...rest } = report;
    return rest;
  }
  return { ...report, refused };
}

/**
 * Values after some input cells changed: only the totals that depend on them are summed
 * again (a keystroke touches one cell and at most three totals, not all 200 cells).
 * `touched` lists every path that may have changed; null when all were recomputed.
 */
function updatedValues(
  old: Map<CellPath, number | null>,
  before: CellValues,
  next: CellValues,
  hint?: readonly CellPath[],
): { values: Map<CellPath, number | null>; touched: CellPath[] | null } {
  const changed = hint ?? Object.keys(next).filter((p) => next[p] !== before[p]);
  if (!old.size || changed.length > 40) return { values: allValues(next), touched: null };
  const values = new Map(old);
  for (const p of changed) values.set(p, next[p] ?? null);
  const memo = new Map<CellPath, number | null>();
  const totals = new Set(changed.flatMap((p) => DEPENDENTS.get(p) ?? []));
  for (const d of totals) values.set(d, cellValue(next, d, memo));
  return { values, touched: [...changed, ...totals] };
}

/** For each input cell, the derived cells that include it (directly or through another total). */
const DEPENDENTS: ReadonlyMap<CellPath, readonly CellPath[]> = (() => {
  const m = new Map<CellPath, CellPath[]>();
  for (const d of DERIVED_CELLS) for (const input of inputsOf(d.path)) m.set(input, [...(m.get(input) ?? []), d.path]);
  return m;
})();

/** Two findings lists say exactly the same (same order: the rules run in a fixed order). */
function sameFindingList(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => sameFinding(f, b[i]!));
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.rule === b.rule &&
    a.severity === b.severity &&
    a.message === b.message &&
    a.section === b.section &&
    a.expected === b.expected &&
    a.actual === b.actual &&
    a.difference === b.difference &&
    a.quote === b.quote &&
    a.target === b.target &&
    a.cells.length === b.cells.length &&
    a.cells.every((c, i) => c === b.cells[i])
  );
}

/** E3's message counts the table's blanks; a cell only shows "blank", so the count is ignored. */
function sameFindings(a: readonly Finding[] | undefined, b: readonly Finding[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every(
    (f, i) =>
      f.rule === b[i]!.rule && f.severity === b[i]!.severity && (f.rule === 'E3' || f.message === b[i]!.message),
  );
}
