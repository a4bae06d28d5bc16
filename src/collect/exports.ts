// The 汇总 page's downloads: the workbook and the wide CSV, over the current sum choice.
import { allValues } from '../report';
import { indicators, sumAsReport } from '../report/summary';
import { type CollectionModel, type SumChoice, sumOfChoice, sumSelection } from './model';
import { collectionSheets, wideCsv } from './workbook';
import { writeXlsx } from './xlsx';

function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what file names must not carry
const safe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '汇总';

function workbookBytes(model: CollectionModel, choice: SumChoice, name: string, year: number | null): Uint8Array {
  const chosen = sumSelection(model, choice);
  const sum = sumAsReport(sumOfChoice(model, choice), `${name}汇总（${chosen.length} 份）`, year);
  return writeXlsx(collectionSheets(sum, chosen.length, indicators(allValues(sum.cells)), model.items));
}

export function downloadWorkbook(model: CollectionModel, choice: SumChoice, name: string, year: number | null): void {
  const bytes = workbookBytes(model, choice, name, year);
  download(
    `${safe(name)}-汇总.xlsx`,
    new Blob([new Uint8Array(bytes)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
}

export function downloadCsv(model: CollectionModel, name: string): void {
  download(
    `${safe(name)}-全部报告.csv`,
    new Blob([wideCsv(model.ok, model.items)], { type: 'text/csv;charset=utf-8' }),
  );
}
