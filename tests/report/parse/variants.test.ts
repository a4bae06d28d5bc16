// @vitest-environment node
// Published reports as clerks find them: each variant of the seed gives the expected
// report and the expected list of what could not be read.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CellValues, INPUT_CELLS, REQUESTS_COLUMNS, REQUESTS_ROWS, allValues } from '../../../src/report';
import { toJson } from '../../../src/report/json';
import { type ParseOutcome, parsePublishedHtml, parsePublishedReport } from '../../../src/report/parse';

const dir = resolve(__dirname, '../../fixtures/published');
const read = (name: string): ParseOutcome => {
  const text = readFileSync(resolve(dir, name), 'utf8');
  return name.endsWith('.html') ? parsePublishedHtml(text) : parsePublishedReport(text);
};
const seedJson = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/laodian-2023.json'), 'utf8')) as Record<
  string,
  unknown
>;
const seed = read('seed-laodian-2023.txt').report;

/** The seed's all-zero cells with some changed. */
const cellsWith = (changes: CellValues): CellValues => {
  const out: CellValues = {};
  for (const c of INPUT_CELLS) out[c.path] = 0;
  return { ...out, ...changes };
};
const messages = (o: ParseOutcome) => o.problems.map((p) => p.message);
const applicants = REQUESTS_COLUMNS.filter((c) => !c.derived);
const requestInputs = REQUESTS_ROWS.filter((r) => !r.derived);
const nulls = (prefix: string): CellValues =>
  Object.fromEntries(INPUT_CELLS.filter((c) => c.path.startsWith(prefix)).map((c) => [c.path, null]));

/** Texts of a variant equal the seed's. */
function expectSeedTexts(o: ParseOutcome) {
  expect(o.report.agency).toBe('老店镇');
  expect(o.report.overview).toEqual(seed.overview);
  expect(o.report.problems).toBe(seed.problems);
  expect(o.report.otherMatters).toBe('无');
}

describe('reading variants of a published report', () => {
  it('spaces inside labels (「社会公益 组织」, 「1. 属于 国家秘密」, 「(七) 总 计」) and straight quotes', () => {
    const o = read('spaces-in-labels.txt');
    expect(messages(o)).toEqual([]);
    expectSeedTexts(o);
    expect(o.report.cells).toEqual(
      cellsWith({ 'requests.newReceived.natural': 1, 'requests.withheld.stateSecret.natural': 1 }),
    );
  });

  it('the official full-width brackets 「（一）予以公开」, 「1．」 and full-width digits', () => {
    const o = read('fullwidth-brackets.txt');
    expect(messages(o)).toEqual([]);
    expectSeedTexts(o);
    expect(o.report.cells).toEqual(cellsWith({ 'requests.newReceived.natural': 2, 'requests.disclosed.natural': 2 }));
  });

  it('a missing section is reported and its cells stay blank, the rest is read', () => {
    const o = read('missing-section.txt');
    expect(messages(o)).toEqual(['未找到「四、政府信息公开行政复议、行政诉讼情况」部分']);
    expectSeedTexts(o);
    expect(o.report.cells).toEqual(cellsWith(nulls('reviews.')));
  });

  it('the 2019 format: table 二’s other columns and the single （六） row are reported, not guessed', () => {
    const o = read('format-2019.txt');
    expect(o.report.year).toBe(2020);
    expect(messages(o)).toEqual([
      '表二「第二十条第（一）项」：表头为「本年新制作数量、本年新公开数量、对外公开总数量」，不是 2021 年格式的「本年制发件数、本年废止件数、现行有效件数」，「规章」「行政规范性文件」未读取',
      '表二「第二十条第（五）项」：表头为「上一年项目数量、本年增/减、处理决定数量」，不是 2021 年格式的「本年处理决定数量」，「行政许可」未读取',
      '表二「第二十条第（六）项」：表头为「上一年项目数量、本年增/减、处理决定数量」，不是 2021 年格式的「本年处理决定数量」，「行政处罚」「行政强制」未读取',
      '表二「第二十条第（八）项」：表头为「上一年项目数量、本年增/减」，不是 2021 年格式的「本年收费金额（单位：万元）」，「行政事业性收费」未读取',
      '表三「（六）其他处理」只有一行合计（2019 年格式），没有分成 3 项，无法判断各属哪一项，未读取：请导入后按 2021 年格式填写',
      '表三 （七）总计 自然人：原文总计为 2，各项相加为 1（已按各项相加计算，相差的 1 应是未读取的「（六）其他处理」一行）',
      '表三 （七）总计 总计：原文总计为 2，各项相加为 1（已按各项相加计算，相差的 1 应是未读取的「（六）其他处理」一行）',
    ]);
    const single = o.problems[4]!;
    expect(single.source).toBe('(六) 其他处理\t1\t0\t0\t0\t0\t0\t1');
    expect(single.cells).toContain('requests.otherHandling.other.natural');
    expect(o.report.cells).toEqual(
      cellsWith({
        ...nulls('proactive.'),
        ...nulls('requests.otherHandling.'),
        'requests.newReceived.natural': 2,
        'requests.disclosed.natural': 1,
      }),
    );
  });

  it('a published 总计 that does not add up is shown as such, and the computed one is kept', () => {
    const o = read('broken-total.txt');
    expect(messages(o)).toEqual([
      '表三 一、本年新收政府信息公开申请数量 总计：原文总计为 5，各项相加为 4（已按各项相加计算）',
      '表三 （七）总计 自然人：原文总计为 2，各项相加为 3（已按各项相加计算）',
      '表四 行政复议 总计：原文总计为 2，各项相加为 1（已按各项相加计算）',
    ]);
    expect(o.problems[0]!.source).toBe('一、本年新收政府信息公开申请数量\t\t3\t1\t0\t0\t0\t0\t5');
    expect(o.publishedTotals).toContainEqual(
      expect.objectContaining({ path: 'requests.newReceived.total', published: 5, computed: 4 }),
    );
    expect(o.publishedTotals).toContainEqual(
      expect.objectContaining({ path: 'reviews.reconsideration.total', published: 2, computed: 1 }),
    );
    const json = toJson(o.report, 'final') as any;
    expect(json.requests.newReceived.total).toBe(4);
    expect(json.requests.handledTotal.natural).toBe(3);
    expect(json.reviews.reconsideration.total).toBe(1);
  });

  it('non-zero numbers in every cell land in their own cells, the shifted 「3.其他」 row included', () => {
    const o = read('nonzero.txt');
    expect(messages(o)).toEqual([]);
    const want: CellValues = {
      'proactive.rules.issued': 1,
      'proactive.rules.repealed': 2,
      'proactive.rules.inForce': 3,
      'proactive.normativeDocuments.issued': 4,
      'proactive.normativeDocuments.repealed': 5,
      'proactive.normativeDocuments.inForce': 6,
      'proactive.licensing.decisions': 7,
      'proactive.punishment.decisions': 8,
      'proactive.enforcement.decisions': 9,
      'proactive.fees.amount': 1_234_500,
      'reviews.reconsideration.upheld': 1,
      'reviews.reconsideration.corrected': 2,
      'reviews.reconsideration.other': 3,
      'reviews.reconsideration.pending': 4,
      'reviews.litigationDirect.upheld': 5,
      'reviews.litigationDirect.corrected': 6,
      'reviews.litigationDirect.other': 7,
      'reviews.litigationDirect.pending': 8,
      'reviews.litigationAfterReconsideration.upheld': 9,
      'reviews.litigationAfterReconsideration.corrected': 10,
      'reviews.litigationAfterReconsideration.other': 11,
      'reviews.litigationAfterReconsideration.pending': 12,
    };
    // Row i (in the template's order), column j holds i + j + 1.
    REQUESTS_ROWS.forEach((row, i) => {
      if (row.derived) return;
      applicants.forEach((c, j) => (want[`requests.${row.keys.join('.')}.${c.key}`] = i + j + 1));
    });
    expect(o.report.cells).toEqual(want);
    expect(o.report.cells['requests.otherHandling.other.natural']).toBe(23);
    expect(o.report.cells['requests.otherHandling.other.other']).toBe(28);
    expect(o.publishedTotals.every((t) => t.published === t.computed)).toBe(true);
  });

  it('a printed subtotal row of （三） is not a row of the format, but a wrong one is reported', () => {
    const text = readFileSync(resolve(dir, 'nonzero.txt'), 'utf8').replace(
      '\t(三) 不予公开\t1.属于国家秘密',
      // 不予公开 items hold 5…12 for 自然人 (68 in all) and 6…13 for 商业企业 (76).
      '\t(三) 不予公开\t70\t76\t0\t0\t0\t0\t0\n\t\t1.属于国家秘密',
    );
    const o = parsePublishedReport(text);
    expect(messages(o)).toEqual([
      '表三「（三）不予公开」自然人：原文小计为 70，各项相加为 68',
      '表三「（三）不予公开」科研机构：原文小计为 0，各项相加为 84',
      '表三「（三）不予公开」社会公益组织：原文小计为 0，各项相加为 92',
      '表三「（三）不予公开」法律服务机构：原文小计为 0，各项相加为 100',
      '表三「（三）不予公开」其他：原文小计为 0，各项相加为 108',
    ]);
    expect(o.report.cells['requests.withheld.stateSecret.natural']).toBe(5);
  });

  it('tables without a 总计 column: the totals are computed, nothing is reported', () => {
    const o = read('no-total-column.txt');
    expect(messages(o)).toEqual([]);
    // Only （七）总计's own cells were printed: no 总计 column in either table.
    expect(o.publishedTotals.map((t) => t.path)).toEqual(applicants.map((c) => `requests.handledTotal.${c.key}`));
    expect(o.report.cells).toEqual(
      cellsWith({
        'requests.newReceived.natural': 2,
        'requests.disclosed.natural': 2,
        'reviews.reconsideration.upheld': 1,
        'reviews.litigationDirect.other': 1,
      }),
    );
    const values = allValues(o.report.cells);
    expect(values.get('requests.newReceived.total')).toBe(2);
    expect(values.get('requests.handledTotal.total')).toBe(2);
    expect(values.get('reviews.litigationDirect.total')).toBe(1);
  });

  it('the web page around the report (navigation, other reports’ titles, signature, footer) is left out', () => {
    const o = read('page-around.txt');
    expect(messages(o)).toEqual([]);
    expect(toJson(o.report, 'final')).toEqual(seedJson);
  });

  it('a Word copy (CRLF, indented paragraphs, headings on the body’s line, 二〇二三年) reads as the seed', () => {
    const o = read('word-copy.txt');
    expect(messages(o)).toEqual([]);
    expect(toJson(o.report, 'final')).toEqual(seedJson);
  });

  it('「—」 and a blank cell are reported with their line, not read as zero', () => {
    const o = read('dash-and-blank.txt');
    expect(o.problems.map((p) => [p.message, p.source])).toEqual([
      ['表二 行政许可 本年处理决定数量：「—」不是数字：只能填写 0 或正整数', '行政许可\t—'],
      ['表三 （五）不予处理 2.重复申请 法人或其他组织 商业企业：原文为空格', '2.重复申请\t0\t\t0\t0\t0\t0\t0'],
    ]);
    expect(o.report.cells).toEqual(
      cellsWith({ 'proactive.licensing.decisions': null, 'requests.notProcessed.repeated.commercial': null }),
    );
  });

  it('an HTML page with merged cells (rowspan/colspan) inside a layout table', () => {
    const o = read('merged-cells.html');
    expect(messages(o)).toEqual([]);
    expect(o.report.agency).toBe('老店镇');
    expect(o.report.year).toBe(2023);
    expect(o.report.overview).toEqual([
      { heading: '', body: '2023年，老店镇认真贯彻落实《中华人民共和国政府信息公开条例》。' },
      { heading: '主动公开', body: '我镇主动公开政府信息 268 条。' },
      { heading: '依申请公开', body: '全年新收申请 10 件，均按时答复。\n\n第二段&说明。' },
    ]);
    expect(o.report.problems).toBe('一是信息公开范围狭窄。\n\n二是信息内容不够丰富。');
    expect(o.report.otherMatters).toBe('本年度未收取信息处理费。');
    const want: CellValues = {
      'proactive.rules.issued': 0,
      'proactive.rules.repealed': 0,
      'proactive.rules.inForce': 0,
      'proactive.normativeDocuments.issued': 3,
      'proactive.normativeDocuments.repealed': 1,
      'proactive.normativeDocuments.inForce': 12,
      'proactive.licensing.decisions': 25,
      'proactive.punishment.decisions': 6,
      'proactive.enforcement.decisions': 2,
      'proactive.fees.amount': 350_000,
      'reviews.reconsideration.upheld': 1,
      'reviews.reconsideration.corrected': 0,
      'reviews.reconsideration.other': 0,
      'reviews.reconsideration.pending': 1,
      'reviews.litigationDirect.upheld': 0,
      'reviews.litigationDirect.corrected': 1,
      'reviews.litigationDirect.other': 0,
      'reviews.litigationDirect.pending': 0,
      'reviews.litigationAfterReconsideration.upheld': 0,
      'reviews.litigationAfterReconsideration.corrected': 0,
      'reviews.litigationAfterReconsideration.other': 0,
      'reviews.litigationAfterReconsideration.pending': 0,
    };
    // Input row k (in the template's order), column j holds (7k + 3j) mod 5.
    requestInputs.forEach((row, k) => {
      applicants.forEach((c, j) => (want[`requests.${row.keys.join('.')}.${c.key}`] = (k * 7 + j * 3) % 5));
    });
    expect(o.report.cells).toEqual(want);
    expect(o.publishedTotals).toHaveLength(24 + 7 + 3);
  });
});
