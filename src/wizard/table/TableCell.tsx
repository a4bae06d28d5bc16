// One table cell: an input that subscribes to its own value, findings and paste mark,
// so a keystroke re-renders this cell and the totals and badges it changes, nothing else.
import {
  type CompositionEvent,
  type FormEvent,
  createContext,
  memo,
  useCallback,
  useContext,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import {
  type CellPath,
  type Finding,
  type TableKey,
  CELL_BY_PATH,
  cellDecl,
  cellShortLabel,
  findingKey,
  formatCell,
  parseCell,
} from '../../report';
import { useCellValue, useFindings, useReadOnly, useReportStore } from '../storeContext';
import { TableController } from './controller';
import { renderProbe } from './renderProbe';

export const ControllerContext = createContext<TableController | null>(null);

export function useController(): TableController {
  const c = useContext(ControllerContext);
  if (!c) throw new Error('ReportTable controller missing');
  return c;
}

function useMark(ctl: TableController, path: CellPath): string | null {
  const sub = useCallback((fn: () => void) => ctl.subscribeMark(path, fn), [ctl, path]);
  return useSyncExternalStore(sub, () => ctl.getMark(path));
}

const NO_FINDINGS: readonly Finding[] = [];

/** What a cell shows of a finding: all but a blank (E3), a quiet state the check panel lists. */
const shownOnCell = (f: Finding): boolean => f.rule !== 'E3';

/** The id of the hidden element holding a finding's message (see FindingTexts). */
function findingTextId(f: Pick<Finding, 'rule' | 'cells'>): string {
  const raw = `${f.rule}:${f.cells.join(',')}`;
  let id = textIds.get(raw);
  if (id === undefined) {
    // FNV-1a of the finding's identity: stable while its message changes from key to key.
    let h = 0x811c9dc5;
    for (const ch of findingKey(f)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    id = `rt-f-${f.rule}-${(h >>> 0).toString(36)}`;
    if (textIds.size > 5000) textIds.clear();
    textIds.set(raw, id);
  }
  return id;
}
// Asked for on every keystroke by every cell a finding points at: hashed once per finding.
const textIds = new Map<string, string>();

/**
 * What a cell shows of its findings: a severity, a quiet blank mark (E3: the check panel
 * lists blanks) and the ids of the messages that describe it. Not the messages: E1's
 * message changes with every keystroke in its column, and copying it into four cells'
 * descriptions and titles cost more than half of each keystroke's layout (measured).
 */
function useCellState(path: CellPath): CellState {
  const store = useReportStore();
  const sub = useCallback((fn: () => void) => store.subscribeCellFindings(path, fn), [store, path]);
  // A changed findings array with the same state keeps the previous object: no re-render.
  const last = useRef<CellState>(NO_STATE);
  return useSyncExternalStore(sub, () => {
    const next = cellState(store.getCellFindings(path));
    if (!sameCellState(next, last.current)) last.current = next;
    return last.current;
  });
}

interface CellState {
  readonly severity: 'error' | 'warning' | null;
  /** Blank (E3): a quiet mark, the check panel lists blanks. */
  readonly blank: boolean;
  /** Ids of the hidden messages that describe the cell, space-separated for aria-describedby. */
  readonly describedBy: string;
}

const NO_STATE: CellState = { severity: null, blank: false, describedBy: '' };

const sameCellState = (a: CellState, b: CellState): boolean =>
  a.severity === b.severity && a.blank === b.blank && a.describedBy === b.describedBy;

function cellState(findings: readonly Finding[]): CellState {
  let state = states.get(findings);
  if (state === undefined) states.set(findings, (state = computeCellState(findings)));
  return state;
}
// The store keeps a cell's findings array while they are unchanged: one computation each.
const states = new WeakMap<readonly Finding[], CellState>();

function computeCellState(findings: readonly Finding[]): CellState {
  const shown = findings.filter(shownOnCell);
  return {
    severity: shown.some((f) => f.severity === 'error') ? 'error' : shown.length ? 'warning' : null,
    blank: findings.some((f) => f.rule === 'E3'),
    describedBy: [...new Set(shown.map(findingTextId))].join(' '),
  };
}

/** The cell's messages for its tooltip, read only while the pointer is over it. */
function useHoverHint(path: CellPath, hovered: boolean): string {
  const store = useReportStore();
  const sub = useCallback(
    (fn: () => void) => (hovered ? store.subscribeCellFindings(path, fn) : () => {}),
    [store, path, hovered],
  );
  const findings = useSyncExternalStore(sub, () => (hovered ? store.getCellFindings(path) : NO_FINDINGS));
  return findings
    .filter(shownOnCell)
    .map((f) => f.message)
    .join('\n');
}

/**
 * Every message that describes a cell of `table`, once each, in a hidden element the cells
 * point at with aria-describedby: one text changes per keystroke, with no layout at all.
 */
export function FindingTexts({ table }: { table: TableKey }) {
  const findings = useFindings();
  const texts = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const f of findings) {
      if (!shownOnCell(f) || !f.cells.some((c) => CELL_BY_PATH.get(c)?.table === table)) continue;
      const id = findingTextId(f);
      m.set(id, [...(m.get(id) ?? []), f.message]);
    }
    return [...m];
  }, [findings, table]);
  return (
    <div hidden>
      {texts.map(([id, messages]) => (
        <span key={id} id={id}>
          {messages.join('；')}
        </span>
      ))}
    </div>
  );
}

interface CellEntry {
  text: string;
  /** Why the text was refused; null while valid or half-composed. */
  error: string | null;
  /** The stored value this text goes with: its own parse once committed, else the value it was typed over. */
  base: number | null;
}

const InputCell = memo(function InputCell({ path }: { path: CellPath }) {
  if (import.meta.env.MODE === 'test') renderProbe.record?.(path);
  const store = useReportStore();
  const ctl = useController();
  const { unit } = cellDecl(path);
  const value = useCellValue(path);
  const readOnly = useReadOnly();
  const { blank, severity, describedBy } = useCellState(path);
  const [hovered, setHovered] = useState(false);
  const hint = useHoverHint(path, hovered);
  const mark = useMark(ctl, path);
  const msgId = useId();
  const composing = useRef(false);

  // The clerk's own text while editing; null means "show the stored value". A refused entry
  // kept with the draft comes back on opening: in red, with its reason, until corrected.
  const [draft, setDraft] = useState<CellEntry | null>(() => {
    const refused = store.getRefused(path);
    return refused ? { text: refused.text, error: refused.message, base: store.getValue(path) } : null;
  });
  // A change from outside (undo, paste, fill zeros) wins over the text being typed;
  // this cell's own commit echoing back keeps it.
  if (draft && draft.base !== value) setDraft(null);

  const commit = (text: string) => {
    const r = parseCell(text, unit);
    if (!r.ok) {
      // Not stored: the value from before this entry comes back, and the checks report the entry.
      store.refuseEntry(path, { text, message: r.message });
      setDraft({ text, error: r.message, base: store.getValue(path) });
      return;
    }
    store.clearRefused(path);
    setDraft({ text, error: null, base: r.value });
    ctl.clearMark(path);
    store.setCells({ [path]: r.value }, 'edit', TableController.typingLabel(path), { typed: true });
  };

  const onInput = (e: FormEvent<HTMLInputElement>) => {
    const text = e.currentTarget.value;
    // Half-composed IME text (拼音 letters) is neither validated nor stored.
    if (composing.current || (e.nativeEvent as InputEvent).isComposing) {
      setDraft({ text, error: null, base: value });
      return;
    }
    commit(text);
  };

  const onCompositionEnd = (e: CompositionEvent<HTMLInputElement>) => {
    composing.current = false;
    commit(e.currentTarget.value);
  };

  const error = draft?.error ?? mark;
  const text = draft ? draft.text : formatCell(value, unit);
  const className = [
    'rt-cell',
    blank && value === null && !draft ? 'rt-cell--blank' : '',
    severity ? `rt-cell--${severity}` : '',
    error ? 'rt-cell--invalid' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const describedByIds = [error ? msgId : '', describedBy].filter(Boolean).join(' ');

  return (
    <div className={error ? 'rt-cellbox rt-cellbox--msg' : 'rt-cellbox'}>
      <input
        className={className}
        name={path}
        aria-label={cellShortLabel(path)}
        readOnly={readOnly}
        inputMode={unit === 'fen' ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={text}
        title={hint || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByIds || undefined}
        onMouseEnter={() => setHovered(true)}
        onMouseLeave={() => setHovered(false)}
        onChange={onInput}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={onCompositionEnd}
        onFocus={(e) => {
          // Arriving in a cell starts a new undo step: a later correction is not merged into the first entry.
          store.sealTyping();
          e.currentTarget.select();
        }}
        onKeyDown={(e) => {
          // Esc cancels the edit, as in a spreadsheet: the value she found here comes back,
          // also when the valid start of a refused text ("1" of "1.5") was already stored.
          if (e.key !== 'Escape') return;
          const cancelled = store.cancelTyping(path);
          store.clearRefused(path);
          if (draft || cancelled) {
            setDraft(null);
            ctl.clearMark(path);
          }
        }}
        onBlur={() => {
          store.sealTyping();
          // Show the stored form ("１２" → "12"); refused text stays so the clerk can fix it.
          if (draft && !draft.error) setDraft(null);
        }}
      />
      {error ? (
        <span id={msgId} className="rt-msg rt-msg--error">
          {error}
        </span>
      ) : (
        // Always mounted: inserting a positioned element relays out the whole document,
        // while changing its class stays inside the cell's layout containment.
        <span id={msgId} className="rt-sr" />
      )}
    </div>
  );
});

/** A computed total: read-only, but named and labelled like any cell so it can be found and read. */
const DerivedCell = memo(function DerivedCell({ path }: { path: CellPath }) {
  if (import.meta.env.MODE === 'test') renderProbe.record?.(path);
  const value = useCellValue(path);
  const { severity, describedBy } = useCellState(path);
  const [hovered, setHovered] = useState(false);
  const hint = useHoverHint(path, hovered);
  return (
    <div className="rt-cellbox">
      <input
        className={['rt-cell', 'rt-cell--derived', severity ? `rt-cell--${severity}` : ''].filter(Boolean).join(' ')}
        name={path}
        aria-label={cellShortLabel(path)}
        readOnly
        tabIndex={-1}
        value={formatCell(value, cellDecl(path).unit)}
        placeholder="自动合计"
        title={hint ? `自动合计\n${hint}` : '自动合计，不需填写'}
        aria-describedby={describedBy || undefined}
        onMouseEnter={() => setHovered(true)}
        onMouseLeave={() => setHovered(false)}
      />
    </div>
  );
});

export function Cell({ path }: { path: CellPath }) {
  return cellDecl(path).derived ? <DerivedCell path={path} /> : <InputCell path={path} />;
}
