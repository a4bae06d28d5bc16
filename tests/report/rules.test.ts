// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type Finding,
  type Report,
  INPUT_CELLS,
  checkReport,
  emptyReport,
  explanationFor,
  findingKey,
  findingsByCell,
  hasErrors,
  withCells,
} from '../../src/report';
import { seed } from '../helpers/reports';

const only = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

/** Last year's report for W1/W2: the seed moved back a year, with its own figures. */
function lastYear(changes: Record<string, number>): Report {
  const r = seed();
  return { ...r, year: 2022, cells: withCells(r.cells, changes) };
}

describe('the seed report (老店镇 2023)', () => {
  it('passes every error check and raises exactly the W3 and W5 warnings', () => {
    const findings = checkReport(seed());
    expect(hasErrors(findings)).toBe(false);
    expect(findings.map((f) => f.rule)).toEqual(['W3', 'W5']);
    const [w3, w5] = findings as [Finding, Finding];
    expect(w3.cells).toEqual(['problems']);
    expect(w3.quote).toBe('针对以上不足，2023年我镇将采取以下措施加以改进：');
    expect(w5.cells).toEqual(['otherMatters']);
  });

  it('with last year’s report agreeing, W1 and W2 stay silent', () => {
    expect(checkReport(seed(), { previous: lastYear({}) }).map((f) => f.rule)).toEqual(['W3', 'W5']);
  });
});

describe('E1 balance: 一 + 二 = 三(七) + 四 per column', () => {
  it('a clerk who records a lawyer’s request as received and leaves it out of the results is told the column and the difference', () => {
    const r = seed();
    r.cells = withCells(r.cells, {
      'requests.newReceived.legal': 4,
      'requests.carriedOver.legal': 1,
      'requests.disclosed.legal': 3,
      'requests.carriedForward.legal': 1,
    });
    const e1 = only(checkReport(r), 'E1');
    // One slip, one finding: the 总计 column is off only because 法律服务机构 is.
    expect(e1.map((f) => f.cells)).toEqual([
      [
        'requests.newReceived.legal',
        'requests.carriedOver.legal',
        'requests.handledTotal.legal',
        'requests.carriedForward.legal',
      ],
    ]);
    const legal = e1[0]!;
    expect(legal.message).toBe('法律服务机构：收到 5 件（新收 4 + 结转 1），办理与结转只有 4 件，少 1 件');
    expect(legal).toMatchObject({ severity: 'error', section: 'requests', expected: 5, actual: 4, difference: -1 });
    // Nothing blank and results short: the link goes to 四、结转下年度.
    expect(legal.target).toBe('requests.carriedForward.legal');
  });

  it('with nothing blank, the link goes to 结转下年度 when results are short, to 新收 when they are over', () => {
    const r = emptyReport('老店镇', 2023);
    const zeros = Object.fromEntries(INPUT_CELLS.filter((c) => c.table === 'requests').map((c) => [c.path, 0]));
    r.cells = withCells(r.cells, { ...zeros, 'requests.newReceived.natural': 3, 'requests.disclosed.natural': 1 });
    const [short] = only(checkReport(r), 'E1');
    expect(short!.target).toBe('requests.carriedForward.natural');
    expect(short!.message).toBe('自然人：收到 3 件（新收 3 + 结转 0），办理与结转只有 1 件，少 2 件');
    r.cells = withCells(r.cells, { 'requests.disclosed.natural': 5 });
    const [over] = only(checkReport(r), 'E1');
    expect(over!.target).toBe('requests.newReceived.natural');
    expect(over!.message).toBe('自然人：收到 3 件（新收 3 + 结转 0），办理与结转却有 5 件，多 2 件');
  });

  it('the link goes to the column’s first blank', () => {
    const r = emptyReport('老店镇', 2023);
    r.cells = withCells(r.cells, { 'requests.newReceived.natural': 2, 'requests.carriedOver.natural': 0 });
    expect(only(checkReport(r), 'E1')[0]!.target).toBe('requests.carriedForward.natural');
    r.cells = withCells(r.cells, { 'requests.carriedForward.natural': 0 });
    expect(only(checkReport(r), 'E1')[0]!.target).toBe('requests.disclosed.natural');
  });

  it('a balanced column passes', () => {
    const r = seed();
    r.cells = withCells(r.cells, {
      'requests.newReceived.legal': 4,
      'requests.carriedOver.legal': 1,
      'requests.disclosed.legal': 3,
      'requests.withheld.stateSecret.legal': 1,
      'requests.carriedForward.legal': 1,
    });
    expect(only(checkReport(r), 'E1')).toEqual([]);
  });
});

describe('E2 whole numbers ≥ 0', () => {
  it('a negative or fractional count stored by an import is an error at that cell', () => {
    const r = seed();
    r.cells['reviews.reconsideration.upheld'] = -1;
    r.cells['proactive.licensing.decisions'] = 2.5;
    const e2 = only(checkReport(r), 'E2');
    expect(e2.map((f) => f.cells)).toEqual([['proactive.licensing.decisions'], ['reviews.reconsideration.upheld']]);
    expect(e2.every((f) => f.severity === 'error')).toBe(true);
  });

  it('fees in whole fen pass', () => {
    const r = seed();
    r.cells['proactive.fees.amount'] = 1_234_567; // 1.234567 万元
    expect(only(checkReport(r), 'E2')).toEqual([]);
  });
});

describe('E3 complete', () => {
  it('a new report names every blank: agency, year, sections, and table cells (a blank is not zero)', () => {
    const r = emptyReport();
    const e3 = only(checkReport(r), 'E3');
    const cells = e3.map((f) => f.cells);
    expect(cells).toContainEqual(['agency']);
    expect(cells).toContainEqual(['year']);
    expect(cells).toContainEqual(['overview.0.body']);
    expect(cells).toContainEqual(['problems']);
    const requests = e3.find((f) => f.section === 'requests')!;
    expect(requests.cells).toContain('requests.carriedOver.legal');
    expect(requests.cells).not.toContain('requests.handledTotal.legal'); // derived cells are never typed
  });

  it('one blank cell in the filled seed is named on its own', () => {
    const r = seed();
    r.cells['requests.withheld.stateSecret.natural'] = null;
    const e3 = only(checkReport(r), 'E3');
    expect(e3.map((f) => f.cells)).toEqual([['requests.withheld.stateSecret.natural']]);
    expect(e3[0]!.message).toContain('空格不等于 0');
  });

  it('an emptied sub-section of 一 is named by its heading', () => {
    const r = seed();
    r.overview[2]!.body = '  ';
    const e3 = only(checkReport(r), 'E3');
    expect(e3.map((f) => f.cells)).toEqual([['overview.2.body']]);
    expect(e3[0]!.message).toContain('政府信息资源的规范化、标准化管理情况');
  });
});

describe('W1 上年结转 = last year’s 结转下年度', () => {
  it('a carried-over figure that differs from last year’s report points at that cell', () => {
    const r = seed();
    const w1 = only(checkReport(r, { previous: lastYear({ 'requests.carriedForward.natural': 2 }) }), 'W1');
    expect(w1.map((f) => f.cells)).toEqual([['requests.carriedOver.natural'], ['requests.carriedOver.total']]);
    expect(w1[0]).toMatchObject({ severity: 'warning', expected: 2, actual: 0, difference: -2 });
    expect(w1[0]!.message).toContain('自然人列');
  });

  it('matching figures pass', () => {
    const r = seed();
    r.cells = withCells(r.cells, {
      'requests.carriedOver.natural': 2,
      'requests.disclosed.natural': 2,
    });
    expect(only(checkReport(r, { previous: lastYear({ 'requests.carriedForward.natural': 2 }) }), 'W1')).toEqual([]);
  });
});

describe('W2 现行有效 = last year’s + 制发 − 废止', () => {
  it('a 现行有效 figure that does not follow from last year is flagged on the three cells', () => {
    const r = seed();
    r.cells = withCells(r.cells, {
      'proactive.normativeDocuments.issued': 2,
      'proactive.normativeDocuments.inForce': 10,
    });
    const w2 = only(checkReport(r, { previous: lastYear({ 'proactive.normativeDocuments.inForce': 9 }) }), 'W2');
    expect(w2.map((f) => f.cells)).toEqual([
      [
        'proactive.normativeDocuments.inForce',
        'proactive.normativeDocuments.issued',
        'proactive.normativeDocuments.repealed',
      ],
    ]);
    expect(w2[0]).toMatchObject({ expected: 11, actual: 10, difference: -1 });
  });

  it('9 + 2 − 1 = 10 passes', () => {
    const r = seed();
    r.cells = withCells(r.cells, {
      'proactive.normativeDocuments.issued': 2,
      'proactive.normativeDocuments.repealed': 1,
      'proactive.normativeDocuments.inForce': 10,
    });
    expect(only(checkReport(r, { previous: lastYear({ 'proactive.normativeDocuments.inForce': 9 }) }), 'W2')).toEqual(
      [],
    );
  });
});

describe('explanations and lookups', () => {
  it('a written reason is matched to its warning, and findings are listed by cell', () => {
    const r = seed();
    const findings = checkReport(r);
    const w5 = findings.find((f) => f.rule === 'W5')!;
    expect(
      explanationFor(w5, [{ rule: 'W5', cells: ['otherMatters'], reason: '本年度未收取信息处理费' }])?.reason,
    ).toBe('本年度未收取信息处理费');
    expect(findingKey(w5)).toBe('W5:otherMatters');
    expect(
      findingsByCell(findings)
        .get('problems')
        ?.map((f) => f.rule),
    ).toEqual(['W3']);
  });
});
