// 一、总体情况: sub-sections, each a heading and plain-text paragraphs. The clerk may rename,
// add, remove and reorder them (the seed merges and renames the usual five); a part with an
// empty heading is a lead paragraph printed before the numbered parts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Control, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { type OverviewPart, missingUsualParts } from '../report';
import { MAX_HEADING, MAX_OVERVIEW_PARTS, MAX_TEXT, cutMessage, fitEdit } from '../report/limits';
import { FieldFindings } from './FieldFindings';
import { useReportStore } from './storeContext';
import { AutoTextarea, LimitCount, LimitMessage, TextStats, growToContent } from './textareas';

interface OverviewForm {
  overview: OverviewPart[];
}

const copy = (parts: readonly OverviewPart[]): OverviewPart[] =>
  parts.map((p) => ({ heading: p.heading, body: p.body }));
const same = (a: readonly OverviewPart[], b: readonly OverviewPart[]): boolean =>
  a.length === b.length && a.every((p, i) => p.heading === b[i]!.heading && p.body === b[i]!.body);
/** Undo label for typing into `overview.<i>.heading|body`; the same label coalesces keystrokes. */
const typingLabel = (name: string): string => {
  const m = /^overview\.(\d+)\.(heading|body)$/.exec(name);
  return m
    ? `输入“一、总体情况”第 ${Number(m[1]) + 1} 部分${m[2] === 'heading' ? '标题' : '正文'}`
    : '输入“一、总体情况”';
};
const partName = (heading: string, i: number): string =>
  heading.trim() ? `「${heading.trim()}」` : `第 ${i + 1} 部分`;

/** A field of a part, by its form name: the stored text, its limit and how a message names it. */
function partField(parts: readonly OverviewPart[], name: string): { stored: string; max: number; what: string } | null {
  const m = /^overview\.(\d+)\.(heading|body)$/.exec(name);
  if (!m) return null;
  const i = Number(m[1]);
  const heading = m[2] === 'heading';
  return {
    stored: parts[i]?.[heading ? 'heading' : 'body'] ?? '',
    max: heading ? MAX_HEADING : MAX_TEXT,
    what: `“一、总体情况”第 ${i + 1} 部分${heading ? '标题' : '正文'}`,
  };
}

export function OverviewStep() {
  const store = useReportStore();
  const { control, register, subscribe, getValues, reset, setValue } = useForm<OverviewForm>({
    defaultValues: { overview: copy(store.getReport().overview) },
  });
  const { fields, append, remove, move, insert } = useFieldArray({ control, name: 'overview' });
  const composing = useRef(false);
  const [removed, setRemoved] = useState<{ name: string; part: OverviewPart; index: number } | null>(null);
  const refocus = useRef<string | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  /** The field whose last edit was cut at its limit, and what it is told. */
  const [cut, setCut] = useState<{ name: string; message: string } | null>(null);

  /**
   * Keeps a typed, pasted or dropped edit within the field's limit, against the stored text
   * (the form already holds the edit, and an IME composition is stored only when it ends).
   */
  const keepWithinLimit = useCallback(
    (el: HTMLInputElement | HTMLTextAreaElement) => {
      const f = partField(store.getReport().overview, el.name);
      if (!f) return;
      const fitted = fitEdit(f.stored, el.value, f.max);
      if (!fitted) {
        if (el.value.length < f.max) setCut((c) => (c?.name === el.name ? null : c));
        return;
      }
      el.value = fitted.value;
      el.setSelectionRange(fitted.caret, fitted.caret);
      setCut({ name: el.name, message: cutMessage(f.what, f.max, fitted.cut) });
    },
    [store],
  );
  /** A part's field, registered with the form, cut to its limit before the form reads it. */
  const limited = (name: `overview.${number}.heading` | `overview.${number}.body`) => {
    const field = register(name);
    return {
      ...field,
      onChange: (e: { target: HTMLInputElement | HTMLTextAreaElement }) => {
        if (!composing.current) keepWithinLimit(e.target);
        return field.onChange(e);
      },
    };
  };

  const save = useCallback(
    /** `typing`: the form field a keystroke went into, so the next ones join its undo step. */
    (label: string, typing: string | null = null) => {
      const parts = copy(getValues('overview'));
      store.update((r) => (same(r.overview, parts) ? r : { ...r, overview: parts }), label, 'edit', { typing });
    },
    [getValues, store],
  );

  // Typing → store (one coalesced undo step per field), but not while an IME is composing.
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name, type }) => {
          if (type !== 'change' || composing.current || !name) return;
          save(typingLabel(name), name);
        },
      }),
    [subscribe, save],
  );

  // Undo, import or restore → form (the only case where the fields are re-created).
  useEffect(
    () =>
      store.subscribeText(() => {
        const parts = store.getReport().overview;
        if (composing.current || same(parts, getValues('overview'))) return;
        reset({ overview: copy(parts) });
      }),
    [store, getValues, reset],
  );

  useEffect(() => {
    document.querySelectorAll<HTMLTextAreaElement>('.overview textarea').forEach(growToContent);
    if (refocus.current) {
      document.querySelector<HTMLElement>(refocus.current)?.focus();
      refocus.current = null;
    }
  });

  useEffect(() => {
    if (removed) undoRef.current?.focus();
  }, [removed]);

  const add = (heading: string) => {
    // The same limit the JSON reader applies (report/limits.ts): an export must import back.
    if (fields.length >= MAX_OVERVIEW_PARTS) return;
    setRemoved(null);
    append(
      { heading, body: '' },
      { shouldFocus: true, focusName: `overview.${fields.length}.${heading ? 'body' : 'heading'}` },
    );
    save(heading ? `添加「${heading}」` : '添加一部分');
  };

  const drop = (i: number) => {
    const part = { ...getValues(`overview.${i}`) };
    const name = partName(part.heading, i);
    remove(i);
    save(`删除“一、总体情况”${name}`);
    setRemoved({ name, part, index: i });
  };

  // Put the part back where it was, even if the clerk has typed elsewhere since.
  const restore = () => {
    if (!removed) return;
    const at = Math.min(removed.index, getValues('overview').length);
    insert(at, removed.part, { shouldFocus: true, focusName: `overview.${at}.heading` });
    save(`恢复“一、总体情况”${removed.name}`);
    setRemoved(null);
  };

  // 导语: an untitled part first. Added in one click, instead of 添加一部分 + moving it up + clearing its title.
  const addLead = () => {
    setRemoved(null);
    insert(0, { heading: '', body: '' }, { shouldFocus: true, focusName: 'overview.0.body' });
    save('添加导语');
  };

  // 「沿用」 last year's text for a part: replaces this part's text, one undo step.
  const reuse = (i: number, body: string) => {
    setValue(`overview.${i}.body`, body, { shouldDirty: true });
    save(`沿用上年“一、总体情况”${partName(getValues(`overview.${i}.heading`), i)}`);
    document.querySelectorAll<HTMLTextAreaElement>('.overview textarea').forEach(growToContent);
  };
  const previous = store.getPrevious()?.overview ?? [];

  const shift = (i: number, to: number, id: string, dir: 'up' | 'down') => {
    setRemoved(null);
    move(i, to);
    save(`移动${partName(getValues(`overview.${to}.heading`), to)}`);
    // Keep focus on the button pressed, unless it just became disabled at the edge.
    const atEdge = (dir === 'up' && to === 0) || (dir === 'down' && to === fields.length - 1);
    refocus.current = `[data-part="${id}"] .part-move-${atEdge ? (dir === 'up' ? 'down' : 'up') : dir}`;
  };

  return (
    <div
      className="overview"
      onCompositionStart={() => (composing.current = true)}
      onCompositionEnd={(e) => {
        composing.current = false;
        const el = e.target as HTMLInputElement | HTMLTextAreaElement;
        const name = el.getAttribute('name');
        if (!name) return;
        // The whole composition is one edit: cut to the limit, then into the form and the store.
        const before = el.value;
        keepWithinLimit(el);
        if (el.value !== before) setValue(name as `overview.${number}.body`, el.value);
        save(typingLabel(name), name);
      }}
    >
      <p className="step-intro">
        按常用的五个部分填写，可改标题、合并、增删和调整顺序。标题留空的部分作为开头的导语段落。正文空一行即分段。
      </p>
      {removed ? (
        <div className="notice" role="status">
          已删除{removed.name}。
          <button ref={undoRef} type="button" className="link-button" onClick={restore}>
            撤销删除
          </button>
        </div>
      ) : null}
      <LeadBox control={control} onAdd={addLead} />
      <ol className="parts">
        {fields.map((field, i) => (
          <li key={field.id} className="part" data-part={field.id}>
            <LeadLabel control={control} index={i} />
            <div className="part-head">
              <span className="part-number" aria-hidden="true">
                {i + 1}
              </span>
              <label className="visually-hidden" htmlFor={`part-${field.id}-heading`}>
                第 {i + 1} 部分标题
              </label>
              <input
                id={`part-${field.id}-heading`}
                className="text-input part-heading"
                placeholder="（无标题：作为导语段落）"
                aria-describedby={cut?.name === `overview.${i}.heading` ? `part-${field.id}-heading-limit` : undefined}
                {...limited(`overview.${i}.heading`)}
              />
              <HeadingCount control={control} index={i} />
              <div className="part-actions">
                <button
                  type="button"
                  className="icon-button part-move-up"
                  aria-label={`上移第 ${i + 1} 部分`}
                  title="上移"
                  disabled={i === 0}
                  onClick={() => shift(i, i - 1, field.id, 'up')}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button part-move-down"
                  aria-label={`下移第 ${i + 1} 部分`}
                  title="下移"
                  disabled={i === fields.length - 1}
                  onClick={() => shift(i, i + 1, field.id, 'down')}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="text-button danger"
                  aria-label={`删除第 ${i + 1} 部分`}
                  onClick={() => drop(i)}
                >
                  删除
                </button>
              </div>
            </div>
            {cut?.name === `overview.${i}.heading` ? (
              <LimitMessage message={cut.message} id={`part-${field.id}-heading-limit`} />
            ) : null}
            <LeadHint control={control} index={i} />
            <label className="visually-hidden" htmlFor={`part-${field.id}-body`}>
              第 {i + 1} 部分正文
            </label>
            <AutoTextarea
              id={`part-${field.id}-body`}
              rows={5}
              aria-describedby={`part-${field.id}-stats${cut?.name === `overview.${i}.body` ? ` part-${field.id}-body-limit` : ''}`}
              {...limited(`overview.${i}.body`)}
            />
            <div className="field-foot">
              <BodyStats control={control} index={i} id={`part-${field.id}-stats`} />
            </div>
            {cut?.name === `overview.${i}.body` ? (
              <LimitMessage message={cut.message} id={`part-${field.id}-body-limit`} />
            ) : null}
            <FieldFindings path={`overview.${i}.body`} />
            <LastYear control={control} index={i} previous={previous} onReuse={reuse} />
          </li>
        ))}
      </ol>
      <div className="parts-add">
        {fields.length >= MAX_OVERVIEW_PARTS ? (
          <p className="field-hint">「一、总体情况」最多 {MAX_OVERVIEW_PARTS} 部分，不能再添加。</p>
        ) : (
          <>
            <button type="button" className="secondary-button" onClick={() => add('')}>
              添加一部分
            </button>
            <MissingUsualParts control={control} onAdd={add} />
          </>
        )}
      </div>
    </div>
  );
}

function BodyStats({ control, index, id }: { control: Control<OverviewForm>; index: number; id: string }) {
  const body = useWatch({ control, name: `overview.${index}.body` });
  return <TextStats text={body ?? ''} id={id} />;
}

/** The heading's count against its limit, once near it. */
function HeadingCount({ control, index }: { control: Control<OverviewForm>; index: number }) {
  const heading = useWatch({ control, name: `overview.${index}.heading` });
  return <LimitCount length={(heading ?? '').length} max={MAX_HEADING} short />;
}

function LeadHint({ control, index }: { control: Control<OverviewForm>; index: number }) {
  const heading = useWatch({ control, name: `overview.${index}.heading` });
  if ((heading ?? '').trim()) return null;
  return <p className="field-hint">无标题：本段作为“一、总体情况”开头的导语，印在各部分之前。</p>;
}

/** The usual sub-sections not (or no longer) present, offered back by name. */
function MissingUsualParts({ control, onAdd }: { control: Control<OverviewForm>; onAdd: (heading: string) => void }) {
  const parts = useWatch({ control, name: 'overview' });
  return missingUsualParts((parts ?? []).map((p) => p.heading)).map((h) => (
    <button key={h} type="button" className="text-button" onClick={() => onAdd(h)}>
      添加“{h}”
    </button>
  ));
}

/** 「添加导语」 while the first part has a title (no lead paragraph yet). */
function LeadBox({ control, onAdd }: { control: Control<OverviewForm>; onAdd: () => void }) {
  const first = useWatch({ control, name: 'overview.0.heading' });
  const parts = useWatch({ control, name: 'overview' });
  if ((parts ?? []).length && !(first ?? '').trim()) return null;
  return (
    <div className="lead-box">
      <span className="field-label">导语</span>
      <span className="field-hint">开头一段，不带标题，印在各部分之前（可不写）。</span>
      <button type="button" className="secondary-button small" onClick={onAdd}>
        添加导语
      </button>
    </div>
  );
}

/** The first part, untitled, is the lead paragraph: said so above it. */
function LeadLabel({ control, index }: { control: Control<OverviewForm>; index: number }) {
  const heading = useWatch({ control, name: `overview.${index}.heading` });
  if (index !== 0 || (heading ?? '').trim()) return null;
  return <p className="lead-label">导语</p>;
}

/**
 * Last year's text of the part with the same title (the lead: last year's lead), read-only
 * beside this one, with 「沿用」 to take it over.
 */
function LastYear({
  control,
  index,
  previous,
  onReuse,
}: {
  control: Control<OverviewForm>;
  index: number;
  previous: readonly OverviewPart[];
  onReuse: (index: number, body: string) => void;
}) {
  const heading = (useWatch({ control, name: `overview.${index}.heading` }) ?? '').trim();
  const body = useWatch({ control, name: `overview.${index}.body` }) ?? '';
  if (!previous.length) return null;
  const match = heading
    ? previous.find((p) => p.heading.trim() === heading)
    : index === 0 && !previous[0]!.heading.trim()
      ? previous[0]
      : undefined;
  if (!match?.body.trim()) return null;
  return (
    // Open while the part is still empty: that is when last year's text helps most.
    <details className="last-year" open={!body.trim()}>
      <summary>上年的这一部分（只读）</summary>
      <blockquote className="last-year-text">{match.body}</blockquote>
      <button type="button" className="secondary-button small" onClick={() => onReuse(index, match.body)}>
        沿用上年文字
      </button>
    </details>
  );
}
