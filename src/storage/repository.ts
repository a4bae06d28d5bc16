// Every operation on stored reports and their revisions. Throws on a failed write
// (quota, closed database): callers decide what the clerk is told.
import {
  type Report,
  type TextRuleCache,
  REQUESTS_COLUMNS,
  cellValue,
  createTextRuleCache,
  emptyReport,
} from '../report';
import { Dexie } from 'dexie';
import { diffReports, type ReportChange } from './diff';
import { type ReportPatch, applyChain, asPatch } from './patch';
import {
  type MetaRow,
  type NianbaoDB,
  type RevisionReason,
  type StoredReport,
  type StoredRevision,
  RECORD_VERSION,
  findingCounts,
  migrateReportRecord,
  storedCounts,
  migrateRevisionRecord,
  repairReport,
} from './db';

type ReportListStatus = 'draft' | 'ready';

export interface ReportSummary {
  id: string;
  agency: string;
  year: number | null;
  /** 'ready': no error left, the final export is allowed (warnings may stand). */
  status: ReportListStatus;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** List position, largest first (a counter, not a time). */
  order: number;
  /** Errors other than blanks. */
  errorCount: number;
  /** Blank cells and fields still to fill in (未填). */
  missingCount: number;
  warningCount: number;
  hasPrevious: boolean;
}

export interface RevisionSummary {
  id: number;
  reportId: string;
  createdAt: number;
  reason: RevisionReason;
}

/** Oldest revisions beyond this many per report are dropped, so revisions cannot fill the disk. */
export const MAX_REVISIONS_PER_REPORT = 100;

/** Ids readable in a URL; crypto.randomUUID is missing outside secure contexts (a file share over http). */
/** Random bytes drawn 8 at a time by newId: one getRandomValues call per 512 ids. */
let randomPool = new Uint8Array(0);
let randomAt = 0;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function newId(): string {
  // A call per id cost ~0.15 ms in a worker (汇总 gives every file read an id; issue 15).
  if (randomAt + 8 > randomPool.length) {
    randomPool = globalThis.crypto.getRandomValues(new Uint8Array(4096));
    randomAt = 0;
  }
  let hex = '';
  for (let i = 0; i < 8; i++) hex += HEX[randomPool[randomAt++]!];
  return Date.now().toString(36) + hex;
}

const clone = (r: Report): Report => structuredClone(r);
/** The whole staged copy an older app wrote (read, then deleted). */
const stagedKey = (id: string) => `staged:${id}`;
const patchPrefix = (id: string) => `patch:${id}:`;
/** Zero-padded: keys sort by edit number. */
const patchKey = (id: string, edit: number) => `${patchPrefix(id)}${String(edit).padStart(15, '0')}`;

/**
 * A list row read straight from the stored record: its copies of agency and year and its
 * counts, when today's rules made them (the report itself is not read). Null otherwise.
 */
function quickSummary(raw: Record<string, unknown>): ReportSummary | null {
  const counts = storedCounts(raw);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const updatedAt = num(raw.updatedAt);
  if (!counts || typeof raw.id !== 'string' || typeof raw.agency !== 'string' || updatedAt === null) return null;
  if (raw.schemaVersion !== RECORD_VERSION) return null;
  const order = raw.order;
  const s: ReportSummary = {
    id: raw.id,
    agency: raw.agency,
    year: num(raw.year),
    status: counts.errorCount === 0 && counts.missingCount === 0 ? 'ready' : 'draft',
    createdAt: num(raw.createdAt) ?? updatedAt,
    updatedAt,
    order: typeof order === 'number' && Number.isSafeInteger(order) && order >= 0 ? order : 0,
    errorCount: counts.errorCount,
    missingCount: counts.missingCount,
    warningCount: counts.warningCount,
    hasPrevious: !!raw.previous,
  };
  const deletedAt = num(raw.deletedAt);
  if (deletedAt !== null) s.deletedAt = deletedAt;
  return s;
}

function summary(rec: StoredReport): ReportSummary {
  const s: ReportSummary = {
    id: rec.id,
    agency: rec.agency,
    year: rec.year,
    status: rec.errorCount === 0 && !rec.missingCount ? 'ready' : 'draft',
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    order: rec.order,
    errorCount: rec.errorCount,
    missingCount: rec.missingCount ?? 0,
    warningCount: rec.warningCount,
    hasPrevious: rec.previous !== null,
  };
  if (rec.deletedAt !== undefined) s.deletedAt = rec.deletedAt;
  return s;
}

/**
 * A report for year N started from year N−1's: same agency, section 一's headings with
 * empty bodies, 上年结转 = last year's 结转下年度 per applicant column (the 总计 follows,
 * being derived). Last year's report stays attached so W1/W2 can run.
 */
function reportFromLastYear(previous: Report): Report {
  const next = emptyReport(previous.agency, previous.year === null ? null : previous.year + 1);
  if (previous.overview.length) next.overview = previous.overview.map((o) => ({ heading: o.heading, body: '' }));
  for (const c of REQUESTS_COLUMNS) {
    if (c.derived) continue;
    next.cells[`requests.carriedOver.${c.key}`] = cellValue(previous.cells, `requests.carriedForward.${c.key}`);
  }
  return next;
}

type StagedBase = { edit: number; report: Report; updatedAt: number };
type Staged = { at: number; edit: number; report: Report };

/** `base` brought forward by the staged patch rows that chain on from it; null when none does. */
function chainStaged(base: StagedBase, rows: MetaRow[]): Staged | null {
  const patches = rows.map((r) => asPatch(r.value)).filter((p): p is ReportPatch => p !== null);
  const chained = applyChain({ at: base.updatedAt, edit: base.edit, report: base.report }, patches);
  return chained.edit > base.edit ? { ...chained, report: repairReport(chained.report) } : null;
}

/** The whole staged copy an older app wrote, when it is one. */
function legacyStaged(row: MetaRow | undefined): Staged | null {
  const v = row?.value as { at?: unknown; edit?: unknown; report?: unknown } | undefined;
  if (!v || typeof v.edit !== 'number' || typeof v.at !== 'number' || !v.report) return null;
  return { at: v.at, edit: v.edit, report: repairReport(v.report) };
}

export class ReportRepository {
  /**
   * The text rules' reading of each report saved lately: a save follows every keystroke, and
   * its counts must not re-read a 50,000-character text for one changed sentence.
   */
  private readonly textCaches = new Map<string, TextRuleCache>();

  private textCache(id: string): TextRuleCache {
    let cache = this.textCaches.get(id);
    if (!cache) {
      // A few reports are open at once at most; an evicted one only costs one full reading.
      if (this.textCaches.size >= 4) this.textCaches.clear();
      this.textCaches.set(id, (cache = createTextRuleCache()));
    }
    return cache;
  }

  constructor(
    readonly db: NianbaoDB,
    private readonly now: () => number = Date.now,
    /** Told which reports were deleted for good (their local copies go too). */
    private readonly onPurged: (ids: string[]) => void = () => undefined,
  ) {}

  /** The next list position; inside a transaction on reports, so two writes never share one. */
  private async nextOrder(): Promise<number> {
    const [last] = await this.db.reports.orderBy('order').reverse().limit(1).keys();
    return (typeof last === 'number' ? last : 0) + 1;
  }

  private record(id: string, report: Report, previous: Report | null, previousReportId?: string): StoredReport {
    const t = this.now();
    const rec: StoredReport = {
      id,
      schemaVersion: RECORD_VERSION,
      agency: report.agency,
      year: report.year,
      createdAt: t,
      updatedAt: t,
      edit: 0,
      order: 0,
      report: clone(report),
      previous: previous ? clone(previous) : null,
      ...findingCounts(report, previous),
    };
    if (previousReportId) rec.previousReportId = previousReportId;
    return rec;
  }

  private async insert(rec: StoredReport): Promise<string> {
    await this.db.transaction('rw', this.db.reports, async () => {
      await this.db.reports.add({ ...rec, order: await this.nextOrder() });
    });
    return rec.id;
  }

  /**
   * Every report as a list row, last written first. The counts stored with each report are
   * read as they are; the rules run only for a report whose counts are missing or were made
   * by older rules, and those counts are then stored (outside the caller's read, which may be
   * a live query).
   */
  private async summaries(): Promise<ReportSummary[]> {
    const all = await this.db.reports.orderBy('order').reverse().toArray();
    const recounted: StoredReport[] = [];
    const out = all.map((r) => {
      const raw = r as unknown as Record<string, unknown>;
      const quick = quickSummary(raw);
      if (quick) return quick;
      const rec = migrateReportRecord(raw);
      recounted.push(rec);
      return summary(rec);
    });
    if (recounted.length) setTimeout(() => void Dexie.ignoreTransaction(() => this.storeCounts(recounted)), 0);
    return out;
  }

  /** Keeps counts made by today's rules, unless the record changed meanwhile. */
  private async storeCounts(recs: StoredReport[]): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.reports, async () => {
        for (const rec of recs) {
          const now = await this.db.reports.get(rec.id);
          if (!now || now.edit !== rec.edit || now.updatedAt !== rec.updatedAt) continue;
          await this.db.reports.put(rec);
        }
      });
    } catch {
      // Only a saving of work: the next list counts again.
    }
  }

  /** Live reports, last saved first (by the write counter: a clock set back must not reorder them). */
  async list(): Promise<ReportSummary[]> {
    return (await this.summaries()).filter((s) => s.deletedAt === undefined);
  }

  /** Reports in 回收站, last deleted first (moving one there bumps its order). */
  async listTrash(): Promise<ReportSummary[]> {
    return (await this.summaries()).filter((s) => s.deletedAt !== undefined);
  }

  async create(agency = '', year: number | null = null): Promise<string> {
    return this.insert(this.record(newId(), emptyReport(agency, year), null));
  }

  /** The stored record, repaired and migrated; undefined when there is none. */
  async open(id: string): Promise<StoredReport | undefined> {
    const raw = await this.db.reports.get(id);
    return raw ? migrateReportRecord(raw as unknown as Record<string, unknown>) : undefined;
  }

  private async mustOpen(id: string): Promise<StoredReport> {
    const rec = await this.open(id);
    if (!rec) throw new Error(`报告不存在（${id}）`);
    return rec;
  }

  /**
   * Writes the report as the current version. The previous stored version is untouched if this
   * fails. `edit`: the autosave's number for this content; the stored number never goes back.
   */
  async save(id: string, report: Report, edit?: number): Promise<StoredReport> {
    return this.db.transaction('rw', this.db.reports, async () => {
      const raw = await this.db.reports.get(id);
      if (!raw) throw new Error(`报告不存在（${id}）`);
      // One repair of the new content (it is also the copy kept) and one count of findings: this runs per keystroke.
      const next = migrateReportRecord(
        {
          ...raw,
          report,
          updatedAt: this.now(),
          edit: Math.max((raw.edit ?? 0) + 1, edit ?? 0),
          order: await this.nextOrder(),
        } as unknown as Record<string, unknown>,
        this.textCache(id),
        { recount: true },
      );
      await this.db.reports.put(next);
      return next;
    });
  }

  /**
   * The change typed a moment ago, as a patch (patch.ts), written at once and blindly (one
   * put, no read first): a write-ahead log in IndexedDB that commits within milliseconds of
   * the keystroke, while save() (a read, the counts, the list order; strict) follows, at once
   * or, in a long report, at a pause. Opening applies the patches that chain on from the
   * stored record. 'relaxed': handed to the OS without waiting for the disk flush, so a killed
   * browser keeps it at once (a strict flush took 0.2–1 s on a busy disk); the strict save
   * behind it covers a power cut.
   */
  async stage(id: string, patch: ReportPatch): Promise<void> {
    const row: MetaRow = { key: patchKey(id, patch.to), value: patch };
    if (!this.db.isOpen()) await this.db.meta.put(row);
    else await this.rawMeta((store) => store.put(row));
  }

  /** The staged patches of report `id` up to change `edit`: the record holds them now. */
  async dropStaged(id: string, edit: number): Promise<void> {
    const [from, to] = [patchKey(id, 0), patchKey(id, edit)];
    if (!this.db.isOpen()) await this.db.meta.where('key').between(from, to, true, true).delete();
    else await this.rawMeta((store) => store.delete(IDBKeyRange.bound(from, to)));
  }

  /** Every staged patch of report `id` (and the whole staged copy an older app wrote). */
  async clearStaged(id: string): Promise<void> {
    const [from, to] = [patchPrefix(id), `${patchPrefix(id)}\uffff`];
    if (!this.db.isOpen()) {
      await this.db.meta.where('key').between(from, to).delete();
      await this.db.meta.delete(stagedKey(id));
      return;
    }
    await this.rawMeta((store) => {
      store.delete(IDBKeyRange.bound(from, to));
      store.delete(stagedKey(id));
    });
  }

  /**
   * A meta write with the raw API on the open database: issued in this task, with no promise
   * hops before it, and relaxed (see stage). When it is not open, Dexie's own calls open it,
   * or refuse once it was closed on purpose: a deleted database is not made again.
   */
  private async rawMeta(write: (store: IDBObjectStore) => void): Promise<void> {
    const tx = this.db.backendDB().transaction('meta', 'readwrite', { durability: 'relaxed' });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('staging aborted'));
      write(tx.objectStore('meta'));
      tx.commit?.();
    });
  }

  /**
   * The record `base` brought forward by the patches staged after it, or the whole copy an
   * older app staged; null when there is neither.
   */
  async staged(id: string, base: StagedBase): Promise<Staged | null> {
    const rows = await this.db.meta
      .where('key')
      .between(patchPrefix(id), `${patchPrefix(id)}\uffff`)
      .toArray();
    const chained = chainStaged(base, rows);
    return chained ?? legacyStaged(await this.db.meta.get(stagedKey(id)));
  }

  /**
   * What opening report `id` for editing reads, in one read transaction (issue 12: each one is a
   * round trip to the browser's database process, slow on a busy laptop): the record, the local
   * copy staged after it (see staged; null when unreadable) and whether anything is staged for
   * it at all (else there is nothing to clear). Undefined when there is no record.
   */
  async openForEdit(id: string): Promise<{ rec: StoredReport; staged: Staged | null; anyStaged: boolean } | undefined> {
    const [raw, rows, legacy] = await this.db.transaction('r', this.db.reports, this.db.meta, () =>
      Promise.all([
        this.db.reports.get(id),
        this.db.meta
          .where('key')
          .between(patchPrefix(id), `${patchPrefix(id)}\uffff`)
          .toArray(),
        this.db.meta.get(stagedKey(id)),
      ]),
    );
    if (!raw) return undefined;
    const rec = migrateReportRecord(raw as unknown as Record<string, unknown>);
    let staged: Staged | null = null;
    try {
      staged = chainStaged(rec, rows) ?? legacyStaged(legacy);
    } catch {
      // A copy that cannot be read is not applied (as staged() failing was not); the record opens.
    }
    return { rec, staged, anyStaged: rows.length > 0 || legacy !== undefined };
  }

  /**
   * Puts back a report that is no longer stored (the database was deleted) from its local
   * copy, under the same id and edit number. Refuses to overwrite a stored one.
   */
  async recreate(id: string, report: Report, edit: number): Promise<void> {
    await this.db.transaction('rw', this.db.reports, this.db.revisions, async () => {
      if (await this.db.reports.get(id)) throw new Error(`报告已存在（${id}）`);
      const rec = this.record(id, repairReport(report), null);
      await this.db.reports.add({ ...rec, edit: Math.max(0, Math.floor(edit)), order: await this.nextOrder() });
    });
  }

  /** Attach (or detach, with null) last year's report, for W1/W2. */
  async setPrevious(id: string, previous: Report | null, previousReportId?: string): Promise<void> {
    await this.db.transaction('rw', this.db.reports, async () => {
      const rec = await this.mustOpen(id);
      const next: StoredReport = {
        ...rec,
        previous: previous ? clone(previous) : null,
        ...findingCounts(rec.report, previous),
      };
      delete next.previousReportId;
      if (previousReportId) next.previousReportId = previousReportId;
      await this.db.reports.put(next);
    });
  }

  async duplicate(id: string): Promise<string> {
    const rec = await this.mustOpen(id);
    const report = { ...clone(rec.report), agency: `${rec.report.agency}（副本）` };
    return this.insert(this.record(newId(), report, rec.previous, rec.previousReportId));
  }

  async rename(id: string, agency: string): Promise<void> {
    const rec = await this.mustOpen(id);
    await this.save(id, { ...rec.report, agency });
  }

  /** Moves to 回收站; `restore` undoes it until the trash is emptied. */
  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.reports, async () => {
      await this.db.reports.update(id, { deletedAt: this.now(), order: await this.nextOrder() });
    });
  }

  async restore(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.reports, async () => {
      const rec = await this.mustOpen(id);
      delete rec.deletedAt;
      await this.db.reports.put({ ...rec, order: await this.nextOrder() });
    });
  }

  /** Deletes for good every report in 回收站, with its revisions. Returns how many. */
  async emptyTrash(): Promise<number> {
    const ids = await this.db.transaction('rw', this.db.reports, this.db.revisions, this.db.meta, async () => {
      const ids = (await this.db.reports.toArray())
        .filter((r) => r.deletedAt !== undefined && r.deletedAt !== null)
        .map((r) => r.id);
      await this.db.reports.bulkDelete(ids);
      await this.db.revisions.where('reportId').anyOf(ids).delete();
      await this.db.meta.bulkDelete(ids.map(stagedKey));
      for (const id of ids)
        await this.db.meta
          .where('key')
          .between(patchPrefix(id), `${patchPrefix(id)}\uffff`)
          .delete();
      return ids;
    });
    this.onPurged(ids);
    return ids.length;
  }

  /** New report for the year after `previous` (a stored or an imported report). */
  async createFromPrevious(previous: Report, previousReportId?: string): Promise<string> {
    return this.insert(this.record(newId(), reportFromLastYear(previous), previous, previousReportId));
  }

  async createFromStored(previousId: string): Promise<string> {
    const prev = await this.mustOpen(previousId);
    return this.createFromPrevious(prev.report, previousId);
  }

  /** An imported report always becomes a new stored report: nothing stored is overwritten. */
  async importReport(report: Report, previous: Report | null = null): Promise<string> {
    const id = newId();
    await this.db.transaction('rw', this.db.reports, this.db.revisions, async () => {
      await this.insert(this.record(id, repairReport(report), previous));
      await this.addRevision(id, 'import', report);
    });
    return id;
  }

  async addRevision(reportId: string, reason: RevisionReason, report: Report): Promise<number> {
    return this.db.transaction('rw', this.db.revisions, async () => {
      const rev: StoredRevision = {
        schemaVersion: RECORD_VERSION,
        reportId,
        createdAt: this.now(),
        reason,
        report: clone(report),
      };
      const id = await this.db.revisions.add(rev);
      // Oldest first by id (an index with equal keys is in primary-key order), not by the clock.
      const keys = await this.db.revisions.where('reportId').equals(reportId).primaryKeys();
      if (keys.length > MAX_REVISIONS_PER_REPORT) {
        await this.db.revisions.bulkDelete(keys.slice(0, keys.length - MAX_REVISIONS_PER_REPORT));
      }
      return id;
    });
  }

  /** Revisions of a report, newest first: by id, the order they were kept in, whatever the clock said. */
  async listRevisions(reportId: string): Promise<RevisionSummary[]> {
    const revs = await this.db.revisions.where('reportId').equals(reportId).reverse().toArray();
    return revs.map((r) => ({
      id: r.id!,
      reportId: r.reportId,
      createdAt: r.createdAt,
      reason: migrateRevisionRecord(r as unknown as Record<string, unknown>).reason,
    }));
  }

  async getRevision(revisionId: number): Promise<StoredRevision | undefined> {
    const raw = await this.db.revisions.get(revisionId);
    return raw ? migrateRevisionRecord(raw as unknown as Record<string, unknown>) : undefined;
  }

  /** What restoring the revision would change, against `current` (default: the stored report). */
  async diffRevision(revisionId: number, current?: Report): Promise<ReportChange[]> {
    const rev = await this.getRevision(revisionId);
    if (!rev) throw new Error(`版本不存在（${revisionId}）`);
    const now = current ?? (await this.mustOpen(rev.reportId)).report;
    return diffReports(now, rev.report);
  }

  /**
   * Makes the revision the current report. The state being replaced (`current`, default
   * the stored one) is kept first as a 'restore' revision, so the restore can be undone.
   */
  async restoreRevision(revisionId: number, current?: Report): Promise<Report> {
    return this.db.transaction('rw', this.db.reports, this.db.revisions, async () => {
      const rev = await this.getRevision(revisionId);
      if (!rev) throw new Error(`版本不存在（${revisionId}）`);
      const rec = await this.mustOpen(rev.reportId);
      await this.addRevision(rev.reportId, 'restore', current ?? rec.report);
      await this.save(rev.reportId, rev.report);
      return clone(rev.report);
    });
  }
}
