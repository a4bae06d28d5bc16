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

/** Sentences like those of 总体情况 and 六, with figures (from the tables), years and fees. */
const SENTENCES: readonly ((f: Figure, year: number, n: (max: number) => number) => string)[] = [
  (f, y) =>
    `${y}年，本机关新收政府信息公开申请${f('requests.newReceived.total')}件，上年结转${f('requests.carriedOver.total')}件，结转下年度继续办理${f('requests.carriedForward.total')}件。`,
  (_, __, n) => `全年主动公开政府信息${n(900)}条，其中政策解读${n(20)}篇，回应社会关切${n(10)}次。`,
  (f) =>
    `因政府信息公开被申请行政复议${f('reviews.reconsideration.total')}件，被提起行政诉讼${f('reviews.litigationDirect.total') + f('reviews.litigationAfterReconsideration.total')}件，均已依法办理。`,
  (f) => (f('proactive.fees.amount') % 2 ? '全年收取信息处理费0元。' : '本年度未收取信息处理费。'),
  () => '一是加强组织领导，明确分管领导和工作人员，二是完善制度建设，三是强化监督保障。',
  () => '坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，回应群众关切。',
  (_, y, n) => `${y - 1}年度报告发布后，我们对照问题逐项整改，组织业务培训${n(6)}次，参训${n(120)}人次。`,
  () => '下一步，我们将进一步提高政务公开质量，规范依申请公开办理流程，加强政府信息管理。',
];

/** `count` report files as agencies upload them (JSON bytes), each different; one in ten a draft. */
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
    const values = allValues(report.cells);
    const f: Figure = (path) => values.get(path) ?? 0;
    const text = (size: number) => {
      let s = '';
      while (s.length < size) s += SENTENCES[n(SENTENCES.length - 1)]!(f, year, n);
      return s;
    };
    report.overview = OVERVIEW_DEFAULT_HEADINGS.map((heading) => ({ heading, body: text(chars / 5) }));
    report.problems = text(300);
    report.otherMatters = text(200);
    const json = toJson(report, i % 10 === 3 ? 'draft' : 'final', { exportedAt: '2025-01-15T08:00:00.000Z' });
    files.push(encoder.encode(JSON.stringify(json, null, 2)));
  }
  return files;
}
