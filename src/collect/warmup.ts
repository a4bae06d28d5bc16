// Made-up reports a collection worker reads while the clerk picks her files (issue 15). A fresh
// worker runs its code cold: V8 compiled the reader, the schema and the rules anew in each
// worker, and on a 2-core machine those compiles took about as much CPU as the reading itself.
// Reports shaped like real uploads (every cell, table 三 balanced, a few thousand characters of
// narrative whose figures agree with the tables, so the rules take the paths real files take)
// leave that code compiled before the first real file.
import { INPUT_CELLS } from '../report/cells';
import { type CellPath, OVERVIEW_DEFAULT_HEADINGS, REQUESTS_COLUMNS } from '../report/format';
import { toJson } from '../report/json';
import { type CellValues, allValues, emptyReport } from '../report/model';
import { checkReport } from '../report/rules';

/** Every input cell filled, table 三 balanced in each column (E1 holds); `random` in [0, 1). */
export function balancedCells(random: () => number): CellValues {
  const n = (max: number) => Math.floor(random() * (max + 1));
  const cells: CellValues = {};
  for (const c of INPUT_CELLS) cells[c.path] = 0;
  for (const row of ['rules', 'normativeDocuments']) {
    cells[`proactive.${row}.issued`] = n(5);
    cells[`proactive.${row}.repealed`] = n(2);
    cells[`proactive.${row}.inForce`] = n(40);
  }
  cells['proactive.licensing.decisions'] = n(300);
  cells['proactive.punishment.decisions'] = n(100);
  cells['proactive.enforcement.decisions'] = n(10);
  cells['proactive.fees.amount'] = n(5_000_000); // fen
  for (const col of REQUESTS_COLUMNS) {
    if (col.derived) continue;
    const k = col.key;
    const received = n(col.key === 'natural' ? 30 : 4);
    const carried = n(2);
    const forward = n(Math.min(2, received + carried));
    let left = received + carried - forward;
    const disclosed = n(left);
    left -= disclosed;
    const partly = n(left);
    left -= partly;
    const secret = n(Math.min(1, left));
    left -= secret;
    cells[`requests.newReceived.${k}`] = received;
    cells[`requests.carriedOver.${k}`] = carried;
    cells[`requests.carriedForward.${k}`] = forward;
    cells[`requests.disclosed.${k}`] = disclosed;
    cells[`requests.partiallyDisclosed.${k}`] = partly;
    cells[`requests.withheld.stateSecret.${k}`] = secret;
    cells[`requests.unavailable.notHeld.${k}`] = left;
  }
  for (const g of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration']) {
    for (const c of ['upheld', 'corrected', 'other', 'pending']) cells[`reviews.${g}.${c}`] = n(3);
  }
  return cells;
}

type Figure = (path: CellPath) => number;
/** `slip`: a sentence the rules warn about (a stale year, a figure or a negation the tables contradict). */
type Sentence = (f: Figure, year: number, n: (max: number) => number, slip: boolean) => string;

const FULL_WIDTH = '０１２３４５６７８９';
const CN_DIGITS = '〇一二三四五六七八九';
const fullWidth = (v: number): string => String(v).replace(/\d/g, (d) => FULL_WIDTH[Number(d)]!);
const cnSmall = (v: number): string => (v === 2 ? '两' : v < 10 ? CN_DIGITS[v]! : String(v));
const litigation = (f: Figure) =>
  f('reviews.litigationDirect.total') + f('reviews.litigationAfterReconsideration.total');

/**
 * Sentences like those of 总体情况, 五 and 六, the ways clerks write them: figures from the
 * tables (Arabic, full-width, 两/三), negations (未/没有/无), quoted titles and document
 * numbers, years (last year's, a stale one), percentages, fees, hotline figures the rules
 * must skip. A V8 worker compiles its code for the shapes and branches it has seen; a branch
 * first taken by a real file threw optimized code away in the middle of a load.
 */
const SENTENCES: readonly Sentence[] = [
  (f, y) =>
    `${y}年，本机关新收政府信息公开申请${f('requests.newReceived.total')}件，上年结转${f('requests.carriedOver.total')}件，结转下年度继续办理${f('requests.carriedForward.total')}件。`,
  (_, __, n) => `全年主动公开政府信息${n(900)}条，其中政策解读${n(20)}篇，回应社会关切${n(10)}次。`,
  (f) =>
    `因政府信息公开被申请行政复议${f('reviews.reconsideration.total')}件，被提起行政诉讼${litigation(f)}件，均已依法办理。`,
  (f) => (f('proactive.fees.amount') % 2 ? '全年收取信息处理费0元。' : '本年度未收取信息处理费。'),
  () => '一是加强组织领导，明确分管领导和工作人员，二是完善制度建设，三是强化监督保障。',
  () => '坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，回应群众关切。',
  (_, y, n) => `${y - 1}年度报告发布后，我们对照问题逐项整改，组织业务培训${n(6)}次，参训${n(120)}人次。`,
  () => '下一步，我们将进一步提高政务公开质量，规范依申请公开办理流程，加强政府信息管理。',
  (f) =>
    f('reviews.reconsideration.total') + litigation(f) === 0
      ? '全年未发生因政府信息公开引起的行政复议、行政诉讼。'
      : `全年没有因政府信息公开被纠错的案件，行政复议${cnSmall(f('reviews.reconsideration.total'))}件均维持原决定。`,
  (f) =>
    `共办结政府信息公开申请${f('requests.handledTotal.total')}件，其中予以公开${f('requests.disclosed.total')}件，部分公开${f('requests.partiallyDisclosed.total')}件。`,
  (f) => `受理依申请公开${fullWidth(f('requests.newReceived.total'))}件，均在法定期限内答复。`,
  (f) =>
    `新制发规范性文件${cnSmall(f('proactive.normativeDocuments.issued'))}件，废止${f('proactive.normativeDocuments.repealed')}件，现行有效规范性文件${f('proactive.normativeDocuments.inForce')}件。`,
  (f) => `本年度制定规章${f('proactive.rules.issued')}件，现行有效规章${f('proactive.rules.inForce')}件。`,
  (_, y) =>
    `印发《${y - 2}年政务公开工作要点》（${y - 2}年修订）和〔${y - 1}〕3号文件，学习《政府信息公开条例》(2019年修订)和“政务公开”专题。`,
  (_, y, __, slip) =>
    `${slip ? y - 3 : y}年12月印发的工作制度继续执行，${y + (slip ? 0 : 1)}年将进一步规范依申请公开办理。`,
  (_, __, n) => `全年办理12345热线工单${n(200)}件、政务服务事项${n(500)}项，群众来信${n(30)}件。`,
  (_, __, n) => `依申请公开办件量同比增长${n(30)}.${n(9)}%，按时办结率100%，群众满意度${90 + n(9)}%。`,
  (_, __, n) => `本年度收取信息处理费${n(3) * 100}元。`,
  (f, __, ___, slip) => `本机关新收政府信息公开申请${f('requests.newReceived.total') + (slip ? 1 : 0)}件。`,
  (_, __, ___, slip) => (slip ? '本年度没有收到政府信息公开申请。' : '本年度没有不予公开的申请。'),
  (_, y) => `${y + 1}年，我们将继续深化政务公开，推进基层政务公开标准化规范化。`,
];

const PARAGRAPH = ['', '', '', '', '\n', '\n\n', '\n　　', '\r\n'];

/** Headings as clerks change them: the template's, a few of their own, one left blank. */
const headings = (i: number): string[] =>
  OVERVIEW_DEFAULT_HEADINGS.map((h, k) => (i % 9 === 4 && k === 2 ? '' : i % 7 === 2 && k === 1 ? `（二）${h}` : h));

/**
 * Narrative lengths of the samples, times `chars`: ~13 to ~32 KB files. Decoding a file of a
 * size the worker has not decoded yet touches fresh memory (a first pass over 20 KB files
 * after 16 KB ones cost ~7x a later pass), and uploads range in size: with all samples ~16 KB,
 * a 1,000-report load of 20 KB files faulted ~11,800 pages in the workers, with these ~9,800.
 */
const SIZE_SCALE = [0.7, 1, 1.5, 2.2, 3, 1.2];

/**
 * `count` report files as agencies upload them (JSON bytes, as this app exports them), each
 * different: one in ten a draft, some without the generator or export time (older or
 * hand-made files), some with findings of each kind (an unbalanced table 三, a blank cell, a
 * figure or year the text gets wrong) and some of those explained.
 */
export function sampleReportFiles(count: number, chars = 3000): Uint8Array[] {
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed / 4294967296;
  };
  const n = (max: number) => Math.floor(random() * (max + 1));
  const encoder = new TextEncoder();
  const files: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const year = 2023 + (i % 3);
    const report = emptyReport(`第${i + 1}号镇人民政府`, year);
    report.cells = balancedCells(random);
    if (i % 8 === 5)
      report.cells['requests.newReceived.natural'] = (report.cells['requests.newReceived.natural'] ?? 0) + 2;
    if (i % 10 === 3) report.cells['proactive.punishment.decisions'] = null;
    const values = allValues(report.cells);
    const f: Figure = (path) => values.get(path) ?? 0;
    const scale = SIZE_SCALE[i % SIZE_SCALE.length]!;
    // A slip as likely per report whatever its length: longer samples were mostly unclean.
    const slipOdds = Math.round(15 * scale);
    const text = (size: number) => {
      let s = '';
      // Paragraphs as pasted from Word: line breaks, blank lines, full-width indents.
      while (s.length < size)
        s += SENTENCES[n(SENTENCES.length - 1)]!(f, year, n, n(slipOdds) === 0) + PARAGRAPH[n(7)]!;
      return s.trim();
    };
    report.overview = headings(i).map((heading) => ({ heading, body: text((chars * scale) / 5) }));
    report.problems = i % 13 === 6 ? '' : text(300);
    report.otherMatters = text(200);
    if (i % 5 === 1)
      report.explanations = checkReport(report)
        .filter((x) => x.severity === 'warning')
        .map((x) => ({ rule: x.rule, cells: [...x.cells], reason: '已核实，系统计口径不同所致。' }));
    const json = toJson(report, i % 10 === 3 ? 'draft' : 'final', {
      ...(i % 7 === 6 ? {} : { exportedAt: '2025-01-15T08:00:00.000Z' }),
      // The key matters, not the version (the bench's generator imports this file in Node).
      ...(i % 4 === 3 ? {} : { generator: 'nianbao 0.1.0' }),
    });
    files.push(encoder.encode(`${JSON.stringify(json, null, 2)}\n`));
  }
  return files;
}
