// What the collection page shows, derived from the stored entries: list items with the
// 重复 flag, the year-on-year change and indicator outliers; the refusals; the choice of
// reports to sum. Pure over its inputs, so it is tested without a browser.
import type { CellValues } from '../report';
import {
  INDICATORS,
  type IndicatorKey,
  type Outlier,
  type SummaryRow,
  agencyKey,
  duplicateWinners,
  figureChange,
  inDefaultSum,
  outliers,
} from '../report/summary';
import type { StoredEntry } from '../storage/collections';
import { sumPacked } from './packed';

export type OkEntry = Extract<StoredEntry, { kind: 'ok' }>;
type RefusedEntry = Extract<StoredEntry, { kind: 'refused' }>;

export interface ListItem {
  id: string;
  fileName: string;
  agency: string;
  year: number | null;
  status: SummaryRow['status'];
  errors: number;
  warnings: number;
  explained: number;
  newReceived: number | null;
  disclosed: number | null;
  reconsideration: number | null;
  litigation: number | null;
  /** 本年新收 minus last year's, from the previous year's collection. */
  newReceivedChange: number | null;
  disclosureRate: number | null;
  reconsiderationCorrection: number | null;
  litigationCorrection: number | null;
  carryRate: number | null;
  /** File name of the report that counts instead of this one (重复), or null. */
  duplicateOf: string | null;
  outliers: Partial<Record<IndicatorKey, Outlier>>;
}

export interface CollectionModel {
  ok: OkEntry[];
  items: ListItem[];
  refused: RefusedEntry[];
  /** Accepted entries that count (duplicates set aside). */
  counted: OkEntry[];
  drafts: number;
  finals: number;
  duplicates: number;
  withErrors: number;
}

export function deriveCollection(
  entries: readonly StoredEntry[],
  previous: readonly StoredEntry[] = [],
): CollectionModel {
  const ok = entries.filter((e): e is OkEntry => e.kind === 'ok');
  const refused = entries.filter((e): e is RefusedEntry => e.kind === 'refused');
  const winners = duplicateWinners(ok.map((e) => e.row));
  const counted = ok.filter((_, i) => winners[i] === -1);
  // Last year's: its counted report per agency.
  const prevOk = previous.filter((e): e is OkEntry => e.kind === 'ok');
  const prevWinners = duplicateWinners(prevOk.map((e) => e.row));
  const lastYear = new Map<string, SummaryRow['figures']>();
  prevOk.forEach((e, i) => {
    if (prevWinners[i] === -1) lastYear.set(agencyKey(e.row.agency), e.row.figures);
  });
  const items: ListItem[] = ok.map((e, i) => {
    const r = e.row;
    const w = winners[i]!;
    return {
      id: e.id,
      fileName: e.fileName,
      agency: r.agency,
      year: r.year,
      status: r.status,
      errors: r.errors,
      warnings: r.warnings,
      explained: r.explained,
      ...r.figures,
      newReceivedChange: figureChange(r.figures, lastYear.get(agencyKey(r.agency)))?.newReceived ?? null,
      ...r.indicators,
      duplicateOf: w === -1 ? null : ok[w]!.fileName,
      outliers: {},
    };
  });
  // Outliers against the counted reports only: a duplicate must not weigh twice.
  const countedItems = items.filter((it) => it.duplicateOf === null);
  for (const ind of INDICATORS) {
    const marks = outliers(countedItems.map((it) => it[ind.key]));
    countedItems.forEach((it, i) => {
      const m = marks[i];
      if (m) it.outliers[ind.key] = m;
    });
  }
  return {
    ok,
    items,
    refused,
    counted,
    drafts: counted.filter((e) => e.row.status === 'draft').length,
    finals: counted.filter((e) => e.row.status === 'final').length,
    duplicates: ok.length - counted.length,
    withErrors: counted.filter((e) => e.row.errors > 0).length,
  };
}

/** Which reports the sum takes: the choice is shown next to the sum. */
export type SumChoice = 'default' | 'final' | 'all';

export const SUM_CHOICES: readonly { key: SumChoice; label: string }[] = [
  { key: 'default', label: '定稿且无错误（默认）' },
  { key: 'final', label: '全部定稿（含有错误的）' },
  { key: 'all', label: '全部报告（含草稿）' },
];

export function sumSelection(model: CollectionModel, choice: SumChoice): OkEntry[] {
  if (choice === 'all') return model.counted;
  if (choice === 'final') return model.counted.filter((e) => e.row.status === 'final');
  return model.counted.filter((e) => inDefaultSum(e.row));
}

export const sumOfEntries = (entries: readonly OkEntry[]): CellValues => sumPacked(entries.map((e) => e.cells));
