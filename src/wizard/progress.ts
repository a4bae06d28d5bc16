// Completeness is progress, not error: a blank cell or empty section (E3) is "还有 N 格未填"
// while the clerk is filling that step in, and an error once she has left it or gone to 检查.
// So is W5 over 六's untouched starting text (issue 12): its item headings cannot say yet
// whether 信息处理费 was collected, and a new report must not greet her with a warning.
import { type Finding, type Report, stillToFill } from '../report';
import { stepOfFinding } from './steps';

/** A completeness finding of a step she has not left yet: shown as progress (stillToFill). */
export function isPending(f: Finding, revealed: ReadonlySet<string>, report: Pick<Report, 'otherMatters'>): boolean {
  return !revealed.has(stepOfFinding(f)) && stillToFill(f, report) > 0;
}

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
