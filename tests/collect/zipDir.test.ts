// @vitest-environment node
// The zip's directory read from the end of the file, and a worker's share read as one span
// of it: the same entries as reading the zip whole, and far fewer bytes.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { handleRequest, type WorkerMessage } from '../../src/collect/process';
import { readZipDirectory, readZipSpan, zipDirectory } from '../../src/collect/zipDir';
import { generateJson, rng } from './generate';

/** A Blob that counts the bytes read through its slices. */
function countingBlob(data: Uint8Array): { file: Blob; read: () => number } {
  const whole = new Blob([new Uint8Array(data)]);
  let read = 0;
  const file = {
    size: whole.size,
    slice(from?: number, to?: number) {
      const part = whole.slice(from, to);
      return {
        arrayBuffer: async () => {
          read += part.size;
          return part.arrayBuffer();
        },
      };
    },
    arrayBuffer: async () => {
      read += whole.size;
      return whole.arrayBuffer();
    },
  } as unknown as Blob;
  return { file, read: () => read };
}

function reportsZip(n: number): Uint8Array {
  const random = rng(11);
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < n; i++)
    files[`报告/镇${i}.json`] = strToU8(generateJson({ agency: `镇${i}`, random, textChars: 3000 }));
  // Stored, not deflated: a zip the size of a real one from few files (the directory's read is
  // the end of the file, up to 64 KB).
  return zipSync(files, { level: 0 });
}

/** Bytes the directory's read takes at most: the end of the file (64 KB and the end records) and the directory. */
const directoryBytes = (zip: Uint8Array) =>
  Math.min(zip.length, 22 + 0xffff + 20) + zip.length - Math.max(...zipDirectory(zip).map((e) => e.offset + e.length));

describe('readZipDirectory / readZipSpan', () => {
  it('find the entries zipDirectory finds, reading the directory and then one span', async () => {
    const zip = reportsZip(40);
    const whole = zipDirectory(zip);
    const { file, read } = countingBlob(zip);
    const dir = await readZipDirectory(file);
    expect(dir.map((e) => e.name)).toEqual(whole.map((e) => e.name));
    const afterDir = read();
    expect(afterDir).toBeLessThanOrEqual(directoryBytes(zip));
    expect(afterDir).toBeLessThan(zip.length / 4);
    const half = dir.slice(20);
    const { located, data } = await readZipSpan(file, half);
    expect(located).toEqual(whole.slice(20));
    for (const [k, at] of located.entries()) {
      if (at instanceof Error) throw at;
      const w = whole[20 + k]!;
      expect(data(at)).toEqual(zip.subarray(w.offset, w.offset + w.length));
    }
    // The second half of the entries: from the 21st local header to the directory.
    expect(read() - afterDir).toBe(zipDirectory(zip).length ? dir[39]!.end - dir[20]!.local : 0);
    expect(read() - afterDir).toBeLessThan(zip.length * 0.55);
  });

  it('two workers each read about half of a zip, and together every report once', async () => {
    const zip = reportsZip(60);
    const shares = await Promise.all(
      [0, 1].map(async (shard) => {
        const { file, read } = countingBlob(zip);
        const messages: WorkerMessage[] = [];
        await handleRequest({ type: 'zip', name: 'z.zip', file, shard, shards: 2, blob: 'b' }, (m) => messages.push(m));
        return { read: read(), results: messages.flatMap((m) => (m.type === 'results' ? m.results : [])) };
      }),
    );
    const names = shares.flatMap((s) => s.results.map((r) => r.fileName)).sort();
    expect(names).toEqual(Array.from({ length: 60 }, (_, i) => `z.zip/报告/镇${i}.json`).sort());
    expect(shares.every((s) => s.results.every((r) => r.kind === 'ok'))).toBe(true);
    // Each read its run of entries, in order, with their order numbers.
    expect(shares[0]!.results.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(shares[1]!.results.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 30 + i));
    for (const s of shares) expect(s.read).toBeLessThan(directoryBytes(zip) + zip.length * 0.55);
    expect(zip.length).toBeGreaterThan(500_000);
  });

  it('an entry whose local header is damaged is refused alone, naming it', async () => {
    const zip = reportsZip(4);
    const whole = zipDirectory(zip);
    // The local header of the third entry: its signature, 30 bytes plus its name before its data.
    const third = whole[2]!;
    const local = third.offset - 30 - new TextEncoder().encode(third.name).length;
    zip[local] = 0;
    expect(() => zipDirectory(zip)).toThrow(/镇2\.json」的位置损坏/);
    const messages: WorkerMessage[] = [];
    await handleRequest(
      { type: 'zip', name: 'd.zip', file: new Blob([new Uint8Array(zip)]), shard: 0, shards: 1 },
      (m) => messages.push(m),
    );
    const results = messages.flatMap((m) => (m.type === 'results' ? m.results : []));
    expect(results.map((r) => r.kind)).toEqual(['ok', 'ok', 'refused', 'ok']);
    const bad = results[2]!;
    expect(bad.fileName).toBe('d.zip/报告/镇2.json');
    expect(bad.kind === 'refused' && bad.problems[0]!.message).toMatch(/无法解开（「报告\/镇2\.json」的位置损坏）/);
  });
});
