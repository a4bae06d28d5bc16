// The central directory of a .zip: each entry's name, method, sizes and where its data
// starts. fflate inflates the data (zipEntryBytes), but its unzip does not say where an
// entry lies in the file, and 汇总 keeps the zip as sent and opens one report from it later
// (collections.ts FileRef). A collection worker reads the directory from the end of the
// file, then only the span of the entries it reads (readZipDirectory, readZipSpan): each of
// two workers copying a 37 MB zip whole cost both a copy and its fresh memory.

/** An entry as the central directory gives it: where its local header is, not yet its data. */
export interface CentralEntry {
  /** As fflate gives it: UTF-8 when the entry says so, else Latin-1 (see zipEntryName). */
  name: string;
  /** Where the entry's local header starts in the zip. */
  local: number;
  /** Where its bytes end at the latest: the next entry's local header, or the directory. */
  end: number;
  /** Compressed size. */
  length: number;
  /** Uncompressed size. */
  size: number;
  /** 0 stored, 8 deflate; anything else is not read. */
  method: number;
  encrypted: boolean;
}

export interface ZipEntry extends Omit<CentralEntry, 'local' | 'end'> {
  /** Where the entry's compressed data starts in the zip. */
  offset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;

const utf8 = new TextDecoder();
const latin1 = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
};

class ZipError extends Error {}
const bad = (what: string): never => {
  throw new ZipError(what);
};

/** Bytes of the end of a zip to look for its end record in: the record and a comment of up to 65,535 bytes, and the zip64 locator before them. */
const TAIL = 22 + 0xffff + 20;

/** Where the directory is: from the end record found in `tail` (the file's last bytes; its offsets are the file's). */
function endRecord(tail: Uint8Array): { count: number; dir: number; dirSize: number; zip64At: number | null } {
  let end = -1;
  for (let at = tail.length - 22; at >= 0 && at >= tail.length - 22 - 0xffff; at--) {
    if (u32(tail, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) bad('找不到压缩包目录');
  const count = u16(tail, end + 10);
  const dir = u32(tail, end + 16);
  // Zip64: the real count and offset are in the zip64 end record, found by its locator.
  const zip64 = (count === 0xffff || dir === 0xffffffff) && end >= 20 && u32(tail, end - 20) === 0x07064b50;
  return { count, dir, dirSize: u32(tail, end + 12), zip64At: zip64 ? u64(tail, end - 12) : null };
}

/** The zip64 end record's count, directory offset and size (`rec`: its 56 bytes). */
function zip64Record(rec: Uint8Array): { count: number; dir: number; dirSize: number } {
  if (rec.length < 56 || u32(rec, 0) !== 0x06064b50) bad('压缩包目录损坏');
  return { count: u64(rec, 32), dir: u64(rec, 48), dirSize: u64(rec, 40) };
}

/** The directory's `count` records, from its bytes (`dir`: where it starts in the zip). */
function centralEntries(cd: Uint8Array, count: number, dir: number): CentralEntry[] {
  const out: CentralEntry[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > cd.length || u32(cd, at) !== 0x02014b50) bad('压缩包目录损坏');
    const flags = u16(cd, at + 8);
    const method = u16(cd, at + 10);
    let length = u32(cd, at + 20);
    let size = u32(cd, at + 24);
    const nameLen = u16(cd, at + 28);
    const extraLen = u16(cd, at + 30);
    const commentLen = u16(cd, at + 32);
    let local = u32(cd, at + 42);
    const nameBytes = cd.subarray(at + 46, at + 46 + nameLen);
    const name = flags & 0x800 ? utf8.decode(nameBytes) : latin1(nameBytes);
    // Zip64 sizes and offset, in that order, for the fields that overflowed.
    if (size === 0xffffffff || length === 0xffffffff || local === 0xffffffff) {
      for (let e = at + 46 + nameLen; e + 4 <= at + 46 + nameLen + extraLen; e += 4 + u16(cd, e + 2)) {
        if (u16(cd, e) !== 1) continue;
        let f = e + 4;
        if (size === 0xffffffff) {
          size = u64(cd, f);
          f += 8;
        }
        if (length === 0xffffffff) {
          length = u64(cd, f);
          f += 8;
        }
        if (local === 0xffffffff) local = u64(cd, f);
        break;
      }
    }
    out.push({ name, local, end: dir, length, size, method, encrypted: (flags & 1) === 1 });
    at += 46 + nameLen + extraLen + commentLen;
  }
  // Each entry's bytes stop where the next one in the file starts.
  const starts = [...new Set(out.map((e) => e.local))].sort((a, b) => a - b);
  for (const e of out) {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= e.local) lo = mid + 1;
      else hi = mid;
    }
    if (lo < starts.length && starts[lo]! < dir) e.end = starts[lo]!;
  }
  return out;
}

/** Where an entry's data is, from its local header in `part` (the file's bytes from `partStart`); throws when it is not there. */
function locate(e: CentralEntry, part: Uint8Array, partStart: number, fileSize: number): ZipEntry {
  const at = e.local - partStart;
  if (at < 0 || at + 30 > part.length || u32(part, at) !== 0x04034b50) bad(`「${e.name}」的位置损坏`);
  const offset = e.local + 30 + u16(part, at + 26) + u16(part, at + 28);
  if (offset + e.length > fileSize || offset + e.length > partStart + part.length) bad(`「${e.name}」不完整`);
  return { name: e.name, offset, length: e.length, size: e.size, method: e.method, encrypted: e.encrypted };
}

/** The directory's entries in order, from a zip in memory; throws an Error saying what is wrong when the file is not a readable zip. */
export function zipDirectory(zip: Uint8Array): ZipEntry[] {
  const tailStart = Math.max(0, zip.length - TAIL);
  let { count, dir, dirSize, zip64At } = endRecord(zip.subarray(tailStart));
  if (zip64At !== null) ({ count, dir, dirSize } = zip64Record(zip.subarray(zip64At, zip64At + 56)));
  if (dir + dirSize > zip.length) bad('压缩包目录损坏');
  // To the end, not dirSize: a directory longer than its end record says still reads.
  return centralEntries(zip.subarray(dir), count, dir).map((e) => locate(e, zip, 0, zip.length));
}

const read = async (file: Blob, from: number, to: number): Promise<Uint8Array> =>
  new Uint8Array(await file.slice(from, to).arrayBuffer());

/** The directory's entries in order, read from the end of the file alone; throws like zipDirectory. */
export async function readZipDirectory(file: Blob): Promise<CentralEntry[]> {
  const tailStart = Math.max(0, file.size - TAIL);
  let { count, dir, dirSize, zip64At } = endRecord(await read(file, tailStart, file.size));
  if (zip64At !== null) ({ count, dir, dirSize } = zip64Record(await read(file, zip64At, zip64At + 56)));
  if (dir + dirSize > file.size) bad('压缩包目录损坏');
  return centralEntries(await read(file, dir, file.size), count, dir);
}

/**
 * The part of the file that holds `entries` (one read) and where each one's data is in it, or
 * the Error saying why it is not there (that entry alone is refused). `data` gives an entry's
 * compressed bytes.
 */
export async function readZipSpan(
  file: Blob,
  entries: readonly CentralEntry[],
): Promise<{ located: (ZipEntry | Error)[]; data: (e: ZipEntry) => Uint8Array }> {
  if (!entries.length) return { located: [], data: () => new Uint8Array(0) };
  let from = file.size;
  let to = 0;
  for (const e of entries) {
    from = Math.min(from, e.local);
    to = Math.max(to, e.end);
  }
  to = Math.min(to, file.size);
  const part = from < to ? await read(file, from, to) : new Uint8Array(0);
  const located = entries.map((e) => {
    try {
      return locate(e, part, from, file.size);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
  return { located, data: (e) => part.subarray(e.offset - from, e.offset - from + e.length) };
}
