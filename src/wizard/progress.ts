// Completeness is progress, not error: a blank cell or empty section (E3) is "还有 N 格未填"
// while the clerk is filling that step in, and an error once she has left it or gone to 检查.
// So is W5 over 六's untouched starting text (issue 12): its item headings cannot say yet
// whether 信息处理费 was collected, and a new report must not greet her with a warning.
import { type Finding, type Report, otherMattersUntouched } from '../report';
import { stepOfFinding } from './steps';

/** A completeness finding of a step she has not left yet: shown as progress. */
export function isPending(f: Finding, revealed: ReadonlySet<string>, report: Pick<Report, 'otherMatters'>): boolean {
  if (revealed.has(stepOfFinding(f))) return false;
  return f.rule === 'E3' || (f.rule === 'W5' && otherMattersUntouched(report.otherMatters));
}

/** How many cells or fields a completeness finding stands for (a table's E3 names all its blanks). */
export const missingCount = (f: Finding): number =>
  f.rule === 'E3' ? Math.max(1, f.cells.length) : f.rule === 'W5' ? 1 : 0;

export interface Sorted {
  errors: Finding[];
  warnings: Finding[];
  /** E3 findings still shown as progress. */
  pending: Finding[];
}

export function sortFindings(
  findings: readonly Finding[],
  revealed: ReadonlySet<string>,
  report: Pick<Report, 'otherMatters'>,
): Sorted {
  const out: Sorted = { errors: [], warnings: [], pending: [] };
  for (const f of findings) {
    if (isPending(f, revealed, report)) out.pending.push(f);
    else if (f.severity === 'error') out.errors.push(f);
    else out.warnings.push(f);
  }
  return out;
}
