// 汇总's worker pipeline in Node, one thread, CPU time per phase (process.cpuUsage), over
// generated reports as the bench makes them (issue 15). Finer than the browser bench's
// split: decode / JSON.parse / soundJson, and the check's rules one by one. Also writes the
// findings' digest, so a change meant to be faster can be shown to find the same.
//   node_modules/.bin/jiti bench/collect-cpu.ts [reports=1000] [runs=5]
//   node --cpu-prof "$(readlink -f node_modules/.bin/jiti)" bench/collect-cpu.ts: a profile of the same.
// `total` is the CPU time of a run (the generation aside), the rest milliseconds by the clock.
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { readJsonBytes, reportFromJson } from '../src/export/jsonFile';
import { soundJson } from '../src/export/jsonSyntax';
import { fastValidate } from '../src/report/fastValidate';
import type { Report } from '../src/report/model';
import { allValues } from '../src/report/model';
import { summarize } from '../src/report/summary';
import { textFields } from '../src/report/text/sentences';
import { w3 } from '../src/report/text/w3Years';
import { readClaims, w4 } from '../src/report/text/w4Figures';
import { w5 } from '../src/report/text/w5Fees';
import { refBytes } from '../src/storage/collections';
import { zipDirectory } from '../src/collect/zipDir';
import { agencyName, generateJson, rng } from '../tests/collect/generate';

const n = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 5);

const random = rng(n);
const files: Record<string, Uint8Array> = {};
for (let i = 0; i < n; i++) {
  files[`报告/${agencyName(i)}.json`] = strToU8(
    generateJson({ agency: agencyName(i), random, textChars: 3000, status: i % 10 === 3 ? 'draft' : 'final' }),
  );
}
const zip = zipSync(files, { level: 6 });

// Laps by the clock (process.cpuUsage costs ~50 µs a call, more than some phases per report);
// the whole run's CPU time is given beside, and the minimum of the runs is kept.
const cpu = (): number => performance.now();
const cpuTime = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Phase =
  | 'total'
  | 'unzip'
  | 'decode'
  | 'parse'
  | 'sound'
  | 'validate'
  | 'check'
  | 'text'
  | 'w3'
  | 'w4read'
  | 'w4'
  | 'w5';

function run(): { t: Record<Phase, number>; digest: string } {
  const t: Record<Phase, number> = {
    total: 0,
    unzip: 0,
    decode: 0,
    parse: 0,
    sound: 0,
    validate: 0,
    check: 0,
    text: 0,
    w3: 0,
    w4read: 0,
    w4: 0,
    w5: 0,
  };
  const t0 = cpuTime();
  const hash = createHash('sha1');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let c = cpu();
  const lap = (p: Phase) => {
    const now = cpu();
    t[p] += now - c;
    c = now;
  };
  const dir = zipDirectory(zip);
  lap('unzip');
  const reports: Report[] = [];
  for (const info of dir) {
    const src = {
      blob: '',
      offset: info.offset,
      length: info.length,
      ...(info.method === 8 ? { size: info.size } : {}),
    };
    const bytes = refBytes(zip.subarray(info.offset, info.offset + info.length), src);
    lap('unzip');
    const text = utf8.decode(bytes);
    lap('decode');
    const value = JSON.parse(text);
    lap('parse');
    soundJson(text, value);
    lap('sound');
    // The whole reader again (its result is what is checked): not counted.
    const json = readJsonBytes(bytes, info.name);
    c = cpu();
    const r = 'value' in json ? reportFromJson(json.value, info.name, fastValidate) : json;
    lap('validate');
    if (!r.ok) {
      hash.update(JSON.stringify(r.problems));
      continue;
    }
    reports.push(r.report);
    const { row, findings } = summarize(r.report, r.status, {});
    lap('check');
    hash.update(JSON.stringify(row));
    hash.update(JSON.stringify(findings));
    c = cpu();
  }
  // The text rules alone, over the same reports.
  c = cpu();
  for (const report of reports) {
    const fields = textFields(report);
    lap('text');
    w3(report, fields);
    lap('w3');
    const claims = readClaims(fields);
    lap('w4read');
    const values = allValues(report.cells);
    c = cpu();
    w4(claims, values);
    lap('w4');
    w5(report);
    lap('w5');
  }
  t.total = cpuTime() - t0;
  return { t, digest: hash.digest('hex').slice(0, 12) };
}

const all: Record<string, number[]> = {};
let digest = '';
for (let k = 0; k < runs; k++) {
  const r = run();
  digest = r.digest;
  for (const [p, v] of Object.entries(r.t)) (all[p] ??= []).push(v);
}
const min = Object.fromEntries(Object.entries(all).map(([p, v]) => [p, Math.round(Math.min(...v))]));
console.log(JSON.stringify({ reports: n, runs, minMs: min, digest }));
