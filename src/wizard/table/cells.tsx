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
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { type CellPath, type Finding, cellDecl, cellShortLabel, formatCell, parseCell } from '../../report';
import { useCellFindings, useCellValue, useReportStore } from '../storeContext';
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

/** Findings worth showing on the cell itself. A blank (E3) is only a quiet state: the check panel lists blanks. */
function cellState(findings: readonly Finding[]): { blank: boolean; shown: readonly Finding[]; severity: 'error' | 'warning' | null } {
  const shown = findings.filter((f) => f.rule !== 'E3');
  const severity = shown.some((f) => f.severity === 'error') ? 'error' : shown.length ? 'warning' : null;
  return { blank: findings.some((f) => f.rule === 'E3'), shown, severity };
}

interface Draft {
  text: string;
  /** Why the text was refused; null while valid or half-composed. */
  error: string | null;
  /** The stored value this text goes with: its own parse once committed, else the value it was typed over. */
  base: number | null;
}

export const InputCell = memo(function InputCell({ path }: { path: CellPath }) {
  renderProbe.record?.(path);
  const store = useReportStore();
  const ctl = useController();
  const { unit } = cellDecl(path);
  const value = useCellValue(path);
  const findings = useCellFindings(path);
  const mark = useMark(ctl, path);
  const msgId = useId();
  const composing = useRef(false);

  // The clerk's own text while editing; null means "show the stored value".
  const [draft, setDraft] = useState<Draft | null>(null);
  // A change from outside (undo, paste, fill zeros) wins over the text being typed;
  // this cell's own commit echoing back keeps it.
  if (draft && draft.base !== value) setDraft(null);

  const commit = (text: string) => {
    const r = parseCell(text, unit);
    if (!r.ok) {
      setDraft({ text, error: r.message, base: value });
      return;
    }
    setDraft({ text, error: null, base: r.value });
    ctl.clearMark(path);
    store.setCells({ [path]: r.value }, 'edit', TableController.typingLabel(path));
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

  const { blank, shown, severity } = cellState(findings);
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
  const hint = shown.map((f) => f.message).join('\n');

  return (
    <div className={error ? 'rt-cellbox rt-cellbox--msg' : 'rt-cellbox'}>
      <input
        className={className}
        name={path}
        aria-label={cellShortLabel(path)}
        readOnly={store.readOnly}
        inputMode={unit === 'fen' ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={text}
        title={hint || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? msgId : undefined}
        onChange={onInput}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={onCompositionEnd}
        onFocus={(e) => e.currentTarget.select()}
        onKeyDown={(e) => {
          // Esc gives up a refused text and shows the stored value again.
          if (e.key === 'Escape' && draft) {
            setDraft(null);
            ctl.clearMark(path);
          }
        }}
        onBlur={() => {
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
        // while changing its text stays inside the cell's layout containment.
        <span id={msgId} className="rt-sr">
          {hint}
        </span>
      )}
    </div>
  );
});

/** A computed total: read-only, but named and labelled like any cell so it can be found and read. */
export const DerivedCell = memo(function DerivedCell({ path }: { path: CellPath }) {
  renderProbe.record?.(path);
  const value = useCellValue(path);
  const findings = useCellFindings(path);
  const msgId = useId();
  const { shown, severity } = cellState(findings);
  const hint = shown.map((f) => f.message).join('\n');
  return (
    <div className="rt-cellbox">
      <input
        className={['rt-cell', 'rt-cell--derived', severity ? `rt-cell--${severity}` : ''].filter(Boolean).join(' ')}
        name={path}
        aria-label={cellShortLabel(path)}
        readOnly
        tabIndex={-1}
        value={formatCell(value, cellDecl(path).unit)}
        title={hint ? `自动合计\n${hint}` : '自动合计，不需填写'}
        aria-describedby={hint ? msgId : undefined}
      />
      <span id={msgId} className="rt-sr">
        {hint}
      </span>
    </div>
  );
});

export function Cell({ path }: { path: CellPath }) {
  return cellDecl(path).derived ? <DerivedCell path={path} /> : <InputCell path={path} />;
}
