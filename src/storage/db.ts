// The IndexedDB layout (Dexie). Every stored record carries `schemaVersion`; a record
// written by an older app is brought up to date by `migrateReportRecord`, both in the
// Dexie upgrade (once, for everything stored) and on every read (never trust storage).
import { Dexie, type Table, type Transaction } from 'dexie';
import {
  type CellValues,
  type Explanation,
  type OverviewPart,
  type RefusedEntry,
  type Report,
  type TextRuleCache,
  INPUT_CELLS,
  RULES_VERSION,
  checkReport,
  stillToFill,
  parseCell,
} from '../report';
import type { StoredBlob, StoredCollection, StoredEntry, StoredFile, StoredPage } from './collections';

export const DB_NAME = 'nianbao';

/** Version of the records below (not of the Dexie schema, which only tracks indexes). */
export const RECORD_VERSION = 4;

/** 'journal': an unsaved local copy that was not applied on opening, kept so it is never dropped unseen. */
export type RevisionReason = 'auto' | 'paste' | 'fillZeros' | 'import' | 'restore' | 'undo' | 'manual' | 'journal';

export interface StoredReport {
  id: string;
  schemaVersion: number;
  /** Copies of report.agency/year so the home list needs no decoding. */
  agency: string;
  year: number | null;
  /** Wall-clock times, shown to the clerk only: a clock set back must not reorder anything. */
  createdAt: number;
  updatedAt: number;
  /**
   * How many changes of this report the stored content holds (v3). The unsaved-changes
   * journal carries the same number, so "which is newer" never asks the clock.
   */
  edit: number;
  /** Position in the home list, largest first: one counter across all reports, bumped on every write (v3). */
  order: number;
  /** Set when moved to 回收站; absent while live. */
  deletedAt?: number;
  report: Report;
  /** Last year's report, kept with this one so W1/W2 run. */
  previous: Report | null;
  /** The stored report it was started from, if any (informational; the copy above is what counts). */
  previousReportId?: string;
  /** Errors other than blanks (E3): what the wizard calls 错误. */
  errorCount: number;
  /** Blank cells and fields (E3), which the wizard shows as 未填 while she fills them in; a record without it is counted again. */
  missingCount?: number;
  warningCount: number;
  /** The RULES_VERSION the counts were made with; older or missing: counted again on reading. */
  countsVersion?: number;
}

export interface StoredRevision {
  id?: number;
  schemaVersion: number;
  reportId: string;
  createdAt: number;
  reason: RevisionReason;
  report: Report;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Brings every stored report and revision to the current record version. */
async function migrateAllRecords(tx: Transaction): Promise<void> {
  await tx
    .table('reports')
    .toCollection()
    .modify((rec: Record<string, unknown>) => {
      Object.assign(rec, migrateReportRecord(rec));
    });
  await tx
    .table('revisions')
    .toCollection()
    .modify((rec: Record<string, unknown>) => {
      Object.assign(rec, migrateRevisionRecord(rec));
    });
}

export class NianbaoDB extends Dexie {
  reports!: Table<StoredReport, string>;
  revisions!: Table<StoredRevision, number>;
  meta!: Table<MetaRow, string>;
  collections!: Table<StoredCollection, string>;
  collectEntries!: Table<StoredEntry, string>;
  collectFiles!: Table<StoredFile, string>;
  collectBlobs!: Table<StoredBlob, string>;
  collectPages!: Table<StoredPage, string>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    // 'strict': a commit is reported only once it is on disk, so a power cut after 已保存 loses
    // nothing (Chromium's default commits to the OS cache only). Ignored by other browsers.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    // v1: the first layout; records had no cached counts, no createdAt and no schemaVersion.
    this.version(1).stores({
      reports: 'id, updatedAt, deletedAt',
      revisions: '++id, reportId, createdAt',
    });
    // v2: cached finding counts for the home list, revisions indexed per report in time order, meta.
    this.version(2)
      .stores({
        reports: 'id, updatedAt, deletedAt',
        revisions: '++id, reportId, [reportId+createdAt]',
        meta: 'key',
      })
      .upgrade(migrateAllRecords);
    // v3: edit and order counters (see StoredReport); the list is ordered by order, not by time.
    this.version(3)
      .stores({
        reports: 'id, updatedAt, deletedAt, order',
        revisions: '++id, reportId, [reportId+createdAt]',
        meta: 'key',
      })
      .upgrade(async (tx) => {
        const reports = tx.table('reports');
        // The old order, by the last save's time, becomes the counter's starting point.
        const keys = await reports.orderBy('updatedAt').primaryKeys();
        const rank = new Map(keys.map((k, i) => [k, i + 1]));
        await reports.toCollection().modify((rec: Record<string, unknown>) => {
          Object.assign(rec, migrateReportRecord({ ...rec, order: rank.get(rec.id as string) ?? 0 }));
        });
      });
    // v4: 汇总 collections (new tables only; nothing existing changes).
    this.version(4).stores({
      collections: 'id, updatedAt',
      collectEntries: 'id, collectionId',
      collectFiles: 'id, collectionId',
    });
    // v5: entries carry the load (`job`) that wrote them, so a load the workers stored in
    // part can be removed whole when it is cancelled or fails. A new index only.
    this.version(5).stores({ collectEntries: 'id, collectionId, job' });
    // v6 (records v4): a draft keeps the entries its cells refused (Report.refused), so a reload
    // still shows them as errors. Older records have none; each is brought to the current version.
    this.version(6).stores({}).upgrade(migrateAllRecords);
    // v7: 汇总 keeps received files as a few large Blobs (collectBlobs) and each new entry says
    // where its file lies in one (`src`, indexed to drop a blob once no entry needs it). Entries
    // stored before keep their file in collectFiles, which is still read: nothing to convert.
    this.version(7).stores({
      collectEntries: 'id, collectionId, job, src.blob',
      collectBlobs: 'id, collectionId, job',
    });
    // v8: new entries are kept a page at a time (collectPages: a batch of a load in one record),
    // since IndexedDB's cost is per record: 10,000 entry records took seconds to write. Entries
    // stored before stay in collectEntries and are still read: nothing to convert.
    this.version(8).stores({ collectPages: 'id, collectionId, job' });
  }
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);

/**
 * Whatever was stored → a valid Report: missing cells become blank, unknown keys are
 * dropped, wrong types fall back to empty. Never throws.
 */
export function repairReport(raw: unknown): Report {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rawCells = (r.cells && typeof r.cells === 'object' ? r.cells : {}) as Record<string, unknown>;
  const cells: CellValues = {};
  for (const c of INPUT_CELLS) cells[c.path] = num(rawCells[c.path]);
  const overview: OverviewPart[] = Array.isArray(r.overview)
    ? r.overview
        .filter((o): o is Record<string, unknown> => !!o && typeof o === 'object')
        .map((o) => ({ heading: str(o.heading), body: str(o.body) }))
    : [];
  const explanations: Explanation[] = Array.isArray(r.explanations)
    ? r.explanations
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object' && typeof e.rule === 'string')
        .map((e) => ({
          rule: e.rule as Explanation['rule'],
          cells: Array.isArray(e.cells) ? e.cells.filter((c): c is string => typeof c === 'string') : [],
          reason: str(e.reason),
        }))
    : [];
  const out: Report = {
    agency: str(r.agency),
    year: num(r.year),
    overview,
    cells,
    problems: str(r.problems),
    otherMatters: str(r.otherMatters),
    explanations,
  };
  const refused = repairRefused(r.refused);
  if (refused) out.refused = refused;
  return out;
}

/** Longer than anything typed into a cell: a stored entry past it is not one the app wrote. */
const MAX_REFUSED_TEXT = 200;

/**
 * The refused entries of a stored draft: only input cells, and only texts today's reading still
 * refuses (the message is read again, not trusted). Undefined when there are none.
 */
function repairRefused(raw: unknown): Record<string, RefusedEntry> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const stored = raw as Record<string, unknown>;
  const out: Record<string, RefusedEntry> = {};
  for (const c of INPUT_CELLS) {
    if (!Object.hasOwn(stored, c.path)) continue;
    const e = stored[c.path] as { text?: unknown } | null;
    const text = e && typeof e === 'object' ? e.text : undefined;
    if (typeof text !== 'string' || text.length > MAX_REFUSED_TEXT) continue;
    const parsed = parseCell(text, c.unit);
    if (!parsed.ok) out[c.path] = { text, message: parsed.message };
  }
  return Object.keys(out).length ? out : undefined;
}

/** `textCache`: kept per report by a caller that counts on every save (the text is re-read only where it changed). */
export function findingCounts(
  report: Report,
  previous: Report | null,
  textCache?: TextRuleCache,
): { errorCount: number; missingCount: number; warningCount: number; countsVersion: number } {
  const findings = checkReport(report, { previous, textCache });
  let errorCount = 0;
  let missingCount = 0;
  let warningCount = 0;
  // Blanks apart, as the wizard shows them (未填, not 错误): the list once said 5 errors where
  // the opened report said 0 errors and 163 未填.
  for (const f of findings) {
    const blanks = stillToFill(f, report);
    if (blanks) missingCount += blanks;
    else if (f.severity === 'error') errorCount++;
    else warningCount++;
  }
  return { errorCount, missingCount, warningCount, countsVersion: RULES_VERSION };
}

/** The counts stored with a record, when they were made by today's rules. */
export function storedCounts(
  raw: Record<string, unknown>,
): { errorCount: number; missingCount: number; warningCount: number; countsVersion: number } | null {
  const ok = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (raw.countsVersion !== RULES_VERSION || !ok(raw.errorCount) || !ok(raw.warningCount) || !ok(raw.missingCount))
    return null;
  return {
    errorCount: raw.errorCount as number,
    missingCount: raw.missingCount as number,
    warningCount: raw.warningCount as number,
    countsVersion: RULES_VERSION,
  };
}

/**
 * Any stored report record (v1 or current) → a current one. The counts are read as stored
 * when today's rules made them (`recount`: counted again anyway, as a save does).
 */
export function migrateReportRecord(
  raw: Record<string, unknown>,
  textCache?: TextRuleCache,
  { recount = false }: { recount?: boolean } = {},
): StoredReport {
  const report = repairReport(raw.report);
  const previous = raw.previous ? repairReport(raw.previous) : null;
  const updatedAt = num(raw.updatedAt) ?? Date.now();
  const out: StoredReport = {
    id: str(raw.id),
    schemaVersion: RECORD_VERSION,
    agency: report.agency,
    year: report.year,
    createdAt: num(raw.createdAt) ?? updatedAt,
    updatedAt,
    edit: count(raw.edit),
    order: count(raw.order),
    report,
    previous,
    ...((!recount && storedCounts(raw)) || findingCounts(report, previous, textCache)),
  };
  const deletedAt = num(raw.deletedAt);
  if (deletedAt !== null) out.deletedAt = deletedAt;
  if (typeof raw.previousReportId === 'string') out.previousReportId = raw.previousReportId;
  return out;
}

const REASONS: readonly RevisionReason[] = [
  'auto',
  'paste',
  'fillZeros',
  'import',
  'restore',
  'undo',
  'manual',
  'journal',
];

export function migrateRevisionRecord(raw: Record<string, unknown>): StoredRevision {
  const reason = REASONS.includes(raw.reason as RevisionReason) ? (raw.reason as RevisionReason) : 'auto';
  const out: StoredRevision = {
    schemaVersion: RECORD_VERSION,
    reportId: str(raw.reportId),
    createdAt: num(raw.createdAt) ?? 0,
    reason,
    report: repairReport(raw.report),
  };
  if (typeof raw.id === 'number') out.id = raw.id;
  return out;
}
