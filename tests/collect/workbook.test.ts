// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { deriveCollection } from '../../src/collect/model';
import { packCells } from '../../src/collect/packed';
import { CSV_COLUMNS, collectionSheets, wideCsv } from '../../src/collect/workbook';
import { columnName, writeXlsx } from '../../src/collect/xlsx';
import { CELLS, allValues } from '../../src/report';
import { indicatorsOf, sumAsReport, sumCells, summarize } from '../../src/report/summary';
import type { StoredEntry } from '../../src/storage/collections';
import { generateReport, rng } from './generate';
import { readCsv, readXlsx } from './readXlsx';

function entries(): StoredEntry[] {
  const random = rng(21);
  return ['甲镇', '乙镇', '丙镇', '甲镇'].map((agency, i) => {
    const report = generateReport({ agency, random, status: i === 2 ? 'draft' : 'final' });
    const { row } = summarize(report, i === 2 ? 'draft' : 'final', { exportedAt: `2024-01-1${i}T00:00:00Z` });
    return {
      id: `e${i}`,
      collectionId: 'c',
      seq: i,
      addedAt: 0,
      kind: 'ok',
      fileName: `${agency}-${i}.json`,
      row,
      cells: packCells(report.cells),
    };
  });
}

describe('xlsx', () => {
  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('writes sheets in the template layout with merged headers, read back', () => {
    const es = entries();
    const model = deriveCollection(es);
    const counted = model.counted.filter((e) => e.row.status === 'final');
    const sum = sumAsReport(sumCells(counted.map((e) => generateCells(e))), '测试县汇总', 2023);
    const sheets = readXlsx(writeXlsx(collectionSheets(sum, counted.length, indicatorsOf(sum.cells), model.items)));
    expect(sheets.map((s) => s.name)).toEqual([
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '指标',
      '报告列表',
    ]);
    const values = allValues(sum.cells);
    const [t2, t3, t4, ind, list] = sheets as [
      (typeof sheets)[0],
      (typeof sheets)[0],
      (typeof sheets)[0],
      (typeof sheets)[0],
      (typeof sheets)[0],
    ];
    // 表二: block header over four columns; 规章's three figures.
    expect(t2.cells.get('A1')).toBe('第二十条第（一）项');
    expect(t2.merges).toContain('A1:D1');
    expect(t2.cells.get('B3')).toBe(values.get('proactive.rules.issued'));
    expect(t2.cells.get('D4')).toBe(values.get('proactive.normativeDocuments.inForce'));
    // 表三: the corner over three label columns and three header rows, 申请人情况 over seven.
    expect(t3.cells.get('A1')).toMatch(/勾稽关系/);
    expect(t3.merges).toEqual(expect.arrayContaining(['A1:C3', 'D1:J1', 'E2:I2', 'D2:D3', 'J2:J3']));
    expect(t3.cells.get('E2')).toBe('法人或其他组织');
    expect(t3.cells.get('E3')).toBe('商业企业');
    // Row 4 is 一、本年新收, its label across the three label columns.
    expect(t3.cells.get('A4')).toBe('一、本年新收政府信息公开申请数量');
    expect(t3.merges).toContain('A4:C4');
    expect(t3.cells.get('D4')).toBe(values.get('requests.newReceived.natural'));
    expect(t3.cells.get('J4')).toBe(values.get('requests.newReceived.total'));
    // 三、本年度办理结果 merges down its rows; （三）不予公开 down its eight.
    expect(t3.merges).toContain('A6:A27');
    expect(t3.merges).toContain('B8:B15');
    expect(t3.cells.get('C8')).toBe('1.属于国家秘密');
    expect(t3.cells.get('J27')).toBe(values.get('requests.handledTotal.total'));
    expect(t3.cells.get('A28')).toBe('四、结转下年度继续办理');
    // 表四: 行政复议 over five, 行政诉讼 over ten, the figures on row 4.
    expect(t4.merges).toEqual(expect.arrayContaining(['A1:E1', 'F1:O1', 'F2:J2', 'K2:O2', 'A2:A3']));
    expect(t4.cells.get('E4')).toBe(values.get('reviews.reconsideration.total'));
    expect(t4.cells.get('O4')).toBe(values.get('reviews.litigationAfterReconsideration.total'));
    expect(ind.cells.get('A2')).toBe('公开率');
    expect(ind.cells.get('C2')).toMatch(/÷/);
    // The list: a header and one row per file, the duplicate pointing at the file that counts.
    expect(list.cells.get('A1')).toBe('机关');
    expect(list.cells.get('A2')).toBe('甲镇');
    expect(list.cells.get('D2')).toBe('甲镇-3.json');
    expect(list.cells.get('Q5')).toBe('甲镇-3.json');
  });

  it('escapes text and drops characters XML forbids', () => {
    const [s] = readXlsx(writeXlsx([{ name: 'a/b:c', rows: [['<&>"', 'x\u0001y', 1.5, null]] }]));
    expect(s!.name).toBe('a_b_c');
    expect(s!.cells.get('A1')).toBe('<&>"');
    expect(s!.cells.get('B1')).toBe('xy');
    expect(s!.cells.get('C1')).toBe(1.5);
  });
});

/** Cells of an entry (packed → values). */
function generateCells(e: Extract<StoredEntry, { kind: 'ok' }>) {
  return Object.fromEntries(
    CELLS.filter((c) => !c.derived).map((c, i) => [c.path, Number.isNaN(e.cells[i]!) ? null : e.cells[i]!]),
  );
}

describe('wide CSV', () => {
  it('one row per report, one column per JSON path, BOM and quoting', () => {
    const es = entries();
    (es[0] as Extract<StoredEntry, { kind: 'ok' }>).fileName = '甲镇,"第一版".json';
    const model = deriveCollection(es);
    const rows = readCsv(wideCsv(model.ok, model.items));
    expect(rows[0]).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(5);
    expect(rows[1]![0]).toBe('甲镇,"第一版".json');
    expect(rows[1]![4]).toBe('甲镇-3.json');
    const col = (p: string) => CSV_COLUMNS.indexOf(p);
    const e1 = es[1] as Extract<StoredEntry, { kind: 'ok' }>;
    const v = allValues(generateCells(e1));
    expect(rows[2]![col('requests.newReceived.total')]).toBe(String(v.get('requests.newReceived.total')));
    expect(Number(rows[2]![col('proactive.fees.amount')]) * 1e6).toBeCloseTo(v.get('proactive.fees.amount')!);
    expect(rows[3]![col('year')]).toBe('2023');
    expect(rows[3]![3]).toBe('draft');
  });
});
