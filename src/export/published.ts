// What the published report prints, shared by the outputs that publish it: where the
// title breaks, and which of section 六's starting prompts the clerk actually filled.
import { OTHER_MATTERS_DEFAULT_ITEMS, REPORT_TITLE_SUFFIX } from '../report';

/** Width in full-width characters: digits and Latin letters take half. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/** A title line is 156 mm of 22 pt (二号) type: 20 full-width characters. */
export const TITLE_LINE_WIDTH = 20;

const TITLE_TAIL = REPORT_TITLE_SUFFIX.slice(1); // 政府信息公开工作年度报告

/**
 * The title in lines, broken only after the agency's name or before 「政府信息公开工作年度报告」,
 * never inside a word: one line when it fits, else the break whose longer line is shortest
 * (both lines balanced). An agency name wider than a line still wraps inside itself:
 * nothing better exists, and the rest of the title stays whole on the next line.
 */
export function titleLines(agency: string, year: number | null, width = TITLE_LINE_WIDTH): string[] {
  const name = agency.trim();
  const yearText = `${year ?? '____'}年`;
  const whole = `${name}${yearText}${TITLE_TAIL}`;
  if (textWidth(whole) <= width || !name) return [whole];
  const candidates = [
    [name, `${yearText}${TITLE_TAIL}`],
    [`${name}${yearText}`, TITLE_TAIL],
  ];
  const worst = (lines: string[]) => Math.max(...lines.map(textWidth));
  const fitting = candidates.filter((c) => worst(c) <= width);
  if (!fitting.length) return candidates[0]!;
  return fitting.reduce((best, c) => (worst(c) < worst(best) ? c : best));
}

export interface TextPart {
  /** A sub-heading (one of 六's usual items the clerk wrote about), without numbering. */
  heading?: string;
  /** Paragraphs; a single line break inside one stays a line break. */
  paragraphs: string[];
}

const NUMBERING = /^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．)）])\s*/;

/** Blank lines separate paragraphs, as in the editor. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((p) => p !== '');
}

const isPrompt = (line: string): string | null => {
  const bare = line.replace(NUMBERING, '').replace(/[：:。\s\u3000]+$/, '');
  return (OTHER_MATTERS_DEFAULT_ITEMS as readonly string[]).includes(bare) ? bare : null;
};

/**
 * Section 六 as published. Its usual items are prompts offered by the editor, not content:
 * an item the clerk left as it came (its heading alone) is dropped; one she wrote about keeps
 * its heading as a sub-heading, numbered by the output at the right level (（一） under 六).
 */
export function otherMattersParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let current: TextPart = { paragraphs: [] };
  const flush = () => {
    if (current.paragraphs.length) parts.push(current);
  };
  for (const p of splitParagraphs(text)) {
    // A prompt line starts a new item even without a blank line before it.
    let lines: string[] = [];
    const push = () => {
      const body = lines.join('\n').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
      if (body) current.paragraphs.push(body);
      lines = [];
    };
    for (const line of p.split('\n')) {
      const heading = isPrompt(line);
      if (heading === null) {
        lines.push(line);
        continue;
      }
      push();
      flush();
      current = { heading, paragraphs: [] };
    }
    push();
  }
  flush();
  return parts;
}
