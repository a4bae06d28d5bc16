// A keystroke as a small patch: what changed between two versions of a report, as a few
// operations keyed by path, so the copies written after every key (the localStorage journal,
// the staged copy in IndexedDB) cost what the edit costs, not what the report weighs. A
// full copy is written only at the regular save (compaction). Pure: no storage here.
import type { Report } from '../report';

type Key = string | number;

/**
 * Set the value at `p` (`o`: the value it replaces, when that is a plain value: a patch
 * applied to another version is refused); `x`: delete the key; or replace `n` characters at
 * `i` of the text at `p`.
 */
export type PatchOp =
  | { p: Key[]; v: unknown; o?: string | number | boolean | null }
  | { p: Key[]; x: true }
  | {
      p: Key[];
      i: number;
      n: number;
      s: string;
      /** The text's length before, and the characters around the splice: a patch applied to any other text is refused. */
      l: number;
      c: string;
    };

/** The change from edit `from` to edit `to` (the autosave's counter), written at `at`. */
export interface ReportPatch {
  from: number;
  to: number;
  at: number;
  ops: PatchOp[];
}

/** Characters kept each side of a splice to recognise its text. */
const CONTEXT = 16;
/** Shorter texts are set whole (a splice would be no smaller). */
const SPLICE_FROM = 64;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function context(text: string, i: number, n: number): string {
  return `${text.slice(Math.max(0, i - CONTEXT), i)}\u0000${text.slice(i + n, i + n + CONTEXT)}`;
}

function spliceOf(p: Key[], a: string, b: string): PatchOp {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  const n = a.length - start - end;
  return { p, i: start, n, s: b.slice(start, b.length - end), l: a.length, c: context(a, start, n) };
}

const plain = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function set(p: Key[], a: unknown, b: unknown): PatchOp {
  const v = b === undefined ? null : b;
  return plain(a) ? { p, v, o: a } : { p, v };
}

function diff(a: unknown, b: unknown, p: Key[], out: PatchOp[]): void {
  if (Object.is(a, b)) return;
  if (typeof a === 'string' && typeof b === 'string') {
    out.push(a.length + b.length > SPLICE_FROM ? spliceOf(p, a, b) : set(p, a, b));
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) diff(a[i], b[i], [...p, i], out);
  } else if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) if (!Object.hasOwn(b, k)) out.push({ p: [...p, k], x: true });
    for (const k of Object.keys(b)) diff(a[k], b[k], [...p, k], out);
  } else {
    out.push(set(p, a, b));
  }
}

/**
 * The operations that turn `before` into `after`. The store changes a report immutably, so
 * parts that are the same object are skipped without looking inside: a key in a long text
 * costs one comparison of that text, nothing else.
 */
export function diffReport(before: Report, after: Report): PatchOp[] {
  const out: PatchOp[] = [];
  diff(before, after, [], out);
  return out;
}

function applyOp(root: Record<string, unknown>, op: PatchOp): boolean {
  if (!op || !Array.isArray(op.p) || op.p.length === 0) return false;
  let parent: unknown = root;
  for (const k of op.p.slice(0, -1)) {
    if (!parent || typeof parent !== 'object' || !Object.hasOwn(parent, k)) return false;
    parent = (parent as Record<Key, unknown>)[k];
  }
  if (!parent || typeof parent !== 'object') return false;
  const last = op.p[op.p.length - 1]!;
  if (last === '__proto__' || last === 'constructor' || last === 'prototype') return false;
  const obj = parent as Record<Key, unknown>;
  if ('x' in op) {
    delete obj[last];
    return true;
  }
  if ('v' in op) {
    if ('o' in op && !Object.is(obj[last] ?? null, op.o)) return false;
    obj[last] = op.v;
    return true;
  }
  const text = obj[last];
  if (
    typeof text !== 'string' ||
    typeof op.s !== 'string' ||
    text.length !== op.l ||
    !Number.isSafeInteger(op.i) ||
    !Number.isSafeInteger(op.n) ||
    op.i < 0 ||
    op.n < 0 ||
    op.i + op.n > text.length ||
    context(text, op.i, op.n) !== op.c
  ) {
    return false;
  }
  obj[last] = text.slice(0, op.i) + op.s + text.slice(op.i + op.n);
  return true;
}

/** A copy of `report` with `ops` applied; null when they do not fit it (a patch of another text). */
export function applyPatch(report: Report, ops: readonly PatchOp[]): Report | null {
  const copy = structuredClone(report) as unknown as Record<string, unknown>;
  for (const op of ops) if (!applyOp(copy, op)) return null;
  return copy as unknown as Report;
}

/** A stored value read back as a patch, or null. */
export function asPatch(v: unknown): ReportPatch | null {
  if (!isObject(v)) return null;
  const { from, to, at, ops } = v;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || typeof at !== 'number' || !Array.isArray(ops)) {
    return null;
  }
  if ((to as number) <= (from as number)) return null;
  return v as unknown as ReportPatch;
}

/**
 * `base` (content of change `edit`) brought forward by the patches that follow it in an
 * unbroken chain (each starting where the last ended, each fitting its text); patches of
 * another chain or past a gap are left out. `at` is the last applied patch's time.
 */
export function applyChain<T extends { report: Report; edit: number; at: number }>(
  base: T,
  patches: readonly ReportPatch[],
): T {
  const byFrom = new Map<number, ReportPatch>();
  for (const p of patches) if (!byFrom.has(p.from)) byFrom.set(p.from, p);
  let out = base;
  let copy: Record<string, unknown> | null = null;
  for (let next = byFrom.get(out.edit); next; next = byFrom.get(out.edit)) {
    copy ??= structuredClone(out.report) as unknown as Record<string, unknown>;
    // Applied to a scratch copy first: a patch that does not fit leaves the chain where it was.
    const trial: Record<string, unknown> = structuredClone(copy);
    if (!next.ops.every((op) => applyOp(trial, op))) break;
    copy = trial;
    out = { ...out, report: copy as unknown as Report, edit: next.to, at: next.at };
    byFrom.delete(next.from);
  }
  return out;
}
