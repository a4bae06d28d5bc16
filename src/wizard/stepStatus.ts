// What the step bar shows for each step, derived from the findings and the texts only
// (never from a table subscription), so it stays cheap while the clerk types in a table.
import { type Finding, type Report, INPUT_CELLS, explanationFor, otherMattersUntouched, stillToFill } from '../report';
import { isPending } from './progress';
import { STEPS, type StepKey, stepOfFinding } from './steps';

/** `progress`: started, nothing wrong, still blanks to fill (not an error yet, see progress.ts). */
type StepState = 'notStarted' | 'progress' | 'complete' | 'errors' | 'warnings';

export interface StepSummary {
  state: StepState;
  errors: number;
  /** Warnings without a written reason. */
  warnings: number;
  /** Warnings kept with a reason (上报说明). */
  explained: number;
  /** Blank cells or fields still counted as progress. */
  missing: number;
}

const INPUTS_PER_TABLE = new Map<string, number>();
for (const c of INPUT_CELLS) INPUTS_PER_TABLE.set(c.table, (INPUTS_PER_TABLE.get(c.table) ?? 0) + 1);

function notStarted(step: StepKey, report: Report, findings: readonly Finding[]): boolean {
  switch (step) {
    case 'basics':
      return !report.agency.trim() && report.year === null;
    case 'overview':
      return report.overview.every((o) => !o.body.trim());
    case 'proactive':
    case 'requests':
    case 'reviews': {
      // E3 lists a table's blank cells: all of them blank means the table is untouched.
      const blanks = findings.find((f) => f.rule === 'E3' && f.section === step);
      return blanks !== undefined && blanks.cells.length === INPUTS_PER_TABLE.get(step);
    }
    case 'problems':
      return !report.problems.trim();
    case 'otherMatters':
      return otherMattersUntouched(report.otherMatters);
    case 'check':
    case 'export':
      return false;
  }
}

function tally(
  findings: readonly Finding[],
  report: Report,
  revealed: ReadonlySet<string>,
): Omit<StepSummary, 'state'> {
  let errors = 0;
  let warnings = 0;
  let explained = 0;
  let missing = 0;
  for (const f of findings) {
    if (isPending(f, revealed, report)) missing += stillToFill(f, report);
    else if (f.severity === 'error') errors++;
    else if (explanationFor(f, report.explanations)) explained++;
    else warnings++;
  }
  return { errors, warnings, explained, missing };
}

export function summariseSteps(
  report: Report,
  findings: readonly Finding[],
  revealed: ReadonlySet<string> = new Set(),
): Record<StepKey, StepSummary> {
  const out = {} as Record<StepKey, StepSummary>;
  const all = tally(findings, report, revealed);
  const untouched = STEPS.every((s) => s.key === 'check' || s.key === 'export' || notStarted(s.key, report, findings));
  for (const s of STEPS) {
    const counts =
      s.key === 'check' || s.key === 'export'
        ? all
        : tally(
            findings.filter((f) => stepOfFinding(f) === s.key),
            report,
            revealed,
          );
    const blank = s.key === 'check' ? untouched : notStarted(s.key, report, findings);
    const state: StepState =
      blank && !counts.errors && !counts.warnings
        ? 'notStarted'
        : counts.errors
          ? 'errors'
          : counts.warnings
            ? 'warnings'
            : counts.missing
              ? 'progress'
              : 'complete';
    out[s.key] = { ...counts, state };
  }
  return out;
}
