// W3–W5: checks on the narrative sections (being written; see issue 2).
import type { CellPath } from './format';
import type { Report } from './model';
import type { Finding } from './rules';

export function textRules(_report: Report, _values: Map<CellPath, number | null>): Finding[] {
  return [];
}
