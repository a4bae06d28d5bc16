// Long plain text: auto-growing textareas, a character count, and a binding to the store
// that never re-sets the textarea while the clerk is composing with an IME.
import {
  type ComponentPropsWithRef,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { MAX_TEXT, cutMessage, fitEdit } from '../report/limits';
import { useReportStore } from './storeContext';
import { FieldFindings } from './FieldFindings';

const FIELD_SIZING =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

/**
 * Past this length a text scrolls in a box of fixed height instead of growing: sizing a box
 * to a 50,000-character text lays the whole text out again on every key (measured: about
 * twice the layout work of a fixed box, which made each key wait behind the one before).
 */
const LONG_TEXT = 8000;

/** Grows with its content (CSS field-sizing where supported, else height follows scrollHeight), up to LONG_TEXT; no spell check past it. */
export function growToContent(el: HTMLTextAreaElement | null): void {
  if (!el) return;
  const long = el.value.length > LONG_TEXT;
  if (el.classList.contains('text-field--long') !== long) {
    el.classList.toggle('text-field--long', long);
    // Chinese is not spell-checked anyway, and checking tens of thousands of characters is idle work taken from typing.
    el.spellcheck = !long;
  }
  if (FIELD_SIZING) return;
  if (long) {
    el.style.height = '';
    return;
  }
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + 2}px`;
}

export function AutoTextarea({ className, onInput, ...props }: ComponentPropsWithRef<'textarea'>) {
  return (
    <textarea
      {...props}
      className={`text-field${className ? ` ${className}` : ''}`}
      onInput={(e) => {
        growToContent(e.currentTarget);
        onInput?.(e);
      }}
    />
  );
}

/** 字数 counts characters other than white space; paragraphs are separated by a blank line. */
function textStats(text: string): { chars: number; paragraphs: number } {
  const chars = [...text.replace(/\s/g, '')].length;
  const paragraphs = text.split(/\n[ \t\u3000]*\n/).filter((p) => p.trim()).length;
  return { chars, paragraphs };
}

/** From this share of a field's limit on, the count against the limit is shown. */
const NEAR_LIMIT = 0.9;

/** 「已写 x / max 个字」 once a field is near its limit (the limit counts every character). */
export function LimitCount({ length, max, short = false }: { length: number; max: number; short?: boolean }) {
  if (length < max * NEAR_LIMIT) return null;
  // A one-line field has room for 「98/100 字」 only; its message says the rest.
  if (short)
    return (
      <span className="limit-count" title={`上限 ${max} 个字（含空格）`}>
        {length}/{max} 字
      </span>
    );
  return (
    <span className="limit-count">
      已写 {length} 个字，上限 {max} 个（含空格和换行）{length >= max ? '，已满' : ''}
    </span>
  );
}

export function TextStats({ text, id, max = MAX_TEXT }: { text: string; id?: string; max?: number }) {
  const { chars, paragraphs } = textStats(text);
  return (
    <span className="text-stats" id={id} aria-live="off">
      {chars} 字 · {paragraphs} 段
      <LimitCount length={text.length} max={max} />
    </span>
  );
}

/**
 * Keeps a field within `max` characters as the clerk types, pastes or drops text: an edit
 * that would pass it is cut (fitEdit), and `message` says so at the field. `fit(el, prev)`
 * runs on the field's change with the value it had before (what is stored); false: unchanged.
 */
function useLimit(what: string, max: number): { message: string | null; fit: (el: Editable, prev: string) => void } {
  const [message, setMessage] = useState<string | null>(null);
  const fit = useCallback(
    (el: Editable, prev: string) => {
      const fitted = fitEdit(prev, el.value, max);
      if (!fitted) {
        if (el.value.length < max) setMessage(null);
        return;
      }
      el.value = fitted.value;
      el.setSelectionRange(fitted.caret, fitted.caret);
      setMessage(cutMessage(what, max, fitted.cut));
    },
    [what, max],
  );
  return { message, fit };
}

type Editable = HTMLTextAreaElement | HTMLInputElement;

/** The message of useLimit under its field. */
export function LimitMessage({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  );
}

export type StoreTextKey = 'problems' | 'otherMatters';

/** In a long text the count under it follows at most this often (counting 50,000 characters costs ~1 ms a key). */
const STATS_EVERY_MS = 300;

/**
 * The text for the count under a field: at once while short, at most every STATS_EVERY_MS
 * once long (the last value always lands).
 */
function useCountedText(initial: string): [string, (value: string) => void] {
  const [text, setText] = useState(initial);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const set = useCallback((value: string) => {
    if (value.length <= LONG_TEXT && !timer.current) {
      setText(value);
      return;
    }
    pending.current = value;
    timer.current ??= setTimeout(() => {
      timer.current = null;
      if (pending.current !== null) setText(pending.current);
      pending.current = null;
    }, STATS_EVERY_MS);
  }, []);
  return [text, set];
}

/**
 * A whole-section text (五, 六) bound to the store. Uncontrolled: React never writes the value
 * back while the clerk types, so an IME composition is never disturbed; changes from elsewhere
 * (undo, import) are copied in when no composition is running. No defaultValue: after every
 * change event React assigns the textarea's defaultValue again, which replaces its text node;
 * with the text there, each key copied 50,000 characters into the page. The text is set as
 * its value once, on mounting, and the element is kept between renders.
 */
export function StoreTextarea({ field, label, hint }: { field: StoreTextKey; label: string; hint?: string }) {
  const store = useReportStore();
  const ref = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const [initial] = useState(() => store.getReport()[field]);
  const [text, setText] = useCountedText(initial);
  const id = useId();
  const limit = useLimit(`「${label}」`, MAX_TEXT);

  const write = useCallback(
    (el: HTMLTextAreaElement) => {
      // Cut against what is stored: the text before this edit (an IME's whole composition included).
      limit.fit(el, store.getReport()[field]);
      const value = el.value;
      setText(value);
      store.update((r) => (r[field] === value ? r : { ...r, [field]: value }), `输入${label}`, 'edit', {
        typing: field,
      });
    },
    [store, field, label, limit.fit, setText],
  );

  useLayoutEffect(() => {
    if (ref.current) ref.current.value = initial;
  }, [initial]);

  useEffect(() => {
    const el = ref.current;
    growToContent(el);
    return store.subscribeText(() => {
      const value = store.getReport()[field];
      if (!el || composing.current || el.value === value) return;
      el.value = value;
      setText(value);
      growToContent(el);
    });
  }, [store, field, setText]);

  const describedBy = `${id}-stats${limit.message ? ` ${id}-limit` : ''} ${id}-findings`;
  // The same element between renders, so React leaves the textarea alone.
  const area = useMemo(
    () => (
      <AutoTextarea
        ref={ref}
        id={id}
        name={field}
        rows={8}
        aria-describedby={describedBy}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={(e) => {
          composing.current = false;
          write(e.currentTarget);
        }}
        // Coming back later to rework the text is a new undo step.
        onFocus={() => store.sealTyping()}
        onBlur={() => store.sealTyping()}
        onChange={(e) => {
          if (composing.current) {
            setText(e.currentTarget.value);
            return;
          }
          write(e.currentTarget);
        }}
      />
    ),
    [id, field, describedBy, write, store, setText],
  );

  return (
    <div className="text-block">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {area}
      <div className="field-foot">
        <TextStats text={text} id={`${id}-stats`} />
      </div>
      <LimitMessage message={limit.message} id={`${id}-limit`} />
      <FieldFindings path={field} id={`${id}-findings`} />
    </div>
  );
}
