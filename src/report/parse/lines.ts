// The parser's input model: a published report as lines of cells, the way a browser
// or Word copies a page (a paragraph is a one-cell line, a table row is tab-separated).
// HTML input is brought to the same model by html.ts, so one reader serves both.

export interface Line {
  /** Cells, trimmed (a paragraph is one cell). Empty cells are kept: their position can matter. */
  cells: string[];
  /** The text the line came from, quoted in problems. */
  raw: string;
}

const SPACE = /^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g;

export const trimCell = (s: string): string => s.replace(SPACE, '');

export function textToLines(text: string): Line[] {
  // A non-breaking space inside a paragraph is an ordinary space to the clerk.
  return text
    .replace(/\u00a0/g, ' ')
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((raw) => ({ cells: raw.split('\t').map(trimCell), raw: trimCell(raw) }));
}

export const nonEmpty = (line: Line): string[] => line.cells.filter((c) => c !== '');

export const isBlank = (line: Line): boolean => line.cells.every((c) => c === '');

/** A line's text as a paragraph: its non-empty cells joined by a space. */
export const lineText = (line: Line): string => nonEmpty(line).join(' ');
