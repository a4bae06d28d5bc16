// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type Finding, type Report, checkReport, withCells } from '../../../src/report';
import { seed } from '../../helpers/reports';

const FEES_STATED = '一、收取信息处理费情况\n本年度未收取信息处理费。';
const PLANS_2024 = '针对以上不足，2024年我镇将采取以下措施加以改进：一是完善公开栏目。';

/** The seed with its two known warnings fixed, so a test sees only what it adds. */
function clean(): Report {
  const r = seed();
  r.problems = PLANS_2024;
  r.otherMatters = FEES_STATED;
  return r;
}

const rule = (r: Report, id: string): Finding[] => checkReport(r).filter((f) => f.rule === id);

/** The seed's 依申请公开 paragraph rewritten, with table figures set. */
function requestsSaying(body: string, cells: Record<string, number> = {}): Report {
  const r = clean();
  r.overview[1]!.body = body;
  r.cells = withCells(r.cells, cells);
  return r;
}

/** 5 new requests (4 from citizens, 1 from a company), 2 carried over, 6 answered, 1 carried forward. */
const FIVE_NEW = {
  'requests.newReceived.natural': 4,
  'requests.newReceived.commercial': 1,
  'requests.carriedOver.natural': 2,
  'requests.disclosed.natural': 5,
  'requests.unavailable.notHeld.commercial': 1,
  'requests.carriedForward.natural': 1,
};

describe('the cleaned seed', () => {
  it('raises no text warning at all', () => {
    expect(checkReport(clean())).toEqual([]);
  });
});

describe('W3 stale years', () => {
  it('catches the seed’s 2023 plans in its 2023 report and asks for 2024', () => {
    const [w3, ...rest] = rule(seed(), 'W3');
    expect(rest).toEqual([]);
    expect(w3).toMatchObject({
      cells: ['problems'],
      section: 'problems',
      expected: 2024,
      actual: 2023,
      severity: 'warning',
    });
    expect(w3!.quote).toBe('针对以上不足，2023年我镇将采取以下措施加以改进：');
    expect(w3!.message).toContain('“针对以上不足，2023年我镇将采取以下措施加以改进”：');
    // The clause's own colon is not quoted before the message's: 「改进：”：」 read doubled.
    expect(w3!.message).not.toContain('：”');
    expect(w3!.message).toContain('2024 年');
  });

  it('catches last year’s date left in a sub-section copied from the 2022 report', () => {
    const r = clean();
    r.overview[1]!.body = '主动公开情况：2022 年，我镇主动公开政府信息 268 条。';
    const w3 = rule(r, 'W3');
    expect(w3.map((f) => f.cells)).toEqual([['overview.1.body']]);
    expect(w3[0]).toMatchObject({
      section: 'overview',
      actual: 2022,
      quote: '主动公开情况：2022 年，我镇主动公开政府信息 268 条。',
    });
    expect(w3[0]!.message).toContain('不是本报告年度（2023年）');
  });

  it('reads 2022年度, full-width digits and 二〇二二年, in headings, problems and 六', () => {
    const r = clean();
    r.overview[3]!.heading = '２０２２年度政府信息公开平台建设情况';
    r.problems = `二〇二二年我镇将进一步完善公开栏目。${PLANS_2024}`;
    r.otherMatters = `${FEES_STATED}\n二、落实2021年度政务公开工作要点情况`;
    expect(rule(r, 'W3').map((f) => f.cells)).toEqual([['overview.3.heading'], ['problems'], ['otherMatters']]);
  });

  it('does not fire on document numbers, law titles and their revisions, or the report year and the next', () => {
    const r = clean();
    r.overview[2]!.body = [
      '依据《中华人民共和国政府信息公开条例》（2019年修订）和《国务院办公厅关于印发2019年修订的条例释义的通知》开展工作。',
      '按照国办公开办函〔2021〕30号要求编制本报告，按国办函〔2020〕109号规定执行信息处理费标准。',
      '新修订的条例自2019年5月15日起施行，2019年修订的条例明确了公开范围。',
      '2023 年，老店镇认真贯彻落实上级部署；主动公开政府信息较2022年增加30条，与2021年相比大幅增长。',
      '自2021年以来累计公开信息1000余条，2021年至今未发生泄密事件。',
      '对照2022年度政府信息公开工作年度报告中指出的问题逐项整改。',
      '本报告于2024年1月发布，2021—2025年规划有序推进，力争到2025年全面完成。',
    ].join('\n');
    expect(rule(r, 'W3')).toEqual([]);
  });

  it('五 may report how last year’s problems were fixed', () => {
    const r = clean();
    r.problems = `（一）2022年度存在问题整改情况。针对2022年公开栏目不完善的问题，已完成整改。\n${PLANS_2024}`;
    expect(rule(r, 'W3')).toEqual([]);
  });

  it('a 2023 report describing work done in 2023 in 五 is fine; plans for 2024 beside it are too', () => {
    const r = clean();
    r.problems =
      '2023年，我镇针对上年存在的问题采取了以下措施加以改进：完善了公开栏目。对照2023年存在的问题，2024年我镇将着力提升公开质量。';
    expect(rule(r, 'W3')).toEqual([]);
  });

  it('a plan in 五 written as 2023年工作计划 in a 2023 report is caught', () => {
    const r = clean();
    r.problems = '2023年工作计划：进一步拓宽公开渠道。';
    expect(rule(r, 'W3')).toMatchObject([{ cells: ['problems'], expected: 2024, actual: 2023 }]);
  });
});

describe('W4 figures in the text against the tables', () => {
  const received = ['requests.newReceived.total'];

  it.each([
    '依申请公开情况：2023年，我镇共收到政府信息公开申请 3 件，均已按时办结。',
    '本年度新收政府信息公开申请３件。',
    '全年共受理依申请公开申请三件，全部按期答复。',
    '2023年收到3件政府信息公开申请。',
    '今年共接到政府信息公开申请3件，已全部答复。',
    '接受群众咨询200余人次，收到政府信息公开申请3件。',
  ])('「%s」 with 5 new requests in table 三 is a contradiction', (body) => {
    const w4 = rule(requestsSaying(body, FIVE_NEW), 'W4');
    expect(w4.map((f) => f.cells)).toEqual([['overview.1.body', ...received]]);
    expect(w4[0]).toMatchObject({ section: 'overview', expected: 5, actual: 3, difference: -2, quote: body });
    expect(w4[0]!.message).toContain(`“${body}”`);
    expect(w4[0]!.message).toContain('一、本年新收政府信息公开申请数量·总计为 5');
  });

  it.each([
    '依申请公开情况：2023年，我镇共收到政府信息公开申请 5 件，均已按时办结。',
    '本年度新收政府信息公开申请５件，其中自然人4件、法人或其他组织1件。',
    '全年共受理依申请公开申请五件，办结 6 件，结转下年度继续办理 1 件。',
    '共收到政府信息公开申请7件（含上年结转2件），办结6件，1件结转下年度办理。',
    '收到政府信息公开申请 5 件，未发生政府信息公开行政复议、行政诉讼。',
  ])('「%s」 agrees with table 三', (body) => {
    expect(rule(requestsSaying(body, FIVE_NEW), 'W4')).toEqual([]);
  });

  it.each([
    ['2023年依申请公开3件。', [received]],
    ['收到依申请公开3件,办结3件。', [received, ['requests.handledTotal.total']]],
    ['本年度共收到各类政府信息公开申请合计 ３ 件，累计办结 3 件。', [received, ['requests.handledTotal.total']]],
    ['依申请公开数量为零。', [received]],
    ['上年度（2022年）结转申请0件。', [['requests.carriedOver.total']]],
  ])('「%s」 is read and checked too', (body, cells) => {
    const w4 = rule(requestsSaying(body, FIVE_NEW), 'W4');
    expect(w4.map((f) => f.cells)).toEqual(cells.map((c) => ['overview.1.body', ...c]));
  });

  it('without 上年结转 in the sentence, received + carried over is not accepted', () => {
    const w4 = rule(requestsSaying('共收到政府信息公开申请7件。', FIVE_NEW), 'W4');
    expect(w4.map((f) => f.cells)).toEqual([['overview.1.body', ...received]]);
  });

  it('本年新收 and 上年结转 side by side are each checked', () => {
    const w4 = rule(
      requestsSaying('本年新收政府信息公开申请数量为 5 件，上年结转政府信息公开申请 3 件。', FIVE_NEW),
      'W4',
    );
    expect(w4.map((f) => f.cells)).toEqual([['overview.1.body', 'requests.carriedOver.total']]);
    expect(w4[0]).toMatchObject({ expected: 2, actual: 3 });
  });

  it('when the sentence mentions 结转, a figure matching neither reading names both cells', () => {
    const w4 = rule(requestsSaying('共收到政府信息公开申请8件（含上年结转2件）。', FIVE_NEW), 'W4');
    expect(w4.map((f) => f.cells)).toEqual([
      ['overview.1.body', 'requests.newReceived.total', 'requests.carriedOver.total'],
    ]);
    expect(w4[0]!.message).toContain('一、本年新收政府信息公开申请数量·总计为 5，加上年结转为 7');
  });

  it('办结 and 结转下年度 figures are checked against （七）总计 and 四', () => {
    const w4 = rule(requestsSaying('收到政府信息公开申请5件，办结 5 件，结转下年度继续办理 2 件。', FIVE_NEW), 'W4');
    expect(w4.map((f) => f.cells)).toEqual([
      ['overview.1.body', 'requests.handledTotal.total'],
      ['overview.1.body', 'requests.carriedForward.total'],
    ]);
  });

  it('the seed’s 「未收到依申请公开政府信息」 is wrong once table 三 has requests', () => {
    const r = clean();
    r.cells = withCells(r.cells, FIVE_NEW);
    const w4 = rule(r, 'W4');
    expect(w4.map((f) => f.cells)).toEqual([['overview.1.body', 'requests.newReceived.total']]);
    expect(w4[0]).toMatchObject({
      expected: 5,
      actual: 0,
      quote:
        '依申请公开情况：未收到依申请公开政府信息；对不予公开的政府信息，加强政府信息公开保密审查，切实做到不予公开的信息不公开。',
    });
  });

  it('「收到政府信息公开申请 0 件」 against 5 is caught', () => {
    expect(rule(requestsSaying('本年度收到政府信息公开申请 0 件。', FIVE_NEW), 'W4').map((f) => f.cells)).toEqual([
      ['overview.1.body', 'requests.newReceived.total'],
    ]);
  });

  it('under the heading 依申请公开, a bare 「收到申请3件」 is read as disclosure requests', () => {
    const r = requestsSaying('全年共收到申请3件，办结3件。', FIVE_NEW);
    r.overview[1]!.heading = '依申请公开';
    expect(rule(r, 'W4').map((f) => f.cells)).toEqual([
      ['overview.1.body', 'requests.newReceived.total'],
      ['overview.1.body', 'requests.handledTotal.total'],
    ]);
  });

  it('hotline work orders, suggestions, licensing applications and time limits are not disclosure requests', () => {
    const body =
      '受理12345热线工单120件，办结118件。收到人大代表建议3件。收到申请后均在15个工作日内答复。政务服务中心全年受理行政许可申请1200件，办结1200件。';
    expect(rule(requestsSaying(body, FIVE_NEW), 'W4')).toEqual([]);
  });

  describe('行政复议 and 行政诉讼 (table 四)', () => {
    const reviews = {
      'reviews.reconsideration.upheld': 1,
      'reviews.litigationDirect.pending': 1,
      'reviews.litigationAfterReconsideration.corrected': 1,
    };
    const reconsideration = ['overview.1.body', 'reviews.reconsideration.total'];
    const litigation = [
      'overview.1.body',
      'reviews.litigationDirect.total',
      'reviews.litigationAfterReconsideration.total',
    ];

    it.each([
      ['发生政府信息公开行政复议 2 件，行政诉讼 2 起。', [reconsideration]],
      ['因政府信息公开被申请行政复议两起、被提起行政诉讼2件。', [reconsideration]],
      ['本年度发生1起政府信息公开行政复议案件，3起行政诉讼案件。', [litigation]],
      ['涉及政府信息公开的行政复议、行政诉讼各1件。', [litigation]],
      ['未经复议直接起诉2件。', [['overview.1.body', 'reviews.litigationDirect.total']]],
      [
        '政府信息公开行政复议和行政诉讼案件共2件。',
        [['overview.1.body', 'reviews.reconsideration.total', ...litigation.slice(1)]],
      ],
    ])('「%s」 is checked against table 四', (body, cells) => {
      expect(rule(requestsSaying(body, reviews), 'W4').map((f) => f.cells)).toEqual(cells);
    });

    it.each([
      '发生政府信息公开行政复议 1 件，行政诉讼 2 起。',
      '因政府信息公开被申请行政复议一起、被提起行政诉讼２件。',
      '政府信息公开行政复议和行政诉讼案件共3件。',
      '其中未经复议直接提起行政诉讼1件，复议后起诉1件。',
      '经行政复议后提起行政诉讼1件。',
      '作为复议机关，全年办理行政复议案件35件。',
    ])('「%s」 agrees with table 四', (body) => {
      expect(rule(requestsSaying(body, reviews), 'W4')).toEqual([]);
    });

    it.each(['行政复议、行政诉讼均为0。', '无行政复议、行政诉讼情况发生。'])(
      '「%s」 with cases in table 四 names both',
      (body) => {
        expect(rule(requestsSaying(body, reviews), 'W4').map((f) => f.cells)).toEqual([reconsideration, litigation]);
      },
    );

    it('「未发生行政复议、行政诉讼」 with cases in table 四 names both', () => {
      const w4 = rule(requestsSaying('本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。', reviews), 'W4');
      expect(w4.map((f) => f.cells)).toEqual([reconsideration, litigation]);
      expect(w4[1]).toMatchObject({ expected: 2, actual: 0 });
    });

    it('「未发生行政复议、行政诉讼」 with table 四 all zero passes', () => {
      expect(rule(requestsSaying('本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。'), 'W4')).toEqual([]);
    });
  });

  it('制发 and 现行有效 行政规范性文件 are checked against table 二', () => {
    const r = clean();
    r.overview[0]!.body = '本年度制发行政规范性文件 2 件，现行有效行政规范性文件共 9 件，制定规章制度5项。';
    r.cells = withCells(r.cells, {
      'proactive.normativeDocuments.issued': 1,
      'proactive.normativeDocuments.inForce': 9,
    });
    expect(rule(r, 'W4').map((f) => f.cells)).toEqual([['overview.0.body', 'proactive.normativeDocuments.issued']]);
  });

  it('a figure is not compared while its table cell is blank', () => {
    const r = requestsSaying('本年度收到政府信息公开申请 3 件。');
    r.cells['requests.newReceived.natural'] = null;
    r.cells['requests.newReceived.commercial'] = null;
    r.cells['requests.newReceived.research'] = null;
    r.cells['requests.newReceived.nonprofit'] = null;
    r.cells['requests.newReceived.legal'] = null;
    r.cells['requests.newReceived.other'] = null;
    expect(rule(r, 'W4')).toEqual([]);
  });
});

describe('W5 信息处理费 in 六', () => {
  it('the seed’s bare 「无」 is silent on the fee', () => {
    const w5 = rule(seed(), 'W5');
    expect(w5).toMatchObject([{ cells: ['otherMatters'], section: 'otherMatters', severity: 'warning' }]);
    expect(w5[0]!.message).toContain('信息处理费');
  });

  it('the starting text’s item heading with nothing under it is still silent', () => {
    const r = clean();
    r.otherMatters = '一、收取信息处理费情况\n\n二、落实上级年度政务公开工作要点情况\n已落实。';
    expect(rule(r, 'W5').map((f) => f.cells)).toEqual([['otherMatters']]);
  });

  it.each([
    '本年度未收取信息处理费。',
    '一、收取信息处理费情况\n无。',
    '依申请公开一律免费，未收取任何费用。',
    '一、收取信息处理费情况：本年度共收取信息处理费 200 元。',
  ])('「%s」 states it', (text) => {
    const r = clean();
    r.otherMatters = text;
    expect(rule(r, 'W5')).toEqual([]);
  });

  it('table 二’s 行政事业性收费 is not the information processing fee', () => {
    const r = clean();
    r.otherMatters = '本年度行政事业性收费0万元。';
    expect(rule(r, 'W5').map((f) => f.cells)).toEqual([['otherMatters']]);
  });

  it('a report that states its fee is not asked about fee notices, even with requests dropped for an unpaid fee', () => {
    // Issue 12: the fee-notice clause fired on 4 of 9 real reports that stated their fees.
    const r = clean();
    r.cells = withCells(r.cells, {
      'requests.newReceived.natural': 1,
      'requests.otherHandling.overdueFee.natural': 1,
    });
    r.otherMatters = '全年收取信息处理费3940元。';
    expect(rule(r, 'W5')).toEqual([]);
    r.otherMatters = '无收取信息处理费情况。';
    expect(rule(r, 'W5')).toEqual([]);
    r.otherMatters = '无。';
    expect(rule(r, 'W5').map((f) => f.cells)).toEqual([['otherMatters']]);
  });
});
