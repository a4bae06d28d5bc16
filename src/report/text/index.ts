// W3–W5: checks on the narrative sections 一、五、六, one module per rule over shared
// sentence splitting (sentences.ts). Nothing here keeps state between calls: a caller that
// checks often (the wizard's store, the autosave's counts) owns a TextRuleCache so a table
// keystroke re-compares the text's claims without re-reading the text, and a text keystroke
// re-reads only the sentences it changed.
import type { Report } from '../model';
import type { Finding } from '../rules';
import { type TextField, textFields } from './sentences';
import { w3 } from './w3Years';
import { type ClaimMemo, type Claims, type Values, readClaims, w4 } from './w4Figures';
import { w5 } from './w5Fees';

/** What was read from the text last time, keyed by the very strings it was read from. */
export interface TextRuleCache {
  fields?: readonly TextField[];
  year?: number | null;
  claims?: Claims;
  /** The sentences read last time (see readClaims): a keystroke's re-read parses only what changed. */
  claimMemo?: ClaimMemo;
  w3?: Finding[];
}

export const createTextRuleCache = (): TextRuleCache => ({});

/** Same fields, compared string by string: an unchanged text is the same string, so this is cheap. */
function sameText(a: readonly TextField[] | undefined, b: readonly TextField[]): boolean {
  if (!a || a.length !== b.length) return false;
  return a.every((f, i) => f.path === b[i]!.path && f.heading === b[i]!.heading && f.text === b[i]!.text);
}

export function textRules(report: Report, values: Values, cache: TextRuleCache = {}): Finding[] {
  const fields = textFields(report);
  if (!sameText(cache.fields, fields)) {
    cache.fields = fields;
    cache.claims = readClaims(fields, cache);
    cache.w3 = undefined;
  }
  if (cache.w3 === undefined || cache.year !== report.year) {
    cache.year = report.year;
    // The fields kept, not today's equal copies: they hold their sentences already.
    cache.w3 = w3(report, cache.fields!);
  }
  return [...cache.w3, ...w4(cache.claims!, values), ...w5(report)];
}
