// @vitest-environment node
// Issue 15: a field is cut into sentences by a charCode loop, and W3/W4 read only the
// sentences one scan of the field finds (a year; a figure keyword or a negation). Both must
// give exactly what the plain way gave: every sentence by the old regex, each one read.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldDigits } from '../../../src/report/numbers';
import { parsePublishedHtml, parsePublishedReport } from '../../../src/report/parse';
import { FieldSplit, type TextField, textFields } from '../../../src/report/text/sentences';
import { YEAR_PROBE, YEAR_SCAN } from '../../../src/report/text/w3Years';
import { CLAIM_SCAN, readClaims, sentenceClaims } from '../../../src/report/text/w4Figures';
import { rng } from '../../collect/generate';
import { seed } from '../../helpers/reports';

/** The splitting as it was: a regex, then trim, blank ones skipped. */
const oldSentences = (text: string): string[] =>
  [...text.matchAll(/[^。！？!?\n]+[。！？!?]*/g)].map((m) => m[0].trim()).filter((s) => s !== '');

const published = resolve(__dirname, '../../fixtures/published');
const realTexts = (): string[] => {
  const out: string[] = [];
  const reports = readdirSync(published)
    .sort()
    .map((name) => {
      const text = readFileSync(resolve(published, name), 'utf8');
      return (name.endsWith('.html') ? parsePublishedHtml(text) : parsePublishedReport(text)).report;
    });
  for (const r of [...reports, seed()]) for (const f of textFields(r)) out.push(f.text);
  return out;
};

/** What makes a sentence tricky to cut or to scan: every keyword, negations, years, odd spaces and stops. */
const BITS = [
  '本年度收到政府信息公开申请５件',
  '新收申请3件',
  '接收、接到申请两件',
  '受理申请十二件',
  '未收到申请',
  '没有发生行政复议',
  '无行政诉讼',
  '依申请公开 3 件',
  '办结4件',
  '上年度（2022年）结转2件',
  '结转下年度1件',
  '转入下一年度1件',
  '未经复议直接起诉1件',
  '直接提起行政诉讼1起',
  '经行政复议后起诉1件',
  '行政复议、行政诉讼各1件',
  '行政应诉2起',
  '制发规范性文件3件',
  '印发规章1件',
  '出台规章制度2件',
  '废止规范性文件1件',
  '现行有效规章6件',
  '2021年',
  '二〇二二年度',
  '２０１９年修订的《条例》',
  '2019—2020年',
  '12019',
  '将继续',
  '整改',
  '，',
  '；',
  '：',
  '。',
  '！',
  '？',
  '!',
  '?',
  '\n',
  ' ',
  '\u3000',
  '\t',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '\r\n',
  '😀',
  '均为0',
  '1,234件',
];

function fuzzTexts(n: number): string[] {
  const random = rng(15);
  const pick = () => BITS[Math.floor(random() * BITS.length)]!;
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(random() * 30) }, pick).join(''));
}

const field = (text: string, heading = ''): TextField => ({
  path: 'overview.0.body',
  section: 'overview',
  where: '「一、总体情况」',
  text,
  heading,
});

describe('FieldSplit', () => {
  it('cuts every text into the sentences the regex cut, with their folded twins and indexes', () => {
    for (const text of [...realTexts(), ...fuzzTexts(2000), '', '。。\n\n', '  \n ', 'a', '末尾没有句号']) {
      const split = new FieldSplit(text);
      const all = split.all();
      expect(all.map((s) => s.raw)).toEqual(oldSentences(text));
      expect(all.map((s) => s.norm)).toEqual(all.map((s) => foldDigits(s.raw)));
      expect(all.map((s) => s.index)).toEqual(all.map((_, i) => i));
    }
  });

  it('finds by one scan exactly the sentences W3 and W4 would have read', () => {
    const claimProbe = new RegExp(CLAIM_SCAN.source);
    let years = 0;
    let claims = 0;
    for (const text of [...realTexts(), ...fuzzTexts(2000)]) {
      const split = new FieldSplit(text);
      const all = split.all();
      expect(split.matching(YEAR_SCAN)).toEqual(all.filter((s) => YEAR_PROBE.test(s.norm)));
      const scanned = split.matching(CLAIM_SCAN);
      expect(scanned).toEqual(all.filter((s) => claimProbe.test(s.norm)));
      years += split.matching(YEAR_SCAN).length;
      claims += scanned.length;
      // A sentence the scan passes over claims nothing, under any heading.
      for (const s of all) {
        if (scanned.includes(s)) continue;
        for (const heading of ['', '依申请公开'])
          expect(sentenceClaims(s, heading)).toEqual({ figures: [], negations: [] });
      }
    }
    // The corpus does exercise both scans.
    expect(years).toBeGreaterThan(1000);
    expect(claims).toBeGreaterThan(1000);
  });

  it('reads the same claims as reading every sentence', () => {
    for (const text of fuzzTexts(500)) {
      const f = field(text, '依申请公开');
      const every = new FieldSplit(text).all().map((s) => sentenceClaims(s, f.heading));
      const read = readClaims([f]);
      expect(read.figures.map((x) => x.fig)).toEqual(every.flatMap((c) => c.figures.map((x) => x.fig)));
      expect(read.negations.map((x) => x.n)).toEqual(every.flatMap((c) => c.negations.map((x) => x.n)));
    }
  });
});
