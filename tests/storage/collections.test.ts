// @vitest-environment node
// (Node's Blob: fake-indexeddb clones with Node's structuredClone, which jsdom's Blob does not pass.)
import { Dexie } from 'dexie';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CollectionRepository,
  type NewEntry,
  collectFailureMessage,
  entryRecord,
  keepCollectBlobs,
  openWorkerDb,
  replacedBy,
  storeCollectBatch,
} from '../../src/storage/collections';
import { NianbaoDB } from '../../src/storage/db';
import type { SummaryRow } from '../../src/report/summary';
import { type ZipEntry, zipDirectory } from '../../src/collect/zipDir';
import { quotaError } from './helpers';

let n = 0;
const open: NianbaoDB[] = [];
function fresh(): { db: NianbaoDB; repo: CollectionRepository; name: string } {
  n += 1;
  const name = `collect-test-${Date.now()}-${n}`;
  const db = new NianbaoDB(name);
  open.push(db);
  return { db, repo: new CollectionRepository(db), name };
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const row = (agency: string, year = 2023, exportedAt?: string): SummaryRow => ({
  agency,
  year,
  status: 'final',
  errors: 0,
  warnings: 0,
  explained: 0,
  figures: { newReceived: 1, disclosed: 1, reconsideration: 0, litigation: 0 },
  indicators: { disclosureRate: 1, reconsiderationCorrection: null, litigationCorrection: null, carryRate: 0 },
  ...(exportedAt ? { exportedAt } : {}),
});
const ok = (fileName: string, agency: string, text = '{}'): NewEntry => ({
  kind: 'ok',
  fileName,
  row: row(agency),
  cells: new Float64Array([1, 2, Number.NaN]),
  bytes: new TextEncoder().encode(text),
});

describe('CollectionRepository', () => {
  it('keeps several collections, their entries and files, across a reopen', async () => {
    const { repo, name, db } = fresh();
    const a = await repo.create('2023 年度', 2023);
    const b = await repo.create('2024 年度', 2024);
    await repo.add(a, [
      ok('甲.json', '甲镇', '{"a":1}'),
      { kind: 'refused', fileName: '坏.json', problems: [{ path: 'year', message: 'year：应为整数' }] },
    ]);
    await repo.add(b, [ok('乙.json', '乙镇')]);
    await repo.update(a, { expected: ['甲镇', '丙镇'] });
    db.close();
    const again = new CollectionRepository(new NianbaoDB(name));
    expect((await again.list()).map((c) => c.name).sort()).toEqual(['2023 年度', '2024 年度']);
    const entries = await again.entries(a);
    expect(entries.map((e) => [e.fileName, e.kind])).toEqual([
      ['甲.json', 'ok'],
      ['坏.json', 'refused'],
    ]);
    const first = entries[0]!;
    expect(first.kind === 'ok' && Array.from(first.cells)).toEqual([1, 2, Number.NaN]);
    expect(new TextDecoder().decode((await again.fileBytes(first.id))!)).toBe('{"a":1}');
    expect((await again.get(a))?.expected).toEqual(['甲镇', '丙镇']);
    expect(await again.entries(b)).toHaveLength(1);
  });

  it('adds late files; the same file name again replaces it; replace swaps a corrected report', async () => {
    const { repo } = fresh();
    const c = await repo.create('汇总', 2023);
    await repo.add(c, [ok('甲.json', '甲镇'), ok('乙.json', '乙镇')]);
    await repo.add(c, [ok('甲.json', '甲镇', '{"v":2}')]);
    let entries = await repo.entries(c);
    expect(entries.map((e) => e.fileName)).toEqual(['乙.json', '甲.json']);
    // A corrected file under another name: without replace both stay (重复 in the list)…
    await repo.add(c, [ok('乙-更正.json', '乙镇')]);
    expect(await repo.entries(c)).toHaveLength(3);
    // …with replace, the earlier report of that agency and year goes.
    await repo.add(c, [ok('乙-再更正.json', '乙 镇')], { replace: true });
    entries = await repo.entries(c);
    expect(entries.map((e) => e.fileName)).toEqual(['甲.json', '乙-再更正.json']);
    await repo.removeEntry(c, entries[0]!.id);
    expect((await repo.entries(c)).map((e) => e.fileName)).toEqual(['乙-再更正.json']);
    expect(await repo.fileBytes(entries[0]!.id)).toBeNull();
  });

  it('removing a collection removes its entries and files only', async () => {
    const { repo, db } = fresh();
    const a = await repo.create('A', 2023);
    const b = await repo.create('B', 2024);
    const {
      added: [e],
    } = await repo.add(a, [ok('甲.json', '甲镇')]);
    await repo.add(b, [ok('乙.json', '乙镇')]);
    await repo.remove(a);
    expect((await repo.list()).map((c) => c.name)).toEqual(['B']);
    expect(await repo.entries(a)).toEqual([]);
    expect(await repo.fileBytes(e!.id)).toBeNull();
    expect(await repo.entries(b)).toHaveLength(1);
    expect((await db.collectBlobs.toArray()).map((x) => x.collectionId)).toEqual([b]);
  });

  it('a failed write adds nothing and keeps what was stored', async () => {
    const { repo, db } = fresh();
    const c = await repo.create('X', 2023);
    await repo.add(c, [ok('甲.json', '甲镇')]);
    db.collectPages.hook('creating', () => {
      throw quotaError();
    });
    await expect(repo.add(c, [ok('乙.json', '乙镇'), ok('丙.json', '丙镇')])).rejects.toBeTruthy();
    expect((await repo.entries(c)).map((e) => e.fileName)).toEqual(['甲.json']);
    expect(await db.collectBlobs.count()).toBe(1);
  });

  it('a load the workers stored shows only once committed; cancelled or cut off, it leaves nothing', async () => {
    const { repo, name, db } = fresh();
    const c = await repo.create('2023 年度', 2023);
    await repo.add(c, [ok('甲.json', '甲镇', '{"old":1}')]);
    const worker = openWorkerDb(name);
    open.push(worker);
    // Each load keeps its files as one blob, as the page does (reader.ts): w1's then w2's.
    const texts = (ids: string[]) => ids.map((id) => `{"${id}":1}`);
    const read = (id: string, seq: number, fileName: string, agency: string, blob = '', offset = 0) =>
      ({
        kind: 'ok',
        id,
        seq,
        fileName,
        row: row(agency),
        cells: new Float64Array([1]),
        src: { blob, offset, length: texts([id])[0]!.length },
      }) as const;
    // A load: the worker writes two entries, the page their files; the list does not show them yet.
    const load = await repo.beginLoad(c, 1);
    expect(load.seqBase).toBeGreaterThan(1);
    await repo.keepBlobs(c, load.job, [{ id: 'b1', blob: new Blob(texts(['w1', 'w2'])) }]);
    const items = [
      read('w1', load.seqBase, '甲.json', '甲镇', 'b1'),
      read('w2', load.seqBase + 1, '乙.json', '乙镇', 'b1', texts(['w1'])[0]!.length),
    ];
    await storeCollectBatch(
      worker,
      items.map((r) => entryRecord(r, c, load.addedAt, load.job)),
    );
    expect((await repo.entries(c)).map((e) => e.fileName)).toEqual(['甲.json']);
    // Committed: 甲.json sent again replaces the earlier one; order follows the load's numbers.
    const before = await repo.entries(c);
    const gone = replacedBy(before, items, false);
    expect(gone).toEqual([before[0]!.id]);
    await repo.commitLoad(c, load.job, gone);
    expect((await repo.entries(c)).map((e) => e.id)).toEqual(['w1', 'w2']);
    expect(new TextDecoder().decode((await repo.fileBytes('w2'))!)).toBe('{"w2":1}');
    expect(await repo.fileBytes(before[0]!.id)).toBeNull();
    // A second load, cancelled after the worker stored one entry: nothing of it stays.
    const next = await repo.beginLoad(c, 2);
    expect(next.seqBase).toBeGreaterThan(load.seqBase + 1);
    // Kept by a worker over its own connection, as the page has it done (reader.ts).
    await keepCollectBlobs(worker, c, next.job, [{ id: 'b3', blob: new Blob(texts(['w3'])) }]);
    const late = read('w3', next.seqBase, '丙.json', '丙镇', 'b3');
    await storeCollectBatch(worker, [entryRecord(late, c, next.addedAt, next.job)]);
    await repo.abortLoad(c, next.job);
    expect((await repo.entries(c)).map((e) => e.id)).toEqual(['w1', 'w2']);
    expect(await repo.fileBytes('w3')).toBeNull();
    expect(await db.collectBlobs.get('b3')).toBeUndefined();
    await expect(repo.commitLoad(c, next.job, [])).rejects.toThrow(/取消/);
    // A load cut off (tab closed mid-way) is removed once it is old.
    const cut = await repo.beginLoad(c, 1);
    await storeCollectBatch(worker, [entryRecord(read('w4', cut.seqBase, '丁.json', '丁镇'), c, cut.addedAt, cut.job)]);
    expect(await repo.removeStaleLoads(c, cut.addedAt + 60_000)).toBe(0);
    expect(await repo.removeStaleLoads(c, cut.addedAt + 3_600_000)).toBe(1);
    expect((await repo.get(c))?.pending).toEqual([]);
    expect((await repo.entries(c)).map((e) => e.id)).toEqual(['w1', 'w2']);
    expect(repo.workerStore(c)).toEqual({ db: name, collectionId: c });
  });

  it('a batch is one record (a page); removing an entry rewrites its page, the last one removes it', async () => {
    const { repo, db, name } = fresh();
    const c = await repo.create('X', 2023);
    const worker = openWorkerDb(name);
    open.push(worker);
    const load = await repo.beginLoad(c, 1);
    const read = (id: string, i: number) =>
      ({
        kind: 'ok',
        id,
        seq: load.seqBase + i,
        fileName: `${id}.json`,
        row: row(`${id}镇`),
        cells: new Float64Array([i, Number.NaN]),
      }) as const;
    await storeCollectBatch(
      worker,
      ['a', 'b', 'c'].map((id, i) => entryRecord(read(id, i), c, load.addedAt, load.job)),
    );
    expect(await db.collectPages.count()).toBe(1);
    expect(await db.collectEntries.count()).toBe(0);
    await repo.commitLoad(c, load.job, []);
    const listed = await repo.entries(c);
    expect(listed.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(listed[2]!.kind === 'ok' && [...listed[2]!.cells]).toEqual([2, Number.NaN]);
    await repo.removeEntry(c, 'b');
    expect((await repo.entries(c)).map((e) => e.id)).toEqual(['a', 'c']);
    expect((await db.collectPages.toArray())[0]!.entries.map((e) => e.id)).toEqual(['a', 'c']);
    // The page's own add writes pages too; a corrected file replaces an entry inside a worker's page.
    await repo.add(c, [ok('a.json', '甲镇')]);
    expect((await repo.entries(c)).map((e) => e.fileName)).toEqual(['c.json', 'a.json']);
    expect(await db.collectPages.count()).toBe(2);
    await repo.removeEntry(c, 'c');
    expect(await db.collectPages.count()).toBe(1);
  });

  it('a blob goes once no entry refers to it; a stored zip entry opens inflated', async () => {
    const { repo, db } = fresh();
    const c = await repo.create('X', 2023);
    const text = '{"甲":"老店镇"}';
    const zip = zipSync({ 'a.json': strToU8(text), 'b.json': strToU8('{}') }, { level: 6 });
    const [a, b] = zipDirectory(zip);
    const src = (e: ZipEntry) => ({ blob: 'z', offset: e.offset, length: e.length, size: e.size });
    const entry = (fileName: string, e: ZipEntry): NewEntry => ({
      kind: 'ok',
      fileName,
      row: row(fileName),
      cells: new Float64Array([1]),
      src: src(e),
    });
    const { added } = await repo.add(c, [entry('a.json', a!), entry('b.json', b!)], {
      blobs: [{ id: 'z', blob: new Blob([zip]) }],
    });
    expect(a!.size).toBe(strToU8(text).length);
    expect(new TextDecoder().decode((await repo.fileBytes(added[0]!.id))!)).toBe(text);
    await repo.removeEntry(c, added[0]!.id);
    expect(await db.collectBlobs.count()).toBe(1);
    await repo.removeEntry(c, added[1]!.id);
    expect(await db.collectBlobs.count()).toBe(0);
  });

  it('a load whose files cannot be kept (disk full) is aborted whole: no entry, no blob stays', async () => {
    const { repo, db, name } = fresh();
    const c = await repo.create('X', 2023);
    const worker = openWorkerDb(name);
    open.push(worker);
    const load = await repo.beginLoad(c, 1);
    db.collectBlobs.hook('creating', () => {
      throw quotaError();
    });
    await expect(repo.keepBlobs(c, load.job, [{ id: 'b', blob: new Blob(['{}']) }])).rejects.toBeTruthy();
    const read = {
      kind: 'ok',
      id: 'w',
      seq: load.seqBase,
      fileName: '甲.json',
      row: row('甲镇'),
      cells: new Float64Array([1]),
    };
    await storeCollectBatch(worker, [
      entryRecord({ ...read, src: { blob: 'b', offset: 0, length: 2 } } as never, c, 1, load.job),
    ]);
    await repo.abortLoad(c, load.job);
    expect(await repo.entries(c)).toEqual([]);
    expect(await db.collectPages.count()).toBe(0);
    expect(await db.collectBlobs.count()).toBe(0);
    expect((await repo.get(c))?.pending).toEqual([]);
  });

  it('reads a collection stored before v7 (a file record per entry), and removes its files with it', async () => {
    const name = `collect-v6-${Date.now()}`;
    const old = new Dexie(name);
    old.version(6).stores({
      reports: 'id, updatedAt, deletedAt, order',
      revisions: '++id, reportId, [reportId+createdAt]',
      meta: 'key',
      collections: 'id, updatedAt',
      collectEntries: 'id, collectionId, job',
      collectFiles: 'id, collectionId',
    });
    await old.table('collections').add({ id: 'c', name: '旧', year: 2023, createdAt: 1, updatedAt: 1, expected: [] });
    const base = { collectionId: 'c', addedAt: 1, kind: 'ok', row: row('甲镇'), cells: new Float64Array([1]) };
    await old.table('collectEntries').bulkAdd([
      { ...base, id: 'e1', seq: 1, fileName: '甲.json' },
      { ...base, id: 'e2', seq: 2, fileName: '乙.json', row: row('乙镇') },
    ]);
    await old.table('collectFiles').bulkAdd([
      { id: 'e1', collectionId: 'c', bytes: new TextEncoder().encode('{"old":1}') },
      { id: 'e2', collectionId: 'c', bytes: new TextEncoder().encode('{"old":2}') },
    ]);
    old.close();
    const db = new NianbaoDB(name);
    open.push(db);
    const repo = new CollectionRepository(db);
    expect((await repo.entries('c')).map((e) => e.fileName)).toEqual(['甲.json', '乙.json']);
    expect(new TextDecoder().decode((await repo.fileBytes('e1'))!)).toBe('{"old":1}');
    // A new file beside the old ones, then one old removed: its file record goes with it.
    await repo.add('c', [ok('丙.json', '丙镇', '{"new":1}')]);
    await repo.removeEntry('c', 'e1');
    expect(await db.collectFiles.count()).toBe(1);
    expect((await repo.entries('c')).map((e) => e.fileName)).toEqual(['乙.json', '丙.json']);
    expect(new TextDecoder().decode((await repo.fileBytes('e2'))!)).toBe('{"old":2}');
    await repo.remove('c');
    expect(await db.collectFiles.count()).toBe(0);
    expect(await db.collectBlobs.count()).toBe(0);
  });

  it('upgrades a version-2 database without touching its reports', async () => {
    const name = `collect-upgrade-${Date.now()}`;
    const old = new Dexie(name);
    old
      .version(2)
      .stores({ reports: 'id, updatedAt, deletedAt', revisions: '++id, reportId, [reportId+createdAt]', meta: 'key' });
    await old.table('meta').put({ key: 'k', value: 1 });
    old.close();
    const db = new NianbaoDB(name);
    open.push(db);
    expect(await db.meta.get('k')).toEqual({ key: 'k', value: 1 });
    expect(await new CollectionRepository(db).list()).toEqual([]);
  });

  it('says in Chinese what failed and that nothing saved was lost', () => {
    expect(collectFailureMessage(quotaError())).toMatch(/磁盘空间不足.*之前保存的汇总没有受影响/);
    expect(collectFailureMessage(new Error('boom'))).toContain('boom');
  });
});
