// Raw deflate (RFC 1951) into a buffer the caller gives, for zip entries. A port of fflate's
// `inflt` (fflate 0.8.3, MIT, © Arjun Barrett), one-shot only, that keeps its Huffman tables
// between entries: fflate makes new ones for every block, up to two of 64 KB, zeroed and
// outside V8's heap, and in a 汇总 load of thousands of entries that was fresh memory faulted
// in and young ArrayBuffers swept for each one (issue 15). Same output and same errors as
// fflate's inflateSync(data, { out }) (tests/collect/inflate.test.ts compares them).

const u8 = Uint8Array;
const u16 = Uint16Array;

// Extra bits of the length and distance codes, the code length codes' order.
const fleb = new u8([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0, 0, 0, 0]);
const fdeb = new u8([
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 0, 0,
]);
const clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

/** The base value of each length or distance code. */
function bases(eb: Uint8Array, start: number): Uint16Array {
  const b = new u16(31);
  for (let i = 0; i < 31; ++i) b[i] = start += 1 << eb[i - 1]!;
  return b;
}
const fl = bases(fleb, 2);
fl[28] = 258;
const fd = bases(fdeb, 0);

/** 15-bit reversal: Huffman codes are read from the least significant bit. */
const rev = new u16(32768);
for (let i = 0; i < 32768; ++i) {
  let x = ((i & 0xaaaa) >> 1) | ((i & 0x5555) << 1);
  x = ((x & 0xcccc) >> 2) | ((x & 0x3333) << 2);
  x = ((x & 0xf0f0) >> 4) | ((x & 0x0f0f) << 4);
  rev[i] = (((x & 0xff00) >> 8) | ((x & 0x00ff) << 8)) >> 1;
}

const count = new u16(16);
const first = new u16(16);

/**
 * Fills `co` (its first 2^mb entries, cleared first: a code that is not complete leaves holes,
 * which must read as invalid) with symbol << 4 | bits for each mb-bit reversed code, as
 * fflate's hMap(cd, mb, 1).
 */
function hMap(cd: Uint8Array, mb: number, co: Uint16Array): Uint16Array {
  const s = cd.length;
  count.fill(0);
  first.fill(0);
  for (let i = 0; i < s; ++i) if (cd[i]) ++count[cd[i]! - 1]!;
  for (let i = 1; i < mb; ++i) first[i] = (first[i - 1]! + count[i - 1]!) << 1;
  co.fill(0, 0, 1 << mb);
  const rvb = 15 - mb;
  for (let i = 0; i < s; ++i) {
    if (cd[i]) {
      const sv = (i << 4) | cd[i]!;
      const r = mb - cd[i]!;
      let v = first[cd[i]! - 1]!++ << r;
      for (const m = v | ((1 << r) - 1); v <= m; ++v) co[rev[v]! >> rvb] = sv;
    }
  }
  return co;
}

const flt = new u8(288);
for (let i = 0; i < 144; ++i) flt[i] = 8;
for (let i = 144; i < 256; ++i) flt[i] = 9;
for (let i = 256; i < 280; ++i) flt[i] = 7;
for (let i = 280; i < 288; ++i) flt[i] = 8;
const fdt = new u8(32).fill(5);
const flrm = hMap(flt, 9, new u16(1 << 9));
const fdrm = hMap(fdt, 5, new u16(1 << 5));

const max = (a: Uint8Array): number => {
  let m = a[0]!;
  for (let i = 1; i < a.length; ++i) if (a[i]! > m) m = a[i]!;
  return m;
};
const bits = (d: Uint8Array, p: number, m: number): number => {
  const o = (p / 8) | 0;
  return ((d[o]! | (d[o + 1]! << 8)) >> (p & 7)) & m;
};
const bits16 = (d: Uint8Array, p: number): number => {
  const o = (p / 8) | 0;
  return (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16)) >> (p & 7);
};
const shft = (p: number): number => ((p + 7) / 8) | 0;

const MESSAGES = ['unexpected EOF', 'invalid block type', 'invalid length/literal', 'invalid distance'];
const err = (code: number): never => {
  throw Object.assign(new Error(MESSAGES[code]), { code });
};

/** An inflater whose tables live as long as it does: one per worker. */
export class Inflate {
  private lm = new u16(1 << 15);
  private dm = new u16(1 << 15);
  private clm = new u16(1 << 7);
  private ldt = new u8(320);
  private clt = new u8(19);

  /**
   * Inflates `dat` into `buf`, as fflate's inflateSync(dat, { out: buf }): what would go past
   * the end of `buf` is dropped (a stored block there throws a RangeError); returns the part of
   * `buf` written.
   */
  into(dat: Uint8Array, buf: Uint8Array): Uint8Array {
    const sl = dat.length;
    if (!sl) return buf;
    let final = 0;
    let pos = 0;
    let bt = 0;
    let lm: Uint16Array | null = null;
    let dm: Uint16Array = fdrm;
    let lbt = 0;
    let dbt = 0;
    const tbts = sl * 8;
    do {
      if (!lm) {
        final = bits(dat, pos, 1);
        const type = bits(dat, pos + 1, 3);
        pos += 3;
        if (!type) {
          // Stored: to the byte boundary, then LEN bytes as they are.
          const s = shft(pos) + 4;
          const l = dat[s - 4]! | (dat[s - 3]! << 8);
          const t = s + l;
          if (t > sl) err(0);
          buf.set(dat.subarray(s, t), bt);
          bt += l;
          pos = t * 8;
          continue;
        }
        if (type === 1) {
          lm = flrm;
          dm = fdrm;
          lbt = 9;
          dbt = 5;
        } else if (type === 2) {
          const hLit = bits(dat, pos, 31) + 257;
          const hcLen = bits(dat, pos + 10, 15) + 4;
          const tl = hLit + bits(dat, pos + 5, 31) + 1;
          pos += 14;
          const ldt = this.ldt.fill(0);
          const clt = this.clt.fill(0);
          for (let i = 0; i < hcLen; ++i) clt[clim[i]!] = bits(dat, pos + i * 3, 7);
          pos += hcLen * 3;
          const clb = max(clt);
          const clbmsk = (1 << clb) - 1;
          const clm = hMap(clt, clb, this.clm);
          for (let i = 0; i < tl; ) {
            const r = clm[bits(dat, pos, clbmsk)]!;
            pos += r & 15;
            const s = r >> 4;
            if (s < 16) {
              ldt[i++] = s;
            } else {
              let c = 0;
              let n = 0;
              if (s === 16) {
                n = 3 + bits(dat, pos, 3);
                pos += 2;
                c = i > 0 ? ldt[i - 1]! : 0;
              } else if (s === 17) {
                n = 3 + bits(dat, pos, 7);
                pos += 3;
              } else if (s === 18) {
                n = 11 + bits(dat, pos, 127);
                pos += 7;
              }
              while (n--) ldt[i++] = c;
            }
          }
          const lt = ldt.subarray(0, hLit);
          const dt = ldt.subarray(hLit, tl);
          lbt = max(lt);
          dbt = max(dt);
          lm = hMap(lt, lbt, this.lm);
          dm = hMap(dt, dbt, this.dm);
        } else err(1);
        if (pos > tbts) err(0);
      }
      const lms = (1 << lbt) - 1;
      const dms = (1 << dbt) - 1;
      for (;;) {
        const c = lm![bits16(dat, pos) & lms]!;
        const sym = c >> 4;
        pos += c & 15;
        if (pos > tbts) err(0);
        if (!c) err(2);
        if (sym < 256) buf[bt++] = sym;
        else if (sym === 256) {
          lm = null;
          break;
        } else {
          let add = sym - 254;
          if (sym > 264) {
            const i = sym - 257;
            const b = fleb[i]!;
            add = bits(dat, pos, (1 << b) - 1) + fl[i]!;
            pos += b;
          }
          const d = dm[bits16(dat, pos) & dms]!;
          const dsym = d >> 4;
          if (!d) err(3);
          pos += d & 15;
          let dist = fd[dsym]!;
          if (dsym > 3) {
            const b = fdeb[dsym]!;
            dist += bits16(dat, pos) & ((1 << b) - 1);
            pos += b;
          }
          if (pos > tbts) err(0);
          const end = bt + add;
          if (bt < dist) err(3);
          for (; bt < end; ++bt) buf[bt] = buf[bt - dist]!;
        }
      }
    } while (!final);
    return buf.subarray(0, bt);
  }
}
