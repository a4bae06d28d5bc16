import { describe, expect, it } from 'vitest';
import { chineseNumeral, renderPrintableHtml, renderSubmissionNotesHtml } from '../../src/export/printHtml';
import {
  type Report,
  CELLS,
  PROACTIVE_BLOCK_FIRST_HEADER,
  PROACTIVE_BLOCKS,
  REQUESTS_APPLICANTS,
  REQUESTS_COLUMNS,
  REQUESTS_CORNER,
  REQUESTS_ROWS,
  REVIEWS_COLUMNS,
  REVIEWS_GROUPS,
  SECTIONS,
  allValues,
  cellDecl,
  cellLabel,
  cellPath,
  checkReport,
  emptyReport,
  formatCell,
  sectionTitle,
} from '../../src/report';
import { sumAsReport } from '../../src/report/summary';
import { TABLE_LAYOUTS, bodyRows, sliceRows } from '../../src/report/tableLayout';
import { expectTableToFollowLayout } from '../helpers/layoutMatch';
import { seed, seedWithFigures } from '../helpers/reports';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

interface GridCell {
  el: HTMLTableCellElement;
  text: string;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
}

/** Lays a table's cells on its grid, honouring rowspan and colspan, as a browser does. */
function grid(table: Element): { rows: GridCell[][]; at: (r: number, c: number) => GridCell; width: number[] } {
  const trs = [...table.querySelectorAll('tr')];
  const taken: boolean[][] = trs.map(() => []);
  const rows: GridCell[][] = trs.map(() => []);
  const owner = new Map<string, GridCell>();
  trs.forEach((tr, r) => {
    let c = 0;
    for (const el of [...tr.cells]) {
      while (taken[r]![c]) c++;
      const cell: GridCell = {
        el,
        text: el.textContent ?? '',
        row: r,
        col: c,
        rowspan: el.rowSpan,
        colspan: el.colSpan,
      };
      rows[r]!.push(cell);
      for (let dr = 0; dr < cell.rowspan; dr++)
        for (let dc = 0; dc < cell.colspan; dc++) {
          expect(taken[r + dr], `row ${r + dr} exists below a rowspan`).toBeDefined();
          expect(taken[r + dr]![c + dc], `overlap at ${r + dr},${c + dc}`).toBeFalsy();
          taken[r + dr]![c + dc] = true;
          owner.set(`${r + dr},${c + dc}`, cell);
        }
      c += cell.colspan;
    }
  });
  const width = taken.map((t) => t.filter(Boolean).length);
  return {
    rows,
    width,
    at: (r, c) => {
      const cell = owner.get(`${r},${c}`);
      if (!cell) throw new Error(`no cell at ${r},${c}`);
      return cell;
    },
  };
}

function expectCell(cell: GridCell, text: string, rowspan = 1, colspan = 1) {
  expect({ text: cell.text, rowspan: cell.rowspan, colspan: cell.colspan }).toEqual({ text, rowspan, colspan });
}

function expectValue(cell: GridCell, path: string, values: Map<string, number | null> | null) {
  expect(cell.el.tagName).toBe('TD');
  expect(cell.el.dataset.cell).toBe(path);
  expect(cell.text).toBe(values ? formatCell(values.get(path) ?? null, cellDecl(path).unit) : '');
}

function checkTables(doc: Document, report: Report | null) {
  const values = report ? allValues(report.cells) : null;

  // ---- 表二: four blocks, each a header row, a 信息内容 row, then its rows.
  const t2 = grid(doc.querySelector('table.t2')!);
  const width2 = 1 + Math.max(...PROACTIVE_BLOCKS.map((b) => b.columns.length));
  expect(width2).toBe(4);
  expect(new Set(t2.width)).toEqual(new Set([4]));
  let r = 0;
  for (const block of PROACTIVE_BLOCKS) {
    expectCell(t2.at(r, 0), block.header, 1, 4);
    r++;
    expectCell(t2.at(r, 0), PROACTIVE_BLOCK_FIRST_HEADER);
    block.columns.forEach((c, i) => {
      const last = i === block.columns.length - 1;
      expectCell(t2.at(r, 1 + i), c.label, 1, last ? 4 - block.columns.length : 1);
    });
    r++;
    for (const row of block.rows) {
      expectCell(t2.at(r, 0), row.label);
      block.columns.forEach((c, i) => expectValue(t2.at(r, 1 + i), cellPath('proactive', row.keys, c.key), values));
      r++;
    }
  }
  expect(t2.rows.length).toBe(r);
  expect(PROACTIVE_BLOCKS.map((b) => b.header)).toEqual([
    '第二十条第（一）项',
    '第二十条第（五）项',
    '第二十条第（六）项',
    '第二十条第（八）项',
  ]);

  // ---- 表三
  const table3 = doc.querySelector('table.t3')!;
  expect(table3.querySelectorAll('thead tr')).toHaveLength(3);
  const t3 = grid(table3);
  expect(new Set(t3.width)).toEqual(new Set([10]));
  expectCell(t3.at(0, 0), REQUESTS_CORNER, 3, 3);
  expect(REQUESTS_CORNER).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
  expectCell(t3.at(0, 3), REQUESTS_APPLICANTS, 1, 7);
  expectCell(t3.at(1, 3), '自然人', 2, 1);
  expectCell(t3.at(1, 4), '法人或其他组织', 1, 5);
  expectCell(t3.at(1, 9), '总计', 2, 1);
  REQUESTS_COLUMNS.slice(1, 6).forEach((c, i) => expectCell(t3.at(2, 4 + i), c.label));
  const spans: Record<string, number> = {};
  REQUESTS_ROWS.forEach((row, i) => {
    const gr = 3 + i;
    const depth = row.groups.length;
    row.groups.forEach((g, level) => {
      const cell = t3.at(gr, level);
      expect(cell.text).toBe(g);
      expect(cell.colspan).toBe(1);
      spans[g] = cell.rowspan;
    });
    expectCell(t3.at(gr, depth), row.label, 1, 3 - depth);
    REQUESTS_COLUMNS.forEach((c, j) => expectValue(t3.at(gr, 3 + j), cellPath('requests', row.keys, c.key), values));
  });
  expect(t3.rows.length).toBe(3 + REQUESTS_ROWS.length);
  // The template's merged cells, as issue 5 states them.
  expect(spans).toEqual({
    '三、本年度办理结果': 22,
    '（三）不予公开': 8,
    '（四）无法提供': 3,
    '（五）不予处理': 5,
    '（六）其他处理': 3,
  });
  expectCell(t3.at(3, 0), '一、本年新收政府信息公开申请数量', 1, 3);
  expectCell(t3.at(5, 1), '（一）予以公开', 1, 2);
  expectCell(t3.at(3 + REQUESTS_ROWS.length - 1, 0), '四、结转下年度继续办理', 1, 3);

  // ---- 表四
  const table4 = doc.querySelector('table.t4')!;
  expect(table4.querySelectorAll('thead tr')).toHaveLength(3);
  const t4 = grid(table4);
  expect(new Set(t4.width)).toEqual(new Set([15]));
  expectCell(t4.at(0, 0), '行政复议', 1, 5);
  expectCell(t4.at(0, 5), '行政诉讼', 1, 10);
  REVIEWS_COLUMNS.forEach((c, i) => expectCell(t4.at(1, i), c.label, 2, 1));
  expectCell(t4.at(1, 5), '未经复议直接起诉', 1, 5);
  expectCell(t4.at(1, 10), '复议后起诉', 1, 5);
  [0, 1].forEach((g) => REVIEWS_COLUMNS.forEach((c, i) => expectCell(t4.at(2, 5 + 5 * g + i), c.label)));
  REVIEWS_GROUPS.forEach((g, gi) =>
    REVIEWS_COLUMNS.forEach((c, i) => expectValue(t4.at(3, 5 * gi + i), cellPath('reviews', g.keys, c.key), values)),
  );
  expect(t4.rows.length).toBe(4);
}

describe('the printed report', () => {
  it('has the title, sections 一–六 with the template headings, and the overview sub-headings numbered', () => {
    const doc = parse(renderPrintableHtml(seed()));
    expect(doc.title).toBe('老店镇2023年政府信息公开工作年度报告');
    expect(doc.querySelector('h1')!.textContent).toBe('老店镇2023年政府信息公开工作年度报告');
    expect([...doc.querySelectorAll('section > h2')].map((h) => h.textContent)).toEqual(SECTIONS.map(sectionTitle));
    expect([...doc.querySelectorAll('.s-overview h3')].map((h) => h.textContent)).toEqual([
      '（一）主动公开情况和依申请公开办理情况',
      '（二）政府信息资源的规范化、标准化管理情况',
      '（三）政府信息公开平台建设情况',
      '（四）政府信息公开监督保障及教育培训情况',
    ]);
    // The part with an empty heading is the lead paragraph, before any sub-heading.
    const first = doc.querySelector('.s-overview > h2 + *')!;
    expect(first.tagName).toBe('P');
    expect(first.textContent).toMatch(/^2023 年，老店镇认真贯彻落实/);
    // Blank lines separate paragraphs: the sub-section with two paragraphs prints two.
    const h3 = doc.querySelector('.s-overview h3')!;
    expect(h3.nextElementSibling!.textContent).toMatch(/^主动公开情况/);
    expect(h3.nextElementSibling!.nextElementSibling!.textContent).toMatch(/^依申请公开情况/);
    expect(doc.querySelector('.s-otherMatters p')!.textContent).toBe('无');
  });

  it('numbers sub-headings itself, replacing numbering the clerk typed, and keeps single line breaks', () => {
    const r = seed();
    r.overview = [
      { heading: '1、主动公开', body: '第一段\n第二行\n\n\n第二段' },
      { heading: '（二）依申请公开', body: '正文' },
    ];
    const doc = parse(renderPrintableHtml(r));
    expect([...doc.querySelectorAll('.s-overview h3')].map((h) => h.textContent)).toEqual([
      '（一）主动公开',
      '（二）依申请公开',
    ]);
    const ps = [...doc.querySelectorAll('.s-overview p')];
    expect(ps.map((p) => p.innerHTML)).toEqual(['第一段<br>第二行', '第二段', '正文']);
    expect(chineseNumeral(11)).toBe('十一');
    expect(chineseNumeral(20)).toBe('二十');
  });

  it('prints tables 二, 三 and 四 cell by cell as the declaration and the national template have them', () => {
    const report = seedWithFigures();
    checkTables(parse(renderPrintableHtml(report)), report);
    // 万元 printed as the clerk typed them, not as fen.
    expect(parse(renderPrintableHtml(report)).querySelector('[data-cell="proactive.fees.amount"]')!.textContent).toBe(
      '1.2345',
    );
  });

  it('draws each table from the shared layout description: rows, spans, scopes and paths', () => {
    for (const blank of [false, true]) {
      const doc = parse(renderPrintableHtml(seed(), { blank }));
      for (const [cls, layout] of [
        ['t2', TABLE_LAYOUTS.proactive],
        ['t3', TABLE_LAYOUTS.requests],
        ['t4', TABLE_LAYOUTS.reviews],
      ] as const) {
        expectTableToFollowLayout(doc.querySelector<HTMLTableElement>(`table.${cls}`)!, layout, {
          pathOf: (td) => td.dataset.cell,
        });
      }
    }
  });

  it('on A4 table 三 is one table; on a page too short for it, parts that each repeat the header and their groups', () => {
    expect(parse(renderPrintableHtml(seed())).querySelectorAll('table.t3')).toHaveLength(1);
    for (const blank of [false, true]) {
      const html = renderPrintableHtml(seed(), { blank, pageHeightMm: 200 });
      expect(html).toContain('size: 210mm 200mm;');
      const parts = [...parse(html).querySelectorAll<HTMLTableElement>('table.t3')];
      expect(parts.length).toBeGreaterThan(1);
      const layout = TABLE_LAYOUTS.requests;
      let seen = 0;
      for (const part of parts) {
        expect(part.classList.contains('t3-part')).toBe(true);
        const rows = [...part.tBodies[0]!.rows];
        // Each part is the layout's rows from its cut, with the spanning labels drawn again.
        const cut = { ...layout, blocks: [{ head: [], rows: sliceRows(bodyRows(layout), seen, seen + rows.length) }] };
        expectTableToFollowLayout(part, cut, { pathOf: (td) => td.dataset.cell });
        seen += rows.length;
      }
      expect(seen).toBe(bodyRows(layout).length);
    }
  });

  it('prints the seed’s zeros as 0, never as blanks', () => {
    const doc = parse(renderPrintableHtml(seed()));
    const cells = [...doc.querySelectorAll('td[data-cell]')];
    // Every cell once: 10 in 二, 25 rows × 7 in 三, 15 in 四 (derived totals included).
    expect(cells).toHaveLength(CELLS.length);
    expect(CELLS.length).toBe(10 + 25 * 7 + 15);
    expect(cells.every((c) => c.textContent === '0')).toBe(true);
  });

  it('打印空白表: the same tables with every cell empty, and no narrative', () => {
    const doc = parse(renderPrintableHtml(seedWithFigures(), { blank: true }));
    checkTables(doc, null);
    expect(doc.querySelectorAll('.s-overview, .s-problems, .s-otherMatters')).toHaveLength(0);
    expect(doc.querySelectorAll('p:not(.subtitle)')).toHaveLength(0);
    expect(doc.body.textContent).not.toContain('草稿');
    expect([...doc.querySelectorAll('section > h2')].map((h) => h.textContent)).toEqual(
      SECTIONS.filter((s) => s.kind === 'table').map(sectionTitle),
    );
    // A new report has no agency yet: the title leaves a line to write it on.
    expect(parse(renderPrintableHtml(emptyReport(), { blank: true })).querySelector('h1')!.textContent).toBe(
      '____________年政府信息公开工作年度报告',
    );
  });

  it('a report with errors prints a visible 草稿 mark; one without errors does not', () => {
    const draft = parse(renderPrintableHtml(emptyReport('某镇人民政府', 2024)));
    expect(draft.querySelector('.draft-mark')!.textContent).toBe('草稿');
    expect(draft.querySelector('.draft-banner')!.textContent).toMatch(/^草稿：本报告还有 \d+ 处错误未改正/);
    const final = parse(renderPrintableHtml(seed()));
    expect(final.querySelector('.draft-mark, .draft-banner')).toBeNull();
    expect(final.body.textContent).not.toContain('草稿');
  });

  it("汇总's sum prints tables 二三四 with the reports it sums named, judged by its own checks, not as a 草稿", () => {
    const figures = seedWithFigures();
    const sum = sumAsReport(figures.cells, '某县汇总（2 份）', 2024);
    // As a report, its empty 一, 五 and 六 would be errors: a 草稿.
    expect(parse(renderPrintableHtml(sum)).querySelector('.draft-mark')).not.toBeNull();
    const label = '合计 2 份报告：定稿且无错误';
    const doc = parse(renderPrintableHtml(sum, { sum: { label, problems: [] } }));
    expect(doc.querySelector('.draft-mark, .draft-banner')).toBeNull();
    expect(doc.body.textContent).not.toContain('草稿');
    expect(doc.querySelector('.subtitle')!.textContent).toBe(`（${label}）`);
    expect([...doc.querySelectorAll('section > h2')].map((h) => h.textContent)).toEqual(
      SECTIONS.filter((s) => s.kind === 'table').map(sectionTitle),
    );
    checkTables(doc, sum);
    // A sum that fails its balance says so, naming the checks, above the title.
    const off = parse(renderPrintableHtml(sum, { sum: { label, problems: ['表三「自然人」列不平衡', '<b>'] } }));
    expect(off.querySelector('.draft-banner')!.textContent).toBe(
      '合计数有 2 处未通过检查，请核对所合计的报告后再印发：表三「自然人」列不平衡；<b>',
    );
    expect(off.querySelector('.draft-mark')).toBeNull();
    // Its blank form is for the agencies: no 汇总 name in the title, a line to write theirs on.
    const form = parse(renderPrintableHtml(sum, { blank: true, sum: { label, problems: [] } }));
    expect(form.querySelector('h1')!.textContent).toBe('________2024年政府信息公开工作年度报告');
    expect(form.querySelector('.subtitle')!.textContent).toBe('（空白表，供收集数据时填写）');
  });

  it('explanations are not in the published report: they print on a separate 报送说明 sheet', () => {
    const previous = seed();
    previous.cells['requests.carriedForward.natural'] = 2;
    const r = seed();
    r.explanations = [
      { rule: 'W1', cells: ['requests.carriedOver.natural'], reason: '上年报告结转数填报有误，已更正' },
    ];
    const report = parse(renderPrintableHtml(r, { previous }));
    expect(report.body.textContent).not.toContain('数据说明');
    expect(report.body.textContent).not.toContain('上年报告结转数填报有误');
    expect(report.body.textContent).not.toContain('W1');
    const notes = parse(renderSubmissionNotesHtml(r, { previous }));
    expect(notes.querySelector('h1')!.textContent).toBe('报送说明');
    expect(notes.body.textContent).toContain('老店镇2023年政府信息公开工作年度报告');
    const row = notes.querySelector('tbody tr')!;
    const [n, rule, cells, reason] = [...row.querySelectorAll('td')].map((td) => td.textContent);
    expect(n).toBe('1');
    expect(rule).toContain('W1');
    expect(cells).toBe(cellLabel('requests.carriedOver.natural'));
    expect(reason).toBe('上年报告结转数填报有误，已更正');
    expect(notes.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
    // An explanation no finding matches (last year not loaded) is not printed as if it were.
    expect(renderSubmissionNotesHtml(r)).toBe('');
    // An unexplained warning is not on the sheet either.
    expect(renderSubmissionNotesHtml(seed(), { previous })).toBe('');
  });

  it('a text warning explained is named on the 报送说明 sheet by its part of 一', () => {
    const r = seed();
    r.overview[1] = { ...r.overview[1]!, body: `${r.overview[1]!.body}2019年存在的问题已整改。` };
    const w3 = checkReport(r).find((f) => f.rule === 'W3' && f.cells.includes('overview.1.body'))!;
    expect(w3).toBeDefined();
    r.explanations = [{ rule: 'W3', cells: [...w3.cells], reason: '系引用以前年度的整改情况' }];
    const notes = parse(renderSubmissionNotesHtml(r));
    const [, , cells, reason] = [...notes.querySelector('tbody tr')!.querySelectorAll('td')].map(
      (td) => td.textContent,
    );
    expect(cells).toBe('「一、总体情况」第 2 部分');
    expect(reason).toBe('系引用以前年度的整改情况');
  });

  it('section 六: the usual items are prompts; only what the clerk wrote under one prints, as （一）', () => {
    const fresh = emptyReport('某镇人民政府', 2024);
    const six = (r: Report) => parse(renderPrintableHtml(r)).querySelector('.s-otherMatters')!;
    // The starting text, untouched: nothing but the heading prints.
    expect(six(fresh).textContent!.trim()).toBe('六、其他需要报告的事项');
    const r = emptyReport('某镇人民政府', 2024);
    r.otherMatters = r.otherMatters.replace(
      '一、收取信息处理费情况\n',
      '一、收取信息处理费情况\n本年度未收取信息处理费。\n',
    );
    // Text before the first item is the section's own paragraph.
    r.otherMatters = `本镇政务公开专栏已完成适老化改造。\n\n${r.otherMatters}`;
    const el = six(r);
    expect([...el.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['（一）收取信息处理费情况']);
    expect([...el.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      '本镇政务公开专栏已完成适老化改造。',
      '本年度未收取信息处理费。',
    ]);
    for (const item of [
      '落实上级年度政务公开工作要点情况',
      '人大代表建议和政协提案办理结果公开情况',
      '年度政务公开工作创新情况',
    ])
      expect(el.textContent).not.toContain(item);
    // The seed's 「无」 prints as written.
    expect(six(seed()).querySelector('p')!.textContent).toBe('无');
  });

  it('sets the title in lines that break only between words', () => {
    const lines = (agency: string) =>
      [...parse(renderPrintableHtml(emptyReport(agency, 2024))).querySelectorAll('h1 .tl')].map((l) => l.textContent);
    expect(lines('老店镇人民政府')).toEqual(['老店镇人民政府2024年', '政府信息公开工作年度报告']);
    expect(lines('平潭综合实验区管理委员会')).toEqual(['平潭综合实验区管理委员会', '2024年政府信息公开工作年度报告']);
    expect(lines('老店镇')).toEqual(['老店镇2024年政府信息公开工作年度报告']);
  });

  it('has a CSP that forbids script, and the GB/T 9704 page: A4, margins, fonts, page numbers, repeating headers', () => {
    const html = renderPrintableHtml(seed());
    const doc = parse(html);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(csp).not.toMatch(/script-src/);
    expect(doc.querySelectorAll('script, link, iframe, object')).toHaveLength(0);
    const css = doc.querySelector('style')!.textContent!;
    expect(css).toContain('size: A4;');
    expect(css).toContain('margin: 37mm 26mm 35mm 28mm;');
    expect(css).toContain('content: "— " counter(page) " —";');
    expect(css).toContain('thead { display: table-header-group; }');
    expect(css).toMatch(/tr \{ break-inside: avoid;/);
    for (const font of [
      "'FZXiaoBiaoSong-B05S'",
      "'FangSong'",
      "'SimHei'",
      "'KaiTi'",
      "'Noto Serif CJK SC'",
      "'Noto Sans CJK SC'",
      "'AR PL UKai CN'",
    ]) {
      expect(css).toContain(font);
    }
    expect(css).toMatch(/\.title \{[^}]*font-size: 22pt/);
    expect(css).toMatch(/body \{[^}]*font-size: 16pt/);
    expect(css).toMatch(/\.t \{[^}]*font-size: 10\.5pt/);
  });
});

describe('text typed into any field prints as text, never as markup', () => {
  const payloads = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(2)>',
    '</style><b>粗</b>&amp;',
  ];

  it.each(payloads)('%s', (payload) => {
    const previous = seed();
    previous.cells['requests.carriedForward.natural'] = 2;
    const r = seed();
    r.agency = `老店镇${payload}`;
    r.overview = [
      { heading: '', body: `导语${payload}` },
      { heading: `主动公开${payload}`, body: `正文${payload}\n\n第二段${payload}` },
    ];
    r.problems = `问题${payload}`;
    r.otherMatters = `其他${payload}`;
    r.explanations = [{ rule: 'W1', cells: ['requests.carriedOver.natural'], reason: `说明${payload}` }];
    for (const blank of [false, true]) {
      const html = renderPrintableHtml(r, { previous, blank });
      const doc = parse(html);
      expect(doc.querySelectorAll('script, img, svg, b, iframe')).toHaveLength(0);
      expect(doc.querySelectorAll('[onerror], [onload]')).toHaveLength(0);
      expect(doc.querySelectorAll('style')).toHaveLength(1);
      expect(doc.querySelector('h1')!.textContent).toBe(`老店镇${payload}2023年政府信息公开工作年度报告`);
      expect(doc.title).toContain(`老店镇${payload}`);
      if (blank) continue;
      const notes = parse(renderSubmissionNotesHtml(r, { previous }));
      expect(notes.querySelectorAll('script, img, svg, b, iframe')).toHaveLength(0);
      expect(notes.body.textContent).toContain(`说明${payload}`);
      const text = doc.body.textContent!;
      for (const t of [
        `导语${payload}`,
        `主动公开${payload}`,
        `正文${payload}`,
        `第二段${payload}`,
        `问题${payload}`,
        `其他${payload}`,
      ]) {
        expect(text).toContain(t);
      }
    }
  });
});
