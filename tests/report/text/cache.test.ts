// @vitest-environment node
// Issue 13: the text rules keep no state of their own; a caller that checks on every keystroke
// passes its own cache, and the text is re-read only when it changed.
import { describe, expect, it } from 'vitest';
import { allValues, checkReport, createTextRuleCache, emptyReport, withCells } from '../../../src/report';

describe('the text rules’ cache, owned by the caller', () => {
  it('re-reads the text only when it changed, and gives the same findings as without a cache', () => {
    const r = emptyReport('某镇人民政府', 2023);
    r.overview[1]!.body = '本年度收到政府信息公开申请 3 件。';
    const cache = createTextRuleCache();
    checkReport(r, { textCache: cache });
    const claims = cache.claims;
    expect(claims?.figures).toHaveLength(1);

    // A table keystroke: same text, new values — the claims are not read again.
    const typed = { ...r, cells: withCells(r.cells, { 'requests.newReceived.natural': 5 }) };
    const withCache = checkReport(typed, { textCache: cache, values: allValues(typed.cells) });
    expect(cache.claims).toBe(claims);
    expect(withCache).toEqual(checkReport(typed));
    expect(withCache.some((f) => f.rule === 'W4')).toBe(true);

    // New text: read again.
    const edited = { ...typed, overview: [r.overview[0]!, { ...r.overview[1]!, body: '收到申请5件。' }] };
    checkReport(edited, { textCache: cache });
    expect(cache.claims).not.toBe(claims);
  });

  it('two reports checked one after the other do not share anything without a cache', () => {
    const a = emptyReport('甲镇', 2023);
    a.problems = '2019年存在的问题已整改。';
    const b = emptyReport('乙镇', 2019);
    b.problems = a.problems;
    expect(checkReport(a).some((f) => f.rule === 'W3')).toBe(true);
    expect(checkReport(b).some((f) => f.rule === 'W3')).toBe(false);
  });
});
