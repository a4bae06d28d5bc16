// Limits and character rules of a report's text fields: the schema enforces them on import,
// the form on typing, so a file cannot bring in what a clerk could not type. No zod here:
// the first screen uses these without loading the JSON reader.

/** 机关名称: the longest real ones (「××省××市××区××街道办事处」) are under 40 characters. */
const MAX_AGENCY = 80;
/** A sub-section heading of 一. */
export const MAX_HEADING = 100;
/** One body of 一, or 五, or 六: real reports write a few thousand characters. */
export const MAX_TEXT = 50_000;
/** Sub-sections of 一: the template has five; a report with 10,000 took 11.5 s to open. */
export const MAX_OVERVIEW_PARTS = 30;

// Built from text, not a literal: the linter rightly flags control characters in a regex literal.
/** Direction marks, embeddings, overrides and isolates: invisible, and they reorder what follows. */
const BIDI = '\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u061c';
/** C0 and C1 controls except tab and line breaks, and the direction controls. */
const UNSAFE_IN_TEXT = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${BIDI}]`);
/** In a one-line name, tab and line breaks too. */
const UNSAFE_IN_NAME = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI}]`);
/** Every unsafe character, for stripping from a file name. */
export const UNSAFE_CHARS = new RegExp(UNSAFE_IN_NAME.source, 'g');

const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function describeUnsafe(what: string, text: string, re: RegExp): string | null {
  const m = re.exec(text);
  if (!m) return null;
  const c = m[0];
  const cp = c.codePointAt(0)!;
  const kind =
    (cp >= 0x200e && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x61c
      ? '不可见的文字方向控制符'
      : '控制字符';
  return `${what}第 ${[...text.slice(0, m.index)].length + 1} 个字是${kind}（${codePoint(c)}），请删去后重新输入`;
}

/** Why a 机关名称 is refused, or null. Blank is the completeness rule's business, not this one's. */
export function agencyProblem(agency: string): string | null {
  if (agency.trim().length > MAX_AGENCY) return `机关名称不超过 ${MAX_AGENCY} 个字（现有 ${agency.trim().length} 个）`;
  return describeUnsafe('机关名称', agency, UNSAFE_IN_NAME);
}

/** Why a text field (heading or body) is refused, or null; `what` names it. */
export function textProblem(what: string, text: string, max: number): string | null {
  if (text.length > max) return `${what}不超过 ${max} 个字（现有 ${text.length} 个）`;
  return describeUnsafe(what, text, UNSAFE_IN_TEXT);
}

/** An edit cut to a field's limit: the value to keep, where the caret goes, how many characters were left out. */
export interface FittedEdit {
  value: string;
  caret: number;
  cut: number;
}

/**
 * `prev` became `next` (a key, a paste, a drop, an IME commit) and `next` is longer than `max`:
 * the inserted text is cut so the field holds at most `max` characters, and nothing that was
 * there before is lost (the text after the caret stays). Null when the edit fits, or does not
 * lengthen the text (a field already over the limit, from an old draft, may still be shortened).
 */
export function fitEdit(prev: string, next: string, max: number): FittedEdit | null {
  if (next.length <= max || next.length <= prev.length) return null;
  // The edit is one replaced span: what both share at the start and at the end stays.
  const shorter = Math.min(prev.length, next.length);
  let start = 0;
  while (start < shorter && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end))
    end++;
  const inserted = next.slice(start, next.length - end);
  let room = Math.max(0, max - start - end);
  // Never half a character: a surrogate pair is kept whole or left out.
  const code = inserted.charCodeAt(room - 1);
  if (room > 0 && room < inserted.length && code >= 0xd800 && code <= 0xdbff) room--;
  // The clerk replaced a selection with text that does not fit at all: keep what was there.
  if (room === 0 && prev.length > start + end) return { value: prev, caret: start, cut: inserted.length };
  const value = next.slice(0, start) + inserted.slice(0, room) + next.slice(next.length - end);
  return { value, caret: start + room, cut: inserted.length - room };
}

/** The message at a field whose edit was cut by fitEdit; `what` names the field. */
export const cutMessage = (what: string, max: number, cut: number): string =>
  `${what}最多 ${max} 个字（含空格和换行），超出的 ${cut} 个字没有加入；已写的内容没有改动。`;
