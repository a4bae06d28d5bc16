// @vitest-environment node
// The collection workers' inflater (src/collect/inflate.ts, a port of fflate's that keeps its
// tables) against fflate's inflateSync with the same `out`: the same bytes, or the same error,
// for streams from two deflaters at every level and strategy, stored, fixed and dynamic
// blocks, several blocks, output buffers too short and too long, and damaged streams. One
// inflater reads them all, so a table left over from an earlier stream would show.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import { deflateSync as fflateDeflate, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Inflate } from '../../src/collect/inflate';
import { generateJson, rng } from './generate';

const inflater = new Inflate();

/** The bytes as a length and digest (comparing arrays of 300,000 numbers took most of a minute). */
const digest = (b: Uint8Array): string => `${b.length}:${createHash('sha1').update(b).digest('hex')}`;
type Outcome = { bytes: string } | { error: string };
const outcome = (fn: () => Uint8Array): Outcome => {
  try {
    return { bytes: digest(fn()) };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
};
const both = (data: Uint8Array, size: number): [Outcome, Outcome] => [
  outcome(() => inflater.into(data, new Uint8Array(size))),
  outcome(() => inflateSync(data, { out: new Uint8Array(size) })),
];

const random = rng(1951);
const enc = new TextEncoder();
const seedJson = readFileSync(new URL('../fixtures/laodian-2023.json', import.meta.url));
const inputs: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['one byte', new Uint8Array([0x7b])],
  ['the seed report', seedJson],
  ...[0, 1, 2].map((k): [string, Uint8Array] => [
    `a generated report ${k}`,
    enc.encode(generateJson({ agency: `镇${k}`, random, textChars: 4000 + k * 6000 })),
  ]),
  ['random bytes', Uint8Array.from({ length: 40_000 }, () => Math.floor(random() * 256))],
  ['runs', Uint8Array.from({ length: 30_000 }, (_, i) => (i >> 9) & 3)],
  ['300 KB of reports (several blocks)', enc.encode(generateJson({ agency: '县', random, textChars: 100_000 }))],
];

const streams: [string, Uint8Array, Uint8Array][] = [];
for (const [name, raw] of inputs) {
  for (const level of [0, 1, 6, 9] as const) {
    streams.push([`${name}, fflate level ${level}`, raw, fflateDeflate(raw, { level })]);
  }
  for (const [s, strategy] of [
    ['default', constants.Z_DEFAULT_STRATEGY],
    ['fixed', constants.Z_FIXED],
    ['huffman only', constants.Z_HUFFMAN_ONLY],
    ['rle', constants.Z_RLE],
  ] as const) {
    streams.push([`${name}, zlib ${s}`, raw, deflateRawSync(raw, { strategy, level: 6 })]);
  }
}

describe('Inflate', () => {
  it('gives the original bytes back, as fflate does, whatever made the stream', () => {
    for (const [name, raw, packed] of streams) {
      const [mine, theirs] = both(packed, raw.length);
      expect(mine, name).toEqual({ bytes: digest(raw) });
      expect(theirs, name).toEqual(mine);
    }
  });

  it('does as fflate with an output buffer shorter or longer than the stream', () => {
    for (const [name, raw, packed] of streams) {
      for (const size of [Math.floor(raw.length / 2), raw.length + 100]) {
        const [mine, theirs] = both(packed, size);
        expect(mine, `${name}, out ${size}`).toEqual(theirs);
      }
    }
  });

  it('fails or reads as fflate does on damaged streams', () => {
    const damaged = rng(7);
    let errors = 0;
    for (const [name, raw, packed] of streams) {
      if (!packed.length) continue;
      for (let k = 0; k < 12; k++) {
        const bad = packed.slice();
        const bit = Math.floor(damaged() * bad.length * 8);
        bad[bit >> 3]! ^= 1 << (bit & 7);
        const cut = packed.subarray(0, Math.floor(damaged() * packed.length));
        for (const [what, data] of [
          [`bit ${bit} flipped`, bad],
          [`cut at ${cut.length}`, cut],
        ] as const) {
          const [mine, theirs] = both(data, raw.length);
          if ('error' in mine) errors++;
          expect(mine, `${name}, ${what}`).toEqual(theirs);
        }
      }
    }
    // The damage is real: most of those streams do not read.
    expect(errors).toBeGreaterThan(200);
  });
});
