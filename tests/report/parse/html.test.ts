// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { htmlTables, htmlToLines } from '../../../src/report/parse';

const texts = (html: string) =>
  htmlTables(html).map((g) => g.map((row) => row.map((c) => (c.origin ? c.text : `^${c.text}`))));

describe('reading a saved web page', () => {
  it('lays a table with rowspan and colspan out on a grid, covered places marked', () => {
    const html = `<table>
      <tr><td rowspan="2" colspan="2">（本列）</td><td colspan="2">申请人情况</td></tr>
      <tr><td>自然人</td><td>商业<br>企业</td></tr>
      <tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td>2</td></tr>
      <tr><td>（二）部分公开</td><td>3</td><td>4</td></tr>
    </table>`;
    expect(texts(html)).toEqual([
      [
        ['（本列）', '^（本列）', '申请人情况', '^申请人情况'],
        ['^（本列）', '^（本列）', '自然人', '商业 企业'],
        ['三、本年度办理结果', '（一）予以公开', '1', '2'],
        ['^三、本年度办理结果', '（二）部分公开', '3', '4'],
      ],
    ]);
    // As lines, a merged cell counts once: the row under a rowspan starts with its own cells, as a copied page does.
    expect(htmlToLines(html).map((l) => l.cells)).toEqual([
      ['（本列）', '申请人情况'],
      ['自然人', '商业 企业'],
      ['三、本年度办理结果', '（一）予以公开', '1', '2'],
      ['（二）部分公开', '3', '4'],
    ]);
  });

  it('reads paragraphs and line breaks as lines, decodes entities, skips scripts and styles', () => {
    const html = `<html><head><title>标题</title><style>p{}</style></head><body>
      <script>document.write("<p>不是正文</p>")</script>
      <p>第一段&nbsp;&ldquo;引号&rdquo;&amp;&#20013;&#x6587;<br>第二行</p><div>第三<b>段</b></div><!-- <p>注释</p> --></body></html>`;
    expect(htmlToLines(html).map((l) => l.raw)).toEqual(['第一段 “引号”&中文', '第二行', '第三段']);
  });

  it('closes cells and rows left open, as older editors write them', () => {
    const html = '<table><tr><td>规章<td>1<td>2<tr><td>行政规范性文件<td>3<td>4</table><p>后文';
    expect(htmlToLines(html).map((l) => l.cells)).toEqual([['规章', '1', '2'], ['行政规范性文件', '3', '4'], ['后文']]);
  });

  it('a layout table around the report is read as text, its data tables as tables', () => {
    const html =
      '<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table><p>正文</p></td></tr></table>';
    expect(htmlToLines(html).map((l) => l.cells)).toEqual([['一、总体情况'], ['规章', '0'], ['正文']]);
  });
});
