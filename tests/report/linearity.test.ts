// Issue 14: the time grows linearly with the input, for the text rules and the readers.
// The input is made 4 times larger: linear code takes about 4 times as long, quadratic code
// 16 times. The bound 12 leaves room for noise: CPU time counts the garbage collector's
// threads too, and on a busy machine a doubling with a bound of 3 failed on noise alone
// (4 ms → 14 ms), as did 4× with a bound of 8 (3.6 ms → 38.9 ms). Each time is the best of
// five runs. (At 8× some shapes grow faster than linear, e.g. 行政复议/行政诉讼 pairs 2.9 →
// 74.5 ms: not a freeze, but not linear either; see issue 14.)
import { describe, expect, it } from 'vitest';
import { scanJson } from '../../src/export/jsonSyntax';
import { checkReport, emptyReport } from '../../src/report';
import { parsePublishedHtml, parsePublishedReport } from '../../src/report/parse';
import { bestCpuMs } from '../cpuTime';

const FACTOR = 4;

/** CPU ms at n and FACTOR × n; the smaller must be large enough to measure. */
function growing(run: (n: number) => unknown, n: number): { small: number; large: number; ratio: number } {
  run(n); // warm the JIT first: its one-off cost is not the algorithm's
  const small = bestCpuMs(() => run(n), 5);
  const large = bestCpuMs(() => run(FACTOR * n), 5);
  return { small, large, ratio: large / Math.max(small, 1) };
}

function expectLinear(name: string, run: (n: number) => unknown, n: number) {
  const { small, large, ratio } = growing(run, n);
  expect(ratio, `${name}: ${small.toFixed(1)} ms → ${large.toFixed(1)} ms at ${FACTOR}× the input`).toBeLessThan(12);
}

const textReport = (field: 'problems' | 'otherMatters' | 'overview', text: string) => {
  const r = emptyReport('某镇人民政府', 2023);
  if (field === 'overview') r.overview[1]!.body = text;
  else r[field] = text;
  return r;
};

describe('the text rules are linear in the text', { timeout: 120_000 }, () => {
  it.each([
    ['五 as one sentence of 「收到申请1件，」', 'problems', (n: number) => '收到申请1件，'.repeat(n)],
    ['一 as one clause without any separator', 'overview', (n: number) => '收到依申请公开申请1件'.repeat(n)],
    ['行政复议 and 行政诉讼 pairs', 'overview', (n: number) => '行政复议和行政诉讼各1件'.repeat(n)],
    ['years in one sentence', 'problems', (n: number) => '2019年将继续'.repeat(n)],
    ['《titles》 and 〔numbers〕', 'problems', (n: number) => '《条例》（2019年修订）〔2021〕'.repeat(n)],
    ['counts before keywords', 'overview', (n: number) => '1件结转下年度'.repeat(n)],
    ['bare figures after 为', 'overview', (n: number) => '收到申请为 1'.repeat(n)],
    ['六 lines about fees', 'otherMatters', (n: number) => '一、收取信息处理费情况\n'.repeat(n)],
  ] as const)('%s', (name, field, text) => {
    expectLinear(name, (n) => checkReport(textReport(field, text(n))), 2000);
  });
});

describe('the published-report readers are linear in the page', { timeout: 120_000 }, () => {
  it.each([
    ['unclosed <a ', (n: number) => '<a '.repeat(n * 4)],
    ['unclosed comments', (n: number) => '<!--'.repeat(n * 4)],
    ['unclosed quotes', (n: number) => '<a title="'.repeat(n)],
    ['nested tables', (n: number) => '<table><tr><td>'.repeat(n)],
    ['nested divs', (n: number) => '<div>'.repeat(n * 4)],
    ['rowspan and colspan', (n: number) => `<table>${'<tr><td rowspan=1000 colspan=1000>x'.repeat(n / 4)}</table>`],
  ] as const)('%s', (name, html) => {
    expectLinear(name, (n) => parsePublishedHtml(html(n)), 4000);
  });

  it('a text whose 五 is one long sentence', () => {
    expectLinear(
      'text',
      (n) =>
        parsePublishedReport(`五、存在的主要问题及改进情况\n${'收到申请1件，'.repeat(n)}\n六、其他需要报告的事项\n无`),
      10_000,
    );
  });
});

describe('the JSON scanner is linear and iterative', { timeout: 120_000 }, () => {
  it('nested arrays: no stack overflow, and linear', () => {
    expect(scanJson(`${'['.repeat(100_000)}`, Number.POSITIVE_INFINITY)).toMatchObject({ kind: 'syntax', atEnd: true });
    expectLinear('nested', (n) => scanJson(`${'['.repeat(n)}${']'.repeat(n)}`, Number.POSITIVE_INFINITY), 20_000);
  });

  it('many keys in one object', () => {
    const obj = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    expectLinear('keys', (n) => scanJson(obj(n)), 20_000);
  });
});
