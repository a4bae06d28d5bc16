import type { CellPath, SectionKey } from '../format';
import type { CellValues, Report } from '../model';
import type { Line } from './lines';

export interface ParseProblem {
  message: string;
  /** The text it came from; '' when the thing is missing altogether. */
  source: string;
  section: SectionKey | 'basics';
  /** Cells it concerns, for highlighting in a preview. */
  cells: CellPath[];
  /** A printed row left unread (the 2019 format's single （六）): a total that differs by it says so. */
  unreadRow?: string;
}

/** A 总计 as printed, beside what its parts add up to. */
interface PublishedTotal {
  path: CellPath;
  published: number;
  /** Sum of the parts read (null when none was read). */
  computed: number | null;
  source: string;
}

export interface ParseOutcome {
  report: Report;
  problems: ParseProblem[];
  publishedTotals: PublishedTotal[];
  /** The lines each section was read from (a missing section is absent). */
  sections: Partial<Record<SectionKey, Line[]>>;
  /** The line each cell (published totals included) was read from. */
  cellSources: Record<CellPath, string>;
  /** Each cell's own text in the original (a published total as printed), to set beside what was read. */
  cellTexts: Record<CellPath, string>;
}

/** What the table readers write into. */
export interface TableSink {
  cells: CellValues;
  problems: ParseProblem[];
  totals: PublishedTotal[];
  cellSources: Record<CellPath, string>;
  cellTexts: Record<CellPath, string>;
}
