// The central directory of a .zip: each entry's name, method, sizes and where its data
// starts. fflate inflates the data (zipEntryBytes), but its unzip does not say where an
// entry lies in the file, and 汇总 keeps the zip as sent and opens one report from it later
// (collections.ts FileRef).

export interface ZipEntry {
  /** As fflate gives it: UTF-8 when the entry says so, else Latin-1 (see zipEntryName). */
  name: string;
  /** Where the entry's compressed data starts in the zip. */
  offset: number;
  /** Compressed size. */
  length: number;
  /** Uncompressed size. */
  size: number;
  /** 0 stored, 8 deflate; anything else is not read. */
  method: number;
  encrypted: boolean;
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

/** The directory's entries in order; throws an Error saying what is wrong when the file is not a readable zip. */
export function zipDirectory(zip: Uint8Array): ZipEntry[] {
  // The end record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let at = zip.length - 22; at >= 0 && at >= zip.length - 22 - 0xffff; at--) {
    if (u32(zip, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) bad('找不到压缩包目录');
  let count = u16(zip, end + 10);
  let dir = u32(zip, end + 16);
  // Zip64: the real count and offset are in the zip64 end record, found by its locator.
  if ((count === 0xffff || dir === 0xffffffff) && end >= 20 && u32(zip, end - 20) === 0x07064b50) {
    const rec = u64(zip, end - 12);
    if (rec + 56 > zip.length || u32(zip, rec) !== 0x06064b50) bad('压缩包目录损坏');
    count = u64(zip, rec + 32);
    dir = u64(zip, rec + 48);
  }
  const out: ZipEntry[] = [];
  let at = dir;
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50) bad('压缩包目录损坏');
    const flags = u16(zip, at + 8);
    const method = u16(zip, at + 10);
    let length = u32(zip, at + 20);
    let size = u32(zip, at + 24);
    const nameLen = u16(zip, at + 28);
    const extraLen = u16(zip, at + 30);
    const commentLen = u16(zip, at + 32);
    let local = u32(zip, at + 42);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLen);
    const name = flags & 0x800 ? utf8.decode(nameBytes) : latin1(nameBytes);
    // Zip64 sizes and offset, in that order, for the fields that overflowed.
    if (size === 0xffffffff || length === 0xffffffff || local === 0xffffffff) {
      for (let e = at + 46 + nameLen; e + 4 <= at + 46 + nameLen + extraLen; e += 4 + u16(zip, e + 2)) {
        if (u16(zip, e) !== 1) continue;
        let f = e + 4;
        if (size === 0xffffffff) {
          size = u64(zip, f);
          f += 8;
        }
        if (length === 0xffffffff) {
          length = u64(zip, f);
          f += 8;
        }
        if (local === 0xffffffff) local = u64(zip, f);
        break;
      }
    }
    if (local + 30 > zip.length || u32(zip, local) !== 0x04034b50) bad(`「${name}」的位置损坏`);
    const offset = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
    if (offset + length > zip.length) bad(`「${name}」不完整`);
    out.push({ name, offset, length, size, method, encrypted: (flags & 1) === 1 });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
