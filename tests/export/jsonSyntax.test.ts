// @vitest-environment node
// The import's quick pass (soundJson, after JSON.parse) says "nothing to refuse" exactly when
// the full scan (scanJson) finds nothing: over the hostile and broken corpus, the seed, generated
// reports and mutations that give a key twice, nest deeply or hide quotes and colons in strings.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJsonBytes } from '../../src/export/jsonFile';
import { scanJson, soundJson } from '../../src/export/jsonSyntax';
import { generateJson, rng } from '../collect/generate';

const corpus = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(`${dir}/${f}`, 'utf8') }));

/** Both passes agree on a text JSON.parse accepts; returns whether it was one. */
function agree(text: string, name: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  expect(soundJson(text, value), name).toBe(scanJson(text) === null);
  return true;
}

describe('soundJson', () => {
  it('agrees with scanJson over the corpus, the seed and generated reports', () => {
    const files = [
      ...corpus('tests/fixtures/hostile'),
      ...corpus('tests/fixtures/broken'),
      { name: 'seed', text: readFileSync('tests/fixtures/laodian-2023.json', 'utf8') },
    ];
    const random = rng(21);
    for (let i = 0; i < 20; i++) files.push({ name: `gen${i}`, text: generateJson({ agency: `镇${i}`, random }) });
    let parsed = 0;
    for (const f of files) if (agree(f.text, f.name)) parsed++;
    expect(parsed).toBeGreaterThan(40);
  });

  it('catches a key given twice anywhere, and deep nesting, as scanJson does', () => {
    const text = generateJson({ agency: '甲镇', random: rng(4) });
    const random = rng(8);
    let dup = 0;
    for (let k = 0; k < 300; k++) {
      // Duplicate one member "key": value in place (same object), at a random key.
      const keys = [...text.matchAll(/\n(\s*)"([^"]+)": ([^{[\n]+?),?\n/g)];
      const m = keys[Math.floor(random() * keys.length)]!;
      const member = `\n${m[1]}"${m[2]}": ${m[3]},`;
      const mutated = text.slice(0, m.index) + member + text.slice(m.index);
      expect(agree(mutated, `dup ${m[2]}`)).toBe(true);
      expect(scanJson(mutated)).toMatchObject({ kind: 'duplicate', key: m[2] });
      dup++;
    }
    expect(dup).toBe(300);
    for (const depth of [31, 32, 33, 200]) {
      agree(`${'['.repeat(depth)}${']'.repeat(depth)}`, `array ${depth}`);
      agree(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `object ${depth}`);
    }
  });

  it('is not fooled by quotes, backslashes, braces and colons inside strings, or escaped keys', () => {
    const cases = [
      '{"a":"x\\"y:{","b":"\\\\","c":"\\\\\\"}[:"}',
      '{"a":1,"\\u0061":2}',
      '{"a\\\\":1,"a\\\\\\\\":2}',
      '{"__proto__":1,"__proto__":2}',
      '{"k":{"k":{"k":1}},"x":[{"k":1,"k":2}]}',
      '[{"a":":"},{"a":"{{{{"}]',
      '{"":1,"":2}',
      '"just a string with : and {"',
      // Top-level values that are not objects, empty containers, spaces around structure.
      '5',
      'null',
      '[1,[2,{"a":{}}],[]]',
      '  {\n "a" :\t[ ] ,"b" : { } }  ',
      '{"a":{"b":1},"a":{"c":2}}',
      // Colons in keys and strings (counted on both sides), and written as \u003a (the full pass).
      '{"a:b":1,"a:b":2}',
      '{"k":"::","k":"::"}',
      '{"a":{"b":"c:d"},"e":["f:g",{"h:i":"j"}]}',
      '{"a":"\\u003a","b":":"}',
      '{"a":"\\u003A","a":"x"}',
      '{"a":"\\\\u003a:","b":1}',
      '{"u003a":":","u003a":1}',
    ];
    for (const c of cases) expect(agree(c, c)).toBe(true);
  });

  it('leaves the import’s refusals as they were', () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    const dup = readJsonBytes(enc('{"status":"final","status":"draft"}'), 'a.json');
    expect('value' in dup ? null : dup.problems[0]!.message).toMatch(
      /字段「status」在同一处出现了两次（第 1 行第 19 列再次出现）/,
    );
    const deep = readJsonBytes(enc(`${'['.repeat(40)}${']'.repeat(40)}`), 'b.json');
    expect('value' in deep ? null : deep.problems[0]!.message).toMatch(/嵌套超过 32 层（第 1 行第 33 列）/);
    const cut = readJsonBytes(enc('{"a":'), 'c.json');
    expect('value' in cut ? null : cut.problems[0]!.message).toMatch(/意外结束/);
    expect(readJsonBytes(enc('{"a":[1,{"b":null}]}'), 'd.json')).toEqual({ value: { a: [1, { b: null }] } });
  });
});
