// Long plain text: auto-growing textareas, a character count, and a binding to the store
// that never re-sets the textarea while the clerk is composing with an IME.
import { type ComponentPropsWithRef, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useReportStore } from './storeContext';
import { FieldFindings } from './FieldFindings';

const FIELD_SIZING =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

/** Grows with its content: CSS field-sizing where supported, else height follows scrollHeight. */
export function growToContent(el: HTMLTextAreaElement | null): void {
  if (!el || FIELD_SIZING) return;
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

export function TextStats({ text, id }: { text: string; id?: string }) {
  const { chars, paragraphs } = textStats(text);
  return (
    <span className="text-stats" id={id} aria-live="off">
      {chars} 字 · {paragraphs} 段
    </span>
  );
}

export type StoreTextKey = 'problems' | 'otherMatters';

/**
 * A whole-section text (五, 六) bound to the store. Uncontrolled: React never writes the value
 * back while the clerk types, so an IME composition is never disturbed; changes from elsewhere
 * (undo, import) are copied in when no composition is running.
 */
export function StoreTextarea({ field, label, hint }: { field: StoreTextKey; label: string; hint?: string }) {
  const store = useReportStore();
  const ref = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const [text, setText] = useState(() => store.getReport()[field]);
  const id = useId();

  const write = useCallback(
    (value: string) => {
      setText(value);
      store.update((r) => (r[field] === value ? r : { ...r, [field]: value }), `输入${label}`, 'edit', {
        typing: field,
      });
    },
    [store, field, label],
  );

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
  }, [store, field]);

  return (
    <div className="text-block">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <AutoTextarea
        ref={ref}
        id={id}
        name={field}
        defaultValue={text}
        rows={8}
        aria-describedby={`${id}-stats ${id}-findings`}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={(e) => {
          composing.current = false;
          write(e.currentTarget.value);
        }}
        // Coming back later to rework the text is a new undo step.
        onFocus={() => store.sealTyping()}
        onBlur={() => store.sealTyping()}
        onChange={(e) => {
          if (composing.current) {
            setText(e.currentTarget.value);
            return;
          }
          write(e.currentTarget.value);
        }}
      />
      <div className="field-foot">
        <TextStats text={text} id={`${id}-stats`} />
      </div>
      <FieldFindings path={field} id={`${id}-findings`} />
    </div>
  );
}
