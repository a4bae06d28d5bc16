// The paths that name a narrative field in a finding (Finding.cells) and in a clerk's
// explanation: the text rules make them, the import accepts them, the print labels them.
// They are the form's and the JSON's own paths. One shape, kept here: an explanation of a
// text warning was once refused on import because only cell paths were accepted.
import { MAX_OVERVIEW_PARTS } from './limits';

export type OverviewField = 'heading' | 'body';

export type TextPath = `overview.${number}.${OverviewField}` | 'problems' | 'otherMatters';

/** Where a text path points: a part of 一 (0-based) and its heading or body, or 五 or 六. */
export type TextPlace =
  | { section: 'overview'; part: number; field: OverviewField }
  | { section: 'problems' | 'otherMatters' };

export const overviewPath = (part: number, field: OverviewField): TextPath => `overview.${part}.${field}`;

/** The place a text path names, or null when it names none a report can have. */
export function textPlace(path: string): TextPlace | null {
  if (path === 'problems' || path === 'otherMatters') return { section: path };
  const m = /^overview\.(0|[1-9]\d{0,2})\.(heading|body)$/.exec(path);
  if (!m || Number(m[1]) >= MAX_OVERVIEW_PARTS) return null;
  return { section: 'overview', part: Number(m[1]), field: m[2] as OverviewField };
}
