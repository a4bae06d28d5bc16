// @vitest-environment node
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/report';
import {
  MSG_NO_INDEXEDDB,
  MSG_VERSION_CHANGE,
  StorageConnection,
  requestPersistence,
} from '../../src/storage/connection';
import { RECORD_VERSION, repairReport } from '../../src/storage/db';
import { laodian } from './helpers';

describe('migration from the first database layout', () => {
  it('brings v1 records up to date: cached counts, createdAt and schemaVersion, content unchanged', async () => {
    const name = `nianbao-migrate-${Date.now()}`;
    const old = new Dexie(name);
    old.version(1).stores({ reports: 'id, updatedAt, deletedAt', revisions: '++id, reportId, createdAt' });
    const report = laodian();
    // A v1 record as the first app wrote it: no counts, no createdAt, no schemaVersion;
    // and a cell the format no longer has, which must be dropped.
    const v1Report = { ...report, cells: { ...report.cells, 'requests.gone.natural': 4 } };
    await old
      .table('reports')
      .add({ id: 'a', agency: '老店镇', year: 2023, updatedAt: 5000, report: v1Report, previous: null });
    await old.table('revisions').add({ reportId: 'a', createdAt: 4000, reason: 'auto', report: v1Report });
    old.close();

    const conn = new StorageConnection({ name });
    const repo = await conn.ready;
    expect(conn.getHealth()).toEqual({ state: 'ready' });
    const raw = await conn.db!.reports.get('a');
    expect(raw).toMatchObject({ schemaVersion: RECORD_VERSION, createdAt: 5000, updatedAt: 5000, errorCount: 0 });
    expect(raw?.report).toEqual(report);
    const revs = await repo!.listRevisions('a');
    expect(revs).toEqual([{ id: 1, reportId: 'a', createdAt: 4000, reason: 'auto' }]);
    expect((await conn.db!.revisions.get(1))?.schemaVersion).toBe(RECORD_VERSION);
    expect((await repo!.list())[0]).toMatchObject({ id: 'a', status: 'ready' });
    conn.close();
  });

  it('v2 → v3: list order counters follow the last save time once, edit numbers start at 0', async () => {
    const name = `nianbao-migrate3-${Date.now()}`;
    const old = new Dexie(name);
    old.version(2).stores({
      reports: 'id, updatedAt, deletedAt',
      revisions: '++id, reportId, [reportId+createdAt]',
      meta: 'key',
    });
    const base = { schemaVersion: 2, year: 2023, createdAt: 1, previous: null, errorCount: 0, warningCount: 0 };
    await old.table('reports').bulkAdd([
      { ...base, id: 'older', agency: '甲镇', updatedAt: 1000, report: laodian() },
      { ...base, id: 'newer', agency: '乙镇', updatedAt: 3000, report: laodian() },
      { ...base, id: 'middle', agency: '丙镇', updatedAt: 2000, report: laodian() },
    ]);
    old.close();

    const conn = new StorageConnection({ name, journal: null });
    const repo = (await conn.ready)!;
    expect((await repo.list()).map((r) => [r.id, r.order])).toEqual([
      ['newer', 3],
      ['middle', 2],
      ['older', 1],
    ]);
    expect(await conn.db!.reports.get('older')).toMatchObject({ schemaVersion: RECORD_VERSION, edit: 0, order: 1 });
    // A save after the migration goes to the top, whatever the clock says.
    await repo.save('older', laodian());
    expect((await repo.list())[0]?.id).toBe('older');
    conn.close();
  });

  it('repairs whatever is stored instead of trusting it', () => {
    const r = repairReport({
      agency: 7,
      year: '2023',
      overview: [{ heading: '主动公开' }, null],
      cells: { 'requests.newReceived.natural': 'x' },
    });
    expect(r.agency).toBe('');
    expect(r.year).toBeNull();
    expect(r.overview).toEqual([{ heading: '主动公开', body: '' }]);
    expect(r.cells['requests.newReceived.natural']).toBeNull();
    expect(Object.keys(r.cells)).toEqual(Object.keys(emptyReport().cells));
  });
});

describe('refused cell entries kept with the draft (issue 14, records v4)', () => {
  const PATH = 'requests.carriedOver.legal';

  it('are saved and opened again with the report, and counted as errors in the list', async () => {
    const conn = new StorageConnection({ name: `nianbao-refused-${Date.now()}`, journal: null });
    const repo = (await conn.ready)!;
    const report = laodian();
    const id = await repo.importReport(report);
    const clean = (await repo.list())[0]!.errorCount;
    const value = report.cells[PATH];
    await repo.save(id, { ...report, refused: { [PATH]: { text: '1e5', message: '旧的说明' } } });
    const rec = (await repo.open(id))!;
    expect(rec.schemaVersion).toBe(RECORD_VERSION);
    expect(rec.report.cells[PATH]).toBe(value);
    // The reason is read again from the text, not trusted from storage.
    expect(rec.report.refused).toEqual({ [PATH]: { text: '1e5', message: expect.stringContaining('不是数字') } });
    expect((await repo.list())[0]).toMatchObject({ errorCount: clean + 1, status: 'draft' });
    conn.close();
  });

  it('an older database (layout 4, records v3, no refused entries) opens and is brought up to date', async () => {
    const name = `nianbao-migrate5-${Date.now()}`;
    const old = new Dexie(name);
    old.version(4).stores({
      reports: 'id, updatedAt, deletedAt, order',
      revisions: '++id, reportId, [reportId+createdAt]',
      meta: 'key',
      collections: 'id, updatedAt',
      collectEntries: 'id, collectionId',
      collectFiles: 'id, collectionId',
    });
    const report = laodian();
    const base = { schemaVersion: 3, agency: '老店镇', year: 2023, createdAt: 1, updatedAt: 1, previous: null };
    await old.table('reports').add({ ...base, id: 'a', edit: 4, order: 1, errorCount: 0, warningCount: 0, report });
    await old.table('revisions').add({ schemaVersion: 3, reportId: 'a', createdAt: 1, reason: 'auto', report });
    old.close();

    const conn = new StorageConnection({ name, journal: null });
    const repo = (await conn.ready)!;
    const raw = await conn.db!.reports.get('a');
    expect(raw).toMatchObject({ schemaVersion: RECORD_VERSION, edit: 4, order: 1 });
    expect(raw?.report).toEqual(report);
    expect(raw?.report).not.toHaveProperty('refused');
    expect((await conn.db!.revisions.get(1))?.schemaVersion).toBe(RECORD_VERSION);
    expect((await repo.open('a'))?.report).toEqual(report);
    conn.close();
  });

  it('keeps only input cells whose text is still refused', () => {
    const r = repairReport({
      ...emptyReport(),
      refused: {
        [PATH]: { text: '1/2', message: 'x' },
        'requests.carriedOver.total': { text: '1e5', message: 'a derived cell' },
        'requests.newReceived.natural': { text: '12', message: 'now valid' },
        'requests.disclosed.natural': { text: 7 },
        'requests.withheld.stateSecret.natural': { text: 'x'.repeat(500), message: 'too long' },
        __proto__: { text: '1e5', message: 'y' },
      },
    });
    expect(r.refused).toEqual({ [PATH]: { text: '1/2', message: expect.stringContaining('不是数字') } });
    expect(repairReport({ ...emptyReport(), refused: 'x' })).not.toHaveProperty('refused');
  });
});

describe('when IndexedDB cannot be used', () => {
  it('missing (private mode): the health says so in Chinese and there is no repository', async () => {
    const conn = new StorageConnection({ indexedDB: undefined });
    expect(await conn.ready).toBeNull();
    expect(conn.getHealth()).toEqual({ state: 'unavailable', message: MSG_NO_INDEXEDDB });
    expect(MSG_NO_INDEXEDDB).toContain('下载 JSON');
  });

  it('the open fails: unavailable, with the browser’s reason', async () => {
    const broken = {
      open() {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
      deleteDatabase() {
        throw new Error('no');
      },
      cmp: indexedDB.cmp.bind(indexedDB),
      databases: async () => [],
    } as unknown as IDBFactory;
    const conn = new StorageConnection({ name: `nianbao-broken-${Date.now()}`, indexedDB: broken });
    expect(await conn.ready).toBeNull();
    const h = conn.getHealth();
    expect(h.state).toBe('unavailable');
    expect('message' in h && h.message).toMatch(/^无法打开本机存储（.*InvalidStateError/);
  });

  it('a newer version opened in another tab: this one closes, says so, and stops writing', async () => {
    const name = `nianbao-newer-${Date.now()}`;
    const conn = new StorageConnection({ name });
    const repo = await conn.ready;
    const id = await repo!.create('老店镇', 2024);
    const seen: string[] = [];
    conn.subscribe((h) => seen.push(h.state));

    const newer = new Dexie(name);
    newer.version(30).stores({ reports: 'id', revisions: '++id', meta: 'key' });
    await newer.open();

    expect(conn.getHealth()).toEqual({ state: 'closed', message: MSG_VERSION_CHANGE });
    expect(seen).toEqual(['closed']);
    await expect(repo!.save(id, emptyReport('x'))).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    newer.close();
  });
});

describe('persistent storage', () => {
  it('reports granted, or denied with advice', async () => {
    const granted = { persisted: async () => false, persist: async () => true } as unknown as StorageManager;
    expect(await requestPersistence(granted)).toEqual({ state: 'granted' });
    const already = { persisted: async () => true, persist: async () => false } as unknown as StorageManager;
    expect(await requestPersistence(already)).toEqual({ state: 'granted' });
    const denied = { persisted: async () => false, persist: async () => false } as unknown as StorageManager;
    const d = await requestPersistence(denied);
    expect(d.state).toBe('denied');
    expect('advice' in d && d.advice).toContain('备份');
    expect((await requestPersistence(undefined)).state).toBe('unsupported');
  });
});
