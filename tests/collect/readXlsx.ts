// Reads back the workbooks the app writes (inline strings and numbers only), without a
// spreadsheet library: unzip, then the sheet XML by pattern.
import { strFromU8, unzipSync } from 'fflate';

export interface ReadSheet {
  name: string;
  cells: Map<string, string | number>;
  merges: string[];
}

const unxml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

export function readXlsx(bytes: Uint8Array): ReadSheet[] {
  const files = unzipSync(bytes);
  const text = (p: string) => {
    const f = files[p];
    if (!f) throw new Error(`${p} missing from the workbook`);
    return strFromU8(f);
  };
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  const types = text('[Content_Types].xml');
  return [...workbook.matchAll(/<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"\/>/g)].map(([, name, rid]) => {
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    if (!target || !types.includes(`/xl/${target}`)) throw new Error(`sheet ${name} has no part`);
    const xml = text(`xl/${target}`);
    const cells = new Map<string, string | number>();
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>(.*?)<\/c>)/g)) {
      const body = m[2];
      if (!body) continue;
      const s = /<t[^>]*>(.*?)<\/t>/.exec(body);
      const v = /<v>(.*?)<\/v>/.exec(body);
      if (s) cells.set(m[1]!, unxml(s[1]!));
      else if (v) cells.set(m[1]!, Number(v[1]));
    }
    const merges = [...xml.matchAll(/<mergeCell ref="([^"]+)"\/>/g)].map((m) => m[1]!);
    return { name: unxml(name!), cells, merges };
  });
}

/** A CSV as the app writes it (BOM, CRLF, quoted fields) → rows of fields. */
export function readCsv(text: string): string[][] {
  if (text.charCodeAt(0) !== 0xfeff) throw new Error('no byte-order mark');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}
