// UTF-8 bytes → string, refusing what is not UTF-8, as TextDecoder('utf-8', { fatal: true }).
// Where WebAssembly has the JS String builtins (Chromium 130+, Firefox 134+), a small decoder
// (utf8.wat) makes the string on V8's own heap. Blink's TextDecoder puts each text in memory of
// its own, and a 汇总 load of thousands of fresh 20 KB texts faulted that memory in anew for
// each file: in two workers over 10,000 reports, decoding took ~0.5 s each against ~0.14 s
// this way, and inflating and JSON.parse were faster after it too (issue 15).

/** utf8.wat assembled (see its header to rebuild): exports `memory` and `decode(from, end)`. */
export const UTF8_WASM =
  'AGFzbQEAAAABEwNedwFgA2MAf38BZG9gAn9/AW8CJAEOd2FzbTpqcy1zdHJpbmcRZnJvbUNoYXJDb2RlQXJyYXkAAQMCAQIFAwEAAQYKAWQAAUEA+wcACwcTAgZtZW1vcnkCAAZkZWNvZGUAAQqxBAGuBAIDfwFkACMA+w8gAUkEQCAB+wcAJAALIwAhBQJAA0ACQCAAIAFPDQIgAEEEaiIEIAFNBEAgACgAACICQYCBgoR4cUUEQCAFIAMgAkH/AXH7DgAgBSADQQFqIAJBCHZB/wFx+w4AIAUgA0ECaiACQRB2Qf8BcfsOACAFIANBA2ogAkEYdvsOACADQQRqIQMgBCEADAMLCyAALQAAIgJBgAFJBEAgBSADIAL7DgAgA0EBaiEDIABBAWohAAwCCyACQcIBSQ0AIAJB4AFJBEAgAEEBaiABTw0BIAAtAAEiBEHAAXFBgAFHDQEgBSADIARBP3EgAkEfcUEGdHL7DgAgA0EBaiEDIABBAmohAAwCCyACQfABSQRAIABBAmogAU8NASAALwABIgRBwIEDcUGAgQJHDQEgBEEIdkE/cSACQQ9xQQx0IARBP3FBBnRyciICQYAQSQ0BIAJBgPADcUGAsANGDQEgBSADIAL7DgAgA0EBaiEDIABBA2ohAAwCCyACQfUBTw0AIABBA2ogAU8NACAAKAAAIgRBgICDhnxxQYCAgoR4Rw0AIAJBB3FBEnQgBEEIdkE/cUEMdHIgBEEYdkE/cSAEQRB2QT9xQQZ0cnIiAkGAgARJDQAgAkH//8MASw0AIAUgAyACQYCABGsiAkEKdkGAsANy+w4AIAUgA0EBaiACQf8HcUGAuANy+w4AIANBAmohAyAAQQRqIQAMAQsL0HIPCyAFQQAgAxAACw==';

/** The module's exports: decode gives null where the bytes are not UTF-8. */
export interface WasmUtf8 {
  decode: (from: number, end: number) => string | null;
  memory: WebAssembly.Memory;
}

/** The decoder instantiated, or null where this engine lacks WebAssembly GC or the builtins. */
function instantiateUtf8(): WasmUtf8 | null {
  try {
    const bytes = Uint8Array.from(atob(UTF8_WASM), (c) => c.charCodeAt(0));
    // The compile options' builtins are newer than TypeScript's DOM types.
    const options = { builtins: ['js-string'] } as unknown as undefined;
    const module = new WebAssembly.Module(bytes, options);
    const { exports } = new WebAssembly.Instance(module, {});
    return { decode: exports.decode as WasmUtf8['decode'], memory: exports.memory as WebAssembly.Memory };
  } catch {
    return null;
  }
}

const FATAL = new TextDecoder('utf-8', { fatal: true });

/**
 * A decoder over `wasm` (TextDecoder alone where it is null). Throws TypeError where the bytes
 * are not UTF-8, as TextDecoder does (it words that refusal); a leading BOM is dropped.
 */
export function utf8Decoder(wasm: WasmUtf8 | null): (bytes: Uint8Array) => string {
  if (!wasm) return (bytes) => FATAL.decode(bytes);
  return (bytes) => {
    const end = bytes.byteLength;
    const have = wasm.memory.buffer.byteLength;
    if (have < end) wasm.memory.grow(Math.ceil((end - have) / 65536));
    new Uint8Array(wasm.memory.buffer, 0, end).set(bytes);
    const bom = end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return wasm.decode(bom, end) ?? FATAL.decode(bytes);
  };
}

let shared: ((bytes: Uint8Array) => string) | undefined;

/** UTF-8 bytes → string (see above); the module is made on the first call. */
export function decodeUtf8(bytes: Uint8Array): string {
  shared ??= utf8Decoder(instantiateUtf8());
  return shared(bytes);
}
