// @vitest-environment node
// The glue around the WebAssembly decoder (src/export/utf8.ts). Node 20 has no JS String
// builtins, so the module itself is checked in Chromium (tests/e2e/utf8.spec.ts); here a
// stand-in with the module's contract shows what the glue hands it and what it does with null.
import { describe, expect, it } from 'vitest';
import { UTF8_WASM, type WasmUtf8, decodeUtf8, utf8Decoder } from '../../src/export/utf8';

const enc = (s: string) => new TextEncoder().encode(s);
const BOM = [0xef, 0xbb, 0xbf];

/** Decodes memory[from, end) as the module would; null where it is not UTF-8. */
function standIn(): WasmUtf8 & { calls: [number, number][] } {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const calls: [number, number][] = [];
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return {
    memory,
    calls,
    decode(from, end) {
      calls.push([from, end]);
      try {
        return strict.decode(new Uint8Array(memory.buffer, from, end - from));
      } catch {
        return null;
      }
    },
  };
}

describe('utf8Decoder', () => {
  it('copies the bytes into the module memory, growing it, and passes their span', () => {
    const wasm = standIn();
    const decode = utf8Decoder(wasm);
    expect(decode(enc('{"a":"一二三"}'))).toBe('{"a":"一二三"}');
    const big = '报'.repeat(40_000); // 120,000 bytes: more than the first 64 KB page
    expect(decode(enc(big))).toBe(big);
    expect(wasm.memory.buffer.byteLength).toBeGreaterThanOrEqual(120_000);
    expect(wasm.calls).toEqual([
      [0, 17],
      [0, 120_000],
    ]);
  });

  it('starts after a byte-order mark, as TextDecoder drops it', () => {
    const wasm = standIn();
    expect(utf8Decoder(wasm)(new Uint8Array([...BOM, ...enc('[1]')]))).toBe('[1]');
    expect(wasm.calls).toEqual([[3, 6]]);
  });

  it('throws as TextDecoder does where the module says the bytes are not UTF-8', () => {
    const gbk = new Uint8Array([0x7b, 0xc4, 0xea, 0xb1, 0xa8, 0x7d]); // {年报} in GBK
    expect(() => utf8Decoder(standIn())(gbk)).toThrow(TypeError);
    expect(() => utf8Decoder(null)(gbk)).toThrow(TypeError);
  });

  it('without the module is TextDecoder with fatal errors', () => {
    const decode = utf8Decoder(null);
    expect(decode(new Uint8Array([...BOM, ...enc('一')]))).toBe('一');
    expect(() => decode(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(TypeError);
  });

  it('decodeUtf8 works where the engine cannot make the module (here, Node)', () => {
    expect(decodeUtf8(enc('{"单位":"老店镇"}'))).toBe('{"单位":"老店镇"}');
    expect(() => decodeUtf8(new Uint8Array([0xc0, 0x80]))).toThrow(TypeError);
  });

  it('holds a WebAssembly module', () => {
    const bytes = Uint8Array.from(atob(UTF8_WASM), (c) => c.charCodeAt(0));
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });
});
