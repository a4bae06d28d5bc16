// A batch of uploads as a county office receives them: final reports, drafts, some with
// errors, corrected resends (duplicates), broken files and litter, zipped; with what the
// page must show for them, computed here from the same generator.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { type CellValues, allValues } from '../../src/report';
import { inDefaultSum, sumCells } from '../../src/report/summary';
import { agencyName, generateJson, generateReport, rng } from './generate';

// Not `new URL(…, import.meta.url)`: under jsdom that URL is not a file URL node:fs accepts.
const here = dirname(fileURLToPath(import.meta.url));

export interface Batch {
  zip: Uint8Array;
  files: Record<string, string>;
  /** Agencies with a counted report. */
  agencies: string[];
  finals: number;
  drafts: number;
  withErrors: number;
  duplicates: number;
  refused: { file: string; path: string }[];
  /** Every cell (derived included) of the default sum: final reports without errors. */
  sum: Map<string, number | null>;
  sumCount: number;
}

const BROKEN = [
  ['derived-total-disagrees.json', 'requests.'],
  ['missing-key.json', 'requests.carriedOver.legal'],
  ['wrong-type-year.json', 'year'],
] as const;

export function makeBatch(n: number, opts: { textChars?: number; seed?: number } = {}): Batch {
  const random = rng(opts.seed ?? 42);
  const files: Record<string, string> = {};
  const counted = new Map<string, { status: 'draft' | 'final'; errors: boolean; cells: CellValues }>();
  for (let i = 0; i < n; i++) {
    const agency = agencyName(i);
    const status = i % 10 === 3 ? 'draft' : 'final';
    // Errors only in drafts (a final with errors cannot be exported), and one final whose
    // figures were edited by hand after export (E1 fails): every 25th.
    const unbalanced = i % 25 === 7;
    const seedValue = Math.floor(random() * 2 ** 31);
    const o = {
      agency,
      status,
      random: rng(seedValue),
      unbalanced,
      ...(opts.textChars ? { textChars: opts.textChars } : {}),
    } as const;
    files[`2023/${agency}.json`] = generateJson({ ...o, exportedAt: '2024-01-10T08:00:00.000Z' });
    let cells = generateReport({ ...o, random: rng(seedValue) }).cells;
    // Every 40th sent again, corrected: a later file with other figures wins.
    if (i % 40 === 5) {
      const again = Math.floor(random() * 2 ** 31);
      files[`2023/${agency}-更正.json`] = generateJson({
        ...o,
        unbalanced: false,
        random: rng(again),
        exportedAt: '2024-01-20T08:00:00.000Z',
      });
      cells = generateReport({ ...o, unbalanced: false, random: rng(again) }).cells;
      counted.set(agency, { status, errors: false, cells });
    } else {
      counted.set(agency, { status, errors: unbalanced, cells });
    }
  }
  const refused: { file: string; path: string }[] = [];
  for (const [name, path] of BROKEN) {
    files[`2023/坏/${name}`] = readFileSync(join(here, `../fixtures/broken/${name}`), 'utf8');
    refused.push({ file: `坏/${name}`, path });
  }
  files['2023/说明.txt'] = '各乡镇报告';
  refused.push({ file: '说明.txt', path: '' });
  const zipInput: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) zipInput[k] = strToU8(v);
  zipInput['__MACOSX/2023/._x.json'] = strToU8('x');
  const rows = [...counted.values()];
  const chosen = rows.filter((r) => inDefaultSum({ status: r.status, errors: r.errors ? 1 : 0 }));
  return {
    zip: zipSync(zipInput, { level: 1 }),
    files,
    agencies: [...counted.keys()],
    finals: rows.filter((r) => r.status === 'final').length,
    drafts: rows.filter((r) => r.status === 'draft').length,
    withErrors: rows.filter((r) => r.errors).length,
    duplicates: Object.keys(files).filter((f) => f.includes('-更正')).length,
    refused,
    sum: allValues(sumCells(chosen.map((r) => r.cells))),
    sumCount: chosen.length,
  };
}
