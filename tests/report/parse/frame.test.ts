// @vitest-environment node
// The report's frame: title, section headings and section 一's sub-sections, as real pages write them.
import { describe, expect, it } from 'vitest';
import { parsePublishedReport } from '../../../src/report/parse';

const body = (overview: string) => `${overview}
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
问题。
六、其他需要报告的事项
无`;

describe('the title gives the agency and the year', () => {
  it.each([
    ['老店镇 2023 年政府信息公开工作年度报告', '老店镇', 2023],
    ['滑县老店镇人民政府２０２３年度政府信息公开工作年度报告', '滑县老店镇人民政府', 2023],
    ['老店镇二〇二二年政府信息公开工作年度报告', '老店镇', 2022],
  ])('%s', (title, agency, year) => {
    const { report } = parsePublishedReport(`${title}\n${body('一、总体情况\n正文。')}`);
    expect([report.agency, report.year]).toEqual([agency, year]);
  });

  it('a breadcrumb and other reports’ titles before it are passed over', () => {
    const { report } = parsePublishedReport(
      `首页 > 年度报告 > 老店镇2023年政府信息公开工作年度报告\n老店镇2021年政府信息公开工作年度报告\n老店镇2023年政府信息公开工作年度报告\n${body('一、总体情况\n正文。')}`,
    );
    expect([report.agency, report.year]).toEqual(['老店镇', 2023]);
  });

  it('only a breadcrumb: the agency is the part after the last separator', () => {
    const { report } = parsePublishedReport(
      `当前位置：首页 > 老店镇2023年政府信息公开工作年度报告\n${body('一、总体情况\n正文。')}`,
    );
    expect([report.agency, report.year]).toEqual(['老店镇', 2023]);
  });

  it('no title: reported, agency and year left for the clerk', () => {
    const o = parsePublishedReport(body('一、总体情况\n正文。'));
    expect([o.report.agency, o.report.year]).toEqual(['', null]);
    expect(o.problems[0]!.message).toBe('未找到标题「××××年政府信息公开工作年度报告」：请导入后填写机关名称和年度');
  });
});

describe('section 一 is split at its numbered sub-headings', () => {
  const parts = (overview: string) =>
    parsePublishedReport(`某镇2023年政府信息公开工作年度报告\n${body(overview)}`).report.overview;

  it('「（一）」 headings, a colon after the heading, the intro before them kept with heading ""', () => {
    expect(parts('一、总体情况：\n引言。\n（一）主动公开情况：\n第一段。\n第二段。\n（二）依申请公开\n正文。')).toEqual(
      [
        { heading: '', body: '引言。' },
        { heading: '主动公开情况', body: '第一段。\n\n第二段。' },
        { heading: '依申请公开', body: '正文。' },
      ],
    );
  });

  it('a heading on the same line as its text; numbered lists inside a part stay in its body', () => {
    expect(
      parts(
        '一、总体情况\n（一）主动公开。本年公开信息 12 条：\n1.规章 0 件。\n2.规范性文件 1 件。\n（二）平台建设。网站运行正常。',
      ),
    ).toEqual([
      { heading: '主动公开', body: '本年公开信息 12 条：\n\n1.规章 0 件。\n\n2.规范性文件 1 件。' },
      { heading: '平台建设', body: '网站运行正常。' },
    ]);
  });

  it('「一是」「二是」 paragraphs are not headings', () => {
    expect(parts('一、总体情况\n一是公开及时。\n二是内容全面。')).toEqual([
      { heading: '', body: '一是公开及时。\n\n二是内容全面。' },
    ]);
  });
});
