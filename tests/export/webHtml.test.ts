import { describe, expect, it } from 'vitest';
import { renderWebFile, renderWebFragment, renderWebText } from '../../src/export/webHtml';
import {
  CELLS,
  OTHER_MATTERS_DEFAULT_ITEMS,
  SECTIONS,
  allValues,
  cellDecl,
  formatCell,
  sectionTitle,
} from '../../src/report';
import { TABLE_LAYOUTS } from '../../src/report/tableLayout';
import { expectTableToFollowLayout } from '../helpers/layoutMatch';
import { seed, seedWithFigures } from '../helpers/reports';

const fragment = (html: string) => {
  const doc = document.implementation.createHTMLDocument('t');
  doc.body.innerHTML = html;
  return doc;
};

describe('the web fragment', () => {
  it('is clean: no script, no class, no event handler, no external resource, inline styles only', () => {
    const html = renderWebFragment(seedWithFigures(1000));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\sclass=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/https?:|url\(|@import/i);
    expect(html).not.toMatch(/<(style|link|img|iframe|object|a)\b/i);
    const r = seed();
    r.agency = '老店镇<script>alert(1)</script><img src=x onerror=alert(2)>';
    r.problems = '<a href="http://example.com" class="x" onclick="y">链接</a>';
    const doc = fragment(renderWebFragment(r));
    expect(doc.querySelectorAll('script, img, a, style, link')).toHaveLength(0);
    const attrs = [...doc.querySelectorAll('*')].flatMap((e) => e.getAttributeNames());
    expect(new Set(attrs)).toEqual(new Set(['style', 'id', 'scope', 'rowspan', 'colspan', 'headers']));
    // On a phone a table scrolls within its own box, not the whole page.
    const tables = [...doc.querySelectorAll('table')];
    expect(tables).toHaveLength(3);
    for (const t of tables) expect((t.parentElement as HTMLElement).style.overflowX).toBe('auto');
    // What the clerk typed is text.
    expect(doc.querySelector('h1')!.textContent).toBe(
      '老店镇<script>alert(1)</script><img src=x onerror=alert(2)>2023年政府信息公开工作年度报告',
    );
    expect(doc.body.textContent).toContain('<a href="http://example.com" class="x" onclick="y">链接</a>');
  });

  it('has every section heading and paragraph, and none of 六’s unwritten prompts', () => {
    const r = seed();
    const doc = fragment(renderWebFragment(r));
    expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(SECTIONS.map(sectionTitle));
    const text = doc.body.textContent!;
    for (const p of r.overview) for (const para of p.body.split(/\n\s*\n/)) expect(text).toContain(para.trim());
    const fresh = seed();
    fresh.otherMatters = `一、${OTHER_MATTERS_DEFAULT_ITEMS[0]}\n本年度未收取信息处理费。\n\n二、${OTHER_MATTERS_DEFAULT_ITEMS[1]}\n`;
    const six = fragment(renderWebFragment(fresh)).body.textContent!;
    expect(six).toContain(`（一）${OTHER_MATTERS_DEFAULT_ITEMS[0]}`);
    expect(six).not.toContain(OTHER_MATTERS_DEFAULT_ITEMS[1]);
  });

  it('draws each table from the layout, with a caption, every figure in its cell', () => {
    const r = seedWithFigures(1000);
    const values = allValues(r.cells);
    const byText = new Map(CELLS.map((c) => [formatCell(values.get(c.path) ?? null, c.unit), c.path]));
    expect(byText.size).toBe(CELLS.length);
    const doc = fragment(renderWebFragment(r));
    const tables = [...doc.querySelectorAll('table')];
    expect(tables.map((t) => t.caption?.textContent)).toEqual([
      '表二 主动公开政府信息情况',
      '表三 收到和处理政府信息公开申请情况',
      '表四 政府信息公开行政复议、行政诉讼情况',
    ]);
    [TABLE_LAYOUTS.proactive, TABLE_LAYOUTS.requests, TABLE_LAYOUTS.reviews].forEach((layout, i) => {
      expectTableToFollowLayout(tables[i]!, layout, { pathOf: (td) => byText.get(td.textContent ?? '') });
    });
    expect(doc.querySelectorAll('td')).toHaveLength(CELLS.length);
  });

  it('ties every figure to its row and column headers (headers/id), as a screen reader reads it', () => {
    const r = seedWithFigures(1000);
    const values = allValues(r.cells);
    const doc = fragment(renderWebFragment(r));
    const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const headersOf = (path: string) => {
      const text = formatCell(values.get(path) ?? null, cellDecl(path).unit);
      const td = [...doc.querySelectorAll('td')].find((t) => t.textContent === text)!;
      return td
        .getAttribute('headers')!
        .split(' ')
        .map((id) => doc.getElementById(id)!.textContent);
    };
    expect(headersOf('requests.withheld.stateSecret.natural')).toEqual([
      '三、本年度办理结果',
      '（三）不予公开',
      '1.属于国家秘密',
      '申请人情况',
      '自然人',
    ]);
    expect(headersOf('requests.newReceived.research')).toEqual([
      '一、本年新收政府信息公开申请数量',
      '申请人情况',
      '法人或其他组织',
      '科研机构',
    ]);
    expect(headersOf('proactive.normativeDocuments.repealed')).toEqual([
      '行政规范性文件',
      '第二十条第（一）项',
      '本年废止件数',
    ]);
    expect(headersOf('reviews.litigationDirect.pending')).toEqual(['行政诉讼', '未经复议直接起诉', '尚未审结']);
    // Every figure has headers, and each names an existing header cell.
    for (const td of doc.querySelectorAll('td')) {
      const hs = td.getAttribute('headers')!.split(' ');
      expect(hs.length).toBeGreaterThanOrEqual(2);
      for (const id of hs) expect(doc.getElementById(id)?.tagName).toBe('TH');
    }
  });

  it('has a plain-text twin and a downloadable file with the same markup', () => {
    const r = seedWithFigures(1000);
    const text = renderWebText(r);
    expect(text.split('\n')[0]).toBe('老店镇2023年政府信息公开工作年度报告');
    expect(text).toContain('1.属于国家秘密\t');
    expect(renderWebFile(r)).toBe(`\uFEFF${renderWebFragment(r)}`);
  });
});
