// @vitest-environment node
// The collection worker's message handler as a plain function, and the pool that runs it,
// with a stand-in Worker that calls the same handler in this thread.
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import {
  type EntryResult,
  type WorkerMessage,
  type KeepRequest,
  type WorkerRequest,
  type WarmRequest,
  handleRequest,
  warmUp,
  workerHost,
  zipEntryName,
} from '../../src/collect/process';
import { unpackCells } from '../../src/collect/packed';
import { WorkerPool, collectFiles } from '../../src/collect/reader';
import { sampleReportFiles } from '../../src/collect/warmup';
import { readJsonBytes, reportFromJson } from '../../src/export/jsonFile';
import { summarize } from '../../src/report/summary';
import { zipDirectory } from '../../src/collect/zipDir';
import { readFileRef } from '../../src/storage/collections';
import { generateJson, generateReport, rng } from './generate';

const broken = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/broken/${name}`));

async function run(req: WorkerRequest): Promise<{ messages: WorkerMessage[]; results: EntryResult[] }> {
  const messages: WorkerMessage[] = [];
  await handleRequest(req, (m) => messages.push(m));
  const results = messages.flatMap((m) => (m.type === 'results' ? m.results : []));
  return { messages, results };
}

const blob = (data: string | Uint8Array) => new Blob([typeof data === 'string' ? data : new Uint8Array(data)]);

describe('handleRequest', () => {
  it('reads, validates and checks each file; refusals name the file and the path', async () => {
    const random = rng(3);
    const good = generateJson({ agency: '甲镇', random });
    const { messages, results } = await run({
      type: 'files',
      files: [
        { name: '甲镇.json', file: blob(good), src: { blob: 'b1', offset: 7, length: good.length } },
        { name: 'bad.json', file: blob(broken('derived-total-disagrees.json')) },
        { name: 'notes.txt', file: blob('hello') },
        { name: 'cut.json', file: blob(broken('truncated.json')) },
      ],
    });
    expect(messages.at(-1)).toMatchObject({ type: 'done' });
    expect(results.map((r) => r.kind)).toEqual(['ok', 'refused', 'refused', 'refused']);
    const ok = results[0]!;
    if (ok.kind !== 'ok') throw new Error('expected ok');
    expect(ok.row).toMatchObject({ agency: '甲镇', status: 'final', errors: 0 });
    // Where the file is kept, as the page said (reader.ts); the worker passes no bytes back.
    expect(ok.src).toEqual({ blob: 'b1', offset: 7, length: good.length });
    expect(ok).not.toHaveProperty('bytes');
    expect(unpackCells(ok.cells)).toEqual(generateReport({ agency: '甲镇', random: rng(3) }).cells);
    const bad = results[1]!;
    if (bad.kind !== 'refused') throw new Error('expected refused');
    expect(bad.fileName).toBe('bad.json');
    expect(bad.problems[0]!.path).toMatch(/^requests\./);
    expect(bad.problems[0]!.message).toContain(bad.problems[0]!.path);
    expect(results[2]).toMatchObject({ fileName: 'notes.txt', problems: [{ message: '不是 .json 文件，已跳过' }] });
    expect(results[3]!.kind === 'refused' && results[3]!.problems[0]!.message).toMatch(/意外结束/);
  });

  it('reads its share of a zip, skipping folders and macOS litter', async () => {
    const random = rng(5);
    const entries: Record<string, Uint8Array> = {
      '报告/': new Uint8Array(0),
      '__MACOSX/报告/._a.json': strToU8('x'),
      '.DS_Store': strToU8('x'),
      '报告/readme.txt': strToU8('说明'),
    };
    for (let i = 0; i < 9; i++) entries[`报告/镇${i}.json`] = strToU8(generateJson({ agency: `镇${i}`, random }));
    const zip = zipSync(entries);
    const shares = await Promise.all(
      [0, 1].map((shard) => run({ type: 'zip', name: 'all.zip', file: blob(zip), shard, shards: 2, blob: 'z' })),
    );
    const all = shares.flatMap((s) => s.results);
    expect(all).toHaveLength(10);
    expect(shares[0]!.results.length + shares[1]!.results.length).toBe(10);
    expect(shares.every((s) => s.results.length >= 4)).toBe(true);
    const names = all.map((r) => r.fileName).sort();
    expect(names).toContain('all.zip/报告/readme.txt');
    expect(names).toContain('all.zip/报告/镇8.json');
    expect(all.filter((r) => r.kind === 'ok')).toHaveLength(9);
    // Each report opens again from the zip as sent, through its place in it.
    for (const r of all) {
      if (r.kind !== 'ok') continue;
      expect(r.src?.blob).toBe('z');
      const text = new TextDecoder().decode(await readFileRef(blob(zip), r.src!));
      expect(text).toBe(new TextDecoder().decode(entries[r.fileName.slice('all.zip/'.length)]));
    }
    const totals = shares.map((s) => s.messages.find((m) => m.type === 'total'));
    expect(totals.reduce((n, t) => n + (t?.type === 'total' ? t.count : 0), 0)).toBe(10);
  });

  it('a broken zip is one refusal naming the zip', async () => {
    const shares = await Promise.all(
      [0, 1].map((shard) =>
        run({ type: 'zip', name: 'cut.zip', file: blob(strToU8('PK\u0003\u0004nonsense')), shard, shards: 2 }),
      ),
    );
    const all = shares.flatMap((s) => s.results);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'refused', fileName: 'cut.zip' });
    expect(all[0]!.kind === 'refused' && all[0]!.problems[0]!.message).toMatch(/压缩包无法解开/);
  });

  it('reads stored (uncompressed) entries; a damaged entry is refused alone, naming it', async () => {
    const random = rng(6);
    const a = strToU8(generateJson({ agency: '甲', random }));
    const zip = zipSync({ 'a.json': [a, { level: 0 }], 'b.json': strToU8(generateJson({ agency: '乙', random })) });
    const b = zipDirectory(zip)[1]!;
    zip.fill(0xff, b.offset, b.offset + b.length);
    const { results } = await run({ type: 'zip', name: 'x.zip', file: blob(zip), shard: 0, shards: 1, blob: 'z' });
    expect(results[0]).toMatchObject({ kind: 'ok', fileName: 'x.zip/a.json', src: { blob: 'z', length: a.length } });
    expect(results[0]).not.toHaveProperty('src.size');
    expect(results[1]).toMatchObject({ kind: 'refused', fileName: 'x.zip/b.json' });
    expect(results[1]!.kind === 'refused' && results[1]!.problems[0]!.message).toMatch(/无法解开|压缩包/);
  });

  it('stores entries itself and posts the rows once stored; when storing fails, says so once and goes on', async () => {
    const random = rng(4);
    const files = Array.from({ length: 5 }, (_, i) => ({
      name: `镇${i}.json`,
      file: blob(generateJson({ agency: `镇${i}`, random })),
    }));
    const written: string[] = [];
    const messages: WorkerMessage[] = [];
    const store = { db: 'x', collectionId: 'c1', job: 'j1', addedAt: 5 };
    await handleRequest(
      { type: 'files', files, store, seqFrom: 100 },
      (m) => messages.push(m),
      async (entries) => {
        for (const e of entries) written.push(`${e.collectionId}/${e.job}/${e.seq}/${e.addedAt}/${e.fileName}`);
      },
    );
    const results = messages.flatMap((m) => (m.type === 'results' ? m.results : []));
    expect(results).toHaveLength(5);
    expect(results.every((r) => r.stored && r.kind === 'ok')).toBe(true);
    expect(written).toEqual(files.map((f, i) => `c1/j1/${100 + i}/5/${f.name}`));
    // The disk is full: one storeFailed, and every file then travels with its row.
    const failed: WorkerMessage[] = [];
    await handleRequest(
      { type: 'files', files, store },
      (m) => failed.push(m),
      async () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    );
    expect(failed.filter((m) => m.type === 'storeFailed')).toEqual([
      { type: 'storeFailed', error: { name: 'QuotaExceededError', message: 'QuotaExceededError：full' } },
    ]);
    const back = failed.flatMap((m) => (m.type === 'results' ? m.results : []));
    expect(back).toHaveLength(5);
    expect(back.every((r) => !r.stored && r.kind === 'ok')).toBe(true);
  });

  it('reads GBK entry names of zips made on Chinese Windows', () => {
    // 「镇.json」 in GBK is D5 F2 then ".json"; fflate hands it over as Latin-1.
    expect(zipEntryName('\u00d5\u00f2.json')).toBe('镇.json');
    expect(zipEntryName('镇.json')).toBe('镇.json');
    expect(zipEntryName('plain.json')).toBe('plain.json');
  });
});

/** Runs the worker's handler in this thread, answering asynchronously as a Worker would. */
class InlineWorker {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  /** Messages received, by type. */
  received: string[] = [];
  static made: InlineWorker[] = [];
  /** The warm-up each new worker runs (a short one; the real one reads 120 reports). */
  static warm = (stop: () => boolean) => warmUp(stop, 3);
  private readonly host: (req: WorkerRequest | KeepRequest | WarmRequest) => void;
  constructor() {
    InlineWorker.made.push(this);
    const post = (m: WorkerMessage) => {
      queueMicrotask(() => {
        if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<WorkerMessage>);
      });
    };
    this.host = workerHost(
      post,
      {
        open: () => ({
          batch: async () => {},
          keep: () => async (blobs) => {
            // A write that takes a while: the pool must wait for it.
            await new Promise((r) => setTimeout(r, 1));
            if (InlineWorker.keepFails) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
            InlineWorker.kept.push(...blobs.map((b) => b.id));
          },
        }),
      },
      InlineWorker.warm,
    );
  }
  /** What a keep request wrote, and whether it fails (the disk full). */
  static kept: string[] = [];
  static keepFails = false;
  postMessage(req: WorkerRequest | KeepRequest | WarmRequest) {
    this.received.push(req.type);
    this.host(req);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('collectFiles', () => {
  it('spreads files and zips over the workers and reports progress to the end', async () => {
    InlineWorker.made = [];
    const random = rng(9);
    const files = Array.from({ length: 150 }, (_, i) => ({
      name: `f${i}.json`,
      file: blob(generateJson({ agency: `镇${i}`, random })),
    }));
    const zipEntries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20; i++) zipEntries[`z${i}.json`] = strToU8(generateJson({ agency: `乡${i}`, random }));
    const progress: { done: number; total: number }[] = [];
    const job = collectFiles([...files, { name: 'more.zip', file: blob(zipSync(zipEntries)) }], {
      workers: 2,
      createWorker: () => new InlineWorker() as unknown as Worker,
      onProgress: (p) => progress.push(p),
    });
    const results = await job.finished;
    expect(results).toHaveLength(170);
    expect(new Set(results!.map((r) => r.fileName)).size).toBe(170);
    expect(InlineWorker.made).toHaveLength(2);
    expect(InlineWorker.made.every((w) => w.terminated)).toBe(true);
    expect(progress.at(-1)).toEqual({ done: 170, total: 170 });
    // The bytes to keep: the zip as sent, and each chunk of 64 plain files end to end, which
    // every report's place in them reads back.
    expect(job.blobs).toHaveLength(4);
    const blobs = new Map(job.blobs.map((b) => [b.id, b.blob]));
    expect(blobs.get(job.blobs[3]!.id)!.size).toBe(zipSync(zipEntries).length);
    for (const r of results!) {
      if (r.kind !== 'ok') throw new Error('expected ok');
      const text = new TextDecoder().decode(await readFileRef(blobs.get(r.src!.blob)!, r.src!));
      expect(JSON.parse(text).agency).toBe(r.row.agency);
    }
  });

  it('with a store, the first worker keeps the blobs; the pool ends once they are written, or says why not', async () => {
    const random = rng(12);
    const files = Array.from({ length: 70 }, (_, i) => ({
      name: `f${i}.json`,
      file: blob(generateJson({ agency: `镇${i}`, random })),
    }));
    const store = { db: 'x', collectionId: 'c', job: 'j', addedAt: 1 };
    for (const fails of [false, true]) {
      InlineWorker.made = [];
      InlineWorker.kept = [];
      InlineWorker.keepFails = fails;
      const job = collectFiles(files, {
        workers: 2,
        store,
        createWorker: () => new InlineWorker() as unknown as Worker,
      });
      expect(await job.finished).toHaveLength(70);
      const kept = await job.kept;
      expect(InlineWorker.made.every((w) => w.terminated)).toBe(true);
      if (fails) {
        expect(kept).toMatchObject({ name: 'QuotaExceededError' });
        expect(InlineWorker.kept).toEqual([]);
      } else {
        expect(kept).toBeNull();
        expect(InlineWorker.kept).toEqual(job.blobs.map((b) => b.id));
      }
    }
    InlineWorker.keepFails = false;
  });

  it('取消 stops the workers and keeps nothing', async () => {
    InlineWorker.made = [];
    const random = rng(11);
    const files = Array.from({ length: 200 }, (_, i) => ({
      name: `f${i}.json`,
      file: blob(generateJson({ agency: `镇${i}`, random })),
    }));
    const job = collectFiles(files, { workers: 2, createWorker: () => new InlineWorker() as unknown as Worker });
    job.cancel();
    expect(await job.finished).toBeNull();
    expect(InlineWorker.made.every((w) => w.terminated)).toBe(true);
  });

  it('a pool starts warm workers before the load, and a load gives them back, still warm', async () => {
    InlineWorker.made = [];
    const pool = new WorkerPool(2, () => new InlineWorker() as unknown as Worker);
    pool.fill('db');
    expect(InlineWorker.made).toHaveLength(2);
    expect(InlineWorker.made.map((w) => w.received)).toEqual([['warm'], ['warm']]);
    const random = rng(5);
    const files = Array.from({ length: 100 }, (_, i) => ({
      name: `f${i}.json`,
      file: blob(generateJson({ agency: `镇${i}`, random })),
    }));
    // Dropped while the workers still warm up: the load waits for their current slice.
    const first = await collectFiles(files, { pool }).finished;
    expect(first).toHaveLength(100);
    expect(first!.filter((r) => r.kind === 'ok')).toHaveLength(100);
    expect(InlineWorker.made).toHaveLength(2);
    expect(InlineWorker.made.some((w) => w.terminated)).toBe(false);
    // The next load takes the same two workers: no new ones, no second warm-up.
    pool.fill('db');
    const second = await collectFiles(files.slice(0, 10), { pool }).finished;
    expect(second).toHaveLength(10);
    expect(InlineWorker.made).toHaveLength(2);
    expect(InlineWorker.made.every((w) => w.received.filter((t) => t === 'warm').length === 1)).toBe(true);
    // 取消 ends the load's workers; fill starts fresh ones; dispose ends them all.
    const cancelled = collectFiles(files, { pool });
    cancelled.cancel();
    expect(await cancelled.finished).toBeNull();
    expect(InlineWorker.made.every((w) => w.terminated)).toBe(true);
    pool.fill('db');
    expect(InlineWorker.made).toHaveLength(4);
    pool.dispose();
    expect(InlineWorker.made.every((w) => w.terminated)).toBe(true);
  });

  it('a load dropped before the pool filled: no worker warms up beside it; a cancel after the end stops nothing', async () => {
    InlineWorker.made = [];
    const pool = new WorkerPool(2, () => new InlineWorker() as unknown as Worker);
    const random = rng(6);
    const files = Array.from({ length: 80 }, (_, i) => ({
      name: `f${i}.json`,
      file: blob(generateJson({ agency: `镇${i}`, random })),
    }));
    const job = collectFiles(files, { pool });
    expect(InlineWorker.made).toHaveLength(2);
    // The idle fill comes while the load runs: it starts nothing.
    pool.fill('db');
    expect(InlineWorker.made).toHaveLength(2);
    expect(InlineWorker.made.every((w) => !w.received.includes('warm'))).toBe(true);
    expect(await job.finished).toHaveLength(80);
    job.cancel();
    expect(InlineWorker.made.some((w) => w.terminated)).toBe(false);
    // Back in the pool: a fill has nothing to add.
    pool.fill('db');
    expect(InlineWorker.made).toHaveLength(2);
    pool.dispose();
  });
});

describe('warmUp', () => {
  it('made-up reports take the paths real uploads take, so the warm-up compiles what a load runs', () => {
    // A worker compiles its code for the shapes and branches it has seen: a branch first taken
    // by a real file (a negation, a paragraph break, a finding, a file without its generator)
    // threw the warmed code away in the middle of the load and compiled it again.
    const files = sampleReportFiles(24);
    const rules = new Set<string>();
    const keys = new Set<string>();
    let drafts = 0;
    let explained = 0;
    let clean = 0;
    let paragraphs = 0;
    for (const bytes of files) {
      const json = readJsonBytes(bytes, 'w.json');
      if (!('value' in json)) throw new Error(JSON.stringify(json.problems));
      keys.add(Object.keys(json.value as object).join(','));
      const r = reportFromJson(json.value, 'w.json');
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      expect(JSON.stringify(r.report.overview).length).toBeGreaterThan(2000);
      if (r.status === 'draft') drafts++;
      explained += r.report.explanations.length;
      if (r.report.overview.some((o) => o.body.includes('\n'))) paragraphs++;
      const { row, findings } = summarize(r.report, r.status);
      for (const f of findings) rules.add(f.rule);
      if (row.errors === 0 && row.warnings <= 2) clean++;
    }
    expect([...rules].sort()).toEqual(expect.arrayContaining(['E1', 'E3', 'W3', 'W4', 'W5']));
    // With and without the generator and the export time: four shapes of the file's top object.
    expect(keys.size).toBeGreaterThanOrEqual(4);
    expect(drafts).toBeGreaterThanOrEqual(2);
    expect(explained).toBeGreaterThan(0);
    expect(paragraphs).toBeGreaterThan(12);
    // Still mostly what a township sends: balanced, a warning or two at most.
    expect(clean).toBeGreaterThan(12);
  });

  it('its samples range in size as uploads do, from ~13 to over 30 KB', () => {
    // Decoding a file larger than any decoded before touched fresh memory in the worker: samples
    // all of ~16 KB left a load of 20 KB files faulting ~2,000 pages more (bench, 1,000 reports).
    const sizes = sampleReportFiles(24).map((b) => b.byteLength);
    expect(Math.min(...sizes)).toBeLessThan(14_000);
    expect(Math.max(...sizes)).toBeGreaterThan(30_000);
    expect(sizes.filter((s) => s > 20_000).length).toBeGreaterThanOrEqual(8);
  });

  it('stops as soon as real work is waiting', async () => {
    expect(await warmUp(() => false, 7)).toBe(7);
    let calls = 0;
    expect(await warmUp(() => ++calls > 4, 50)).toBe(4);
  });

  it('a request that comes during the warm-up is handled after it, in order', async () => {
    const posted: WorkerMessage['type'][] = [];
    let release!: () => void;
    const host = workerHost(
      (m) => posted.push(m.type),
      { open: () => ({ batch: async () => {}, keep: () => async () => {} }) },
      () => new Promise<number>((r) => (release = () => r(1))),
    );
    host({ type: 'warm' });
    host({ type: 'files', files: [{ name: 'a.json', file: blob(generateJson({ agency: '甲', random: rng(1) })) }] });
    // Held while the warm-up runs (a few turns of the event loop: the read would have posted by then).
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    expect(posted).toEqual([]);
    release();
    await vi.waitFor(() => expect(posted).toEqual(['warmed', 'results', 'done']), { timeout: 20_000 });
  });
});
