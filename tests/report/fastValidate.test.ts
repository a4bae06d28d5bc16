// @vitest-environment node
// The fast validator accepts exactly what the zod schema accepts, with the same output, so
// 汇总's reader (fast path, zod for the refused) and the single import read every file alike:
// over the hostile and broken corpus, the seed, and thousands of generated mutations.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJsonBytes } from '../../src/export/jsonFile';
import { CELLS } from '../../src/report';
import { fastValidate } from '../../src/report/fastValidate';
import { fromJson } from '../../src/report/json';
import { reportJsonSchemaAny } from '../../src/report/schema';
import { generateJson, rng } from '../collect/generate';

/** Both say the same, the output is the same, and the full reader gives the same result or refusals. */
function same(value: unknown): boolean {
  const z = reportJsonSchemaAny().safeParse(value);
  const fast = fastValidate(value);
  expect(fast !== null, JSON.stringify(z.success ? 'zod accepts' : z.error.issues.slice(0, 2))).toBe(z.success);
  if (z.success) expect(fast).toEqual(z.data);
  expect(fromJson(value, undefined, fastValidate)).toEqual(fromJson(value));
  return z.success;
}

const corpus = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'cases.json')
    .map((f) => ({ name: `${dir}/${f}`, bytes: new Uint8Array(readFileSync(`${dir}/${f}`)) }));

describe('fastValidate', () => {
  it('agrees with zod over the hostile and broken corpus and the seed', () => {
    const files = [
      ...corpus('tests/fixtures/hostile'),
      ...corpus('tests/fixtures/broken'),
      { name: 'seed', bytes: new Uint8Array(readFileSync('tests/fixtures/laodian-2023.json')) },
    ];
    let read = 0;
    let accepted = 0;
    for (const f of files) {
      const r = readJsonBytes(f.bytes, f.name);
      if (!('value' in r)) continue;
      read++;
      if (same(r.value)) accepted++;
    }
    // The corpus is mostly refusals, but not only: both outcomes are exercised.
    expect(read).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(3);
    expect(read - accepted).toBeGreaterThan(40);
  });

  // Values a mutation puts somewhere: every type, edges of each limit, and characters the text rules refuse.
  const VALUES: unknown[] = [
    null,
    undefined,
    true,
    0,
    -0,
    1,
    -1,
    1.5,
    0.000001,
    0.0000001,
    1234.567891,
    12.3456785,
    Number.MAX_SAFE_INTEGER,
    2 ** 53,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    1999,
    2000,
    2100,
    2101,
    2024.5,
    '',
    ' ',
    '  甲镇人民政府  ',
    '1',
    'x'.repeat(81),
    'x'.repeat(101),
    'y'.repeat(50_001),
    '第一\u202e段',
    '第一\t段\n第二段',
    '第\u0007段',
    '\u2028',
    'draft',
    'final',
    'E1',
    'W9',
    'requests.newReceived.natural',
    'requests.newReceived.lawyers',
    '2024-01-15T08:00:00.000Z',
    '2024-01-15T08:00:00+08:00',
    '2024-01-15 08:00:00',
    '2024-01-15T08:00:00',
    '2024-13-15T08:00:00Z',
    [],
    [1],
    {},
    { heading: '甲', body: '乙' },
    { rule: 'W3', cells: ['requests.newReceived.natural'], reason: '  说明  ' },
    { rule: 'W3', cells: [], reason: '   ' },
  ];

  type Json = Record<string, unknown> | unknown[];
  const containers = (root: unknown): { parent: Json; key: string | number }[] => {
    const out: { parent: Json; key: string | number }[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v))
        v.forEach((x, i) => {
          out.push({ parent: v, key: i });
          walk(x);
        });
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          out.push({ parent: v as Json, key: k });
          walk(x);
        }
    };
    walk(root);
    return out;
  };

  it('agrees with zod over generated mutations of drafts and finals', () => {
    const random = rng(15);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const bases = [
      generateJson({ agency: '甲镇人民政府', random }),
      generateJson({ agency: '乙镇人民政府', random, status: 'draft' }),
      generateJson({ agency: '丙镇人民政府', random, unbalanced: true }),
    ].map((t) => JSON.parse(t) as Record<string, unknown>);
    // With explanations, and a draft with blanks.
    bases[0]!.explanations = [{ rule: 'W4', cells: ['requests.newReceived.total'], reason: '口径不同' }];
    (bases[1]!.requests as Record<string, Record<string, unknown>>).newReceived!.natural = null;
    (bases[1]!.requests as Record<string, Record<string, unknown>>).newReceived!.total = null;
    bases[1]!.year = null;
    let accepted = 0;
    let refused = 0;
    const N = 2500;
    for (let i = 0; i < N; i++) {
      const doc = structuredClone(pick(bases));
      // One to three mutations, so some combine (e.g. a draft turned final keeping its blanks).
      const times = 1 + Math.floor(random() * 3);
      for (let t = 0; t < times; t++) {
        const spots = containers(doc);
        const kind = random();
        if (kind < 0.08) {
          doc.status = doc.status === 'final' ? 'draft' : 'final';
        } else if (kind < 0.16) {
          const { parent } = pick(spots);
          const key = pick(['extra', '__proto__', 'constructor', 'toString', 'total', 'natural']);
          if (Array.isArray(parent)) parent.push(pick(VALUES));
          else Object.defineProperty(parent, key, { value: pick(VALUES), enumerable: true, writable: true });
        } else if (kind < 0.24) {
          const { parent, key } = pick(spots);
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key as string];
        } else if (kind < 0.3) {
          // A numeric cell to a value near a limit: fee decimals, counts, big numbers.
          const c = pick(CELLS);
          const keys = c.path.split('.');
          let node = doc as Record<string, unknown>;
          for (const k of keys.slice(0, -1)) node = (node[k] ?? {}) as Record<string, unknown>;
          node[keys.at(-1)!] = pick([0.1, 0.123456, 0.1234567, 1e-7, 3, -0, 1e21, 4.5, null, Number.MAX_SAFE_INTEGER]);
        } else {
          const { parent, key } = pick(spots);
          (parent as Record<string | number, unknown>)[key] = structuredClone(pick(VALUES));
        }
      }
      if (same(doc)) accepted++;
      else refused++;
    }
    // Both sides are well represented, not a corpus of refusals only.
    expect(accepted).toBeGreaterThan(N / 20);
    expect(refused).toBeGreaterThan(N / 3);
  }, 120_000);
});
