// Completeness is progress, not error: a blank cell or empty section (E3) is "还有 N 格未填"
// while the clerk is filling that step in, and an error once she has left it or gone to 检查.
import type { Finding } from '../report';
import { stepOfFinding } from './steps';

/** An E3 finding of a step she has not left yet: shown as progress. */
export const isPending = (f: Finding, revealed: ReadonlySet<string>): boolean =>
  f.rule === 'E3' && !revealed.has(stepOfFinding(f));

/** How many cells or fields a completeness finding stands for (a table's E3 names all its blanks). */
export const missingCount = (f: Finding): number => (f.rule === 'E3' ? Math.max(1, f.cells.length) : 0);

export interface Sorted {
  errors: Finding[];
  warnings: Finding[];
  /** E3 findings still shown as progress. */
  pending: Finding[];
}

export function sortFindings(findings: readonly Finding[], revealed: ReadonlySet<string>): Sorted {
  const out: Sorted = { errors: [], warnings: [], pending: [] };
  for (const f of findings) {
    if (isPending(f, revealed)) out.pending.push(f);
    else if (f.severity === 'error') out.errors.push(f);
    else out.warnings.push(f);
  }
  return out;
}
