// The WebAssembly UTF-8 decoder (src/export/utf8.wat) in the browser the app ships for: it
// must be available there (or 汇总 falls back to the slower TextDecoder unseen), and give
// exactly what TextDecoder('utf-8', { fatal: true }) gives, refusals included, over every
// one- and two-byte sequence, the lead bytes of longer ones against edge continuation bytes,
// random mixes (crossing the four-ASCII-bytes step at every offset) and real report files.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { UTF8_WASM } from '../../src/export/utf8';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const files = [
  join(fixtures, 'laodian-2023.json'),
  ...readdirSync(join(fixtures, 'broken')).map((f) => join(fixtures, 'broken', f)),
].map((f) => [...readFileSync(f)]);

test('the WebAssembly decoder is there and agrees with TextDecoder byte for byte', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const result = await page.evaluate(
    ({ wasm64, files }) => {
      const bytes = Uint8Array.from(atob(wasm64), (c) => c.charCodeAt(0));
      const options = { builtins: ['js-string'] } as unknown as undefined;
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes, options), {});
      const memory = exports.memory as WebAssembly.Memory;
      const decode = exports.decode as (from: number, end: number) => string | null;
      const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      let checked = 0;
      const wrong: string[] = [];
      const check = (input: number[]) => {
        if (memory.buffer.byteLength < input.length) {
          memory.grow(Math.ceil((input.length - memory.buffer.byteLength) / 65536));
        }
        new Uint8Array(memory.buffer).set(input);
        const got = decode(0, input.length);
        let want: string | null;
        try {
          want = fatal.decode(new Uint8Array(input));
        } catch {
          want = null;
        }
        checked++;
        if (got !== want && wrong.length < 10) wrong.push(`${input.slice(0, 12).join(',')}: ${got} ≠ ${want}`);
      };
      for (let a = 0; a < 256; a++) {
        check([a]);
        for (let b = 0; b < 256; b++) check([a, b]);
      }
      const edges = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
      for (let a = 0xe0; a < 0x100; a++) {
        for (let b = 0; b < 256; b++) {
          for (const c of edges) {
            check([a, b, c]);
            check([a, b, c, 0x41]);
            if (a >= 0xf0) for (const d of [0x41, 0x80, 0xbf, 0xc0]) check([a, b, c, d]);
          }
        }
      }
      // Random mixes of ASCII, valid sequences of each length and stray bytes.
      let seed = 15;
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      const pieces = [
        [0x61],
        [0x22, 0x3a],
        [0x31, 0x32, 0x33],
        [0xc3, 0xa9],
        [0xe4, 0xb8, 0x80],
        [0xe9, 0xbf, 0xbf],
        [0xef, 0xbb, 0xbf],
        [0xf0, 0x9f, 0x98, 0x80],
        [0xf4, 0x8f, 0xbf, 0xbf],
        [0x80],
        [0xe4, 0xb8],
        [0xf0, 0x9f],
        [0xed, 0xb0, 0x80],
        [0xff],
      ];
      for (let i = 0; i < 30_000; i++) {
        const input: number[] = [];
        const n = rand(16);
        const clean = rand(2) === 0; // half of them valid throughout
        for (let k = 0; k < n; k++) input.push(...pieces[rand(clean ? 9 : pieces.length)]!);
        check(input);
      }
      for (const f of files) check(f);
      return { checked, wrong };
    },
    { wasm64: UTF8_WASM, files },
  );
  expect(result.wrong).toEqual([]);
  expect(result.checked).toBeGreaterThan(200_000);
});
