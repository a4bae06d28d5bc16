// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { reportTitle } from '../../src/report';
import { agencyWords, emWidth, titleLines } from '../../src/report/title';

const LONG = '新疆维吾尔自治区巴音郭楞蒙古自治州和静县人力资源和社会保障局';

describe('the title as lines', () => {
  it('keeps a short title on one line', () => {
    expect(titleLines('老店镇', 2023)).toEqual(['老店镇2023年政府信息公开工作年度报告']);
  });

  it('breaks before 「政府信息公开工作年度报告」 or after the name, never inside a word, lines balanced', () => {
    expect(titleLines('老店镇人民政府', 2023)).toEqual(['老店镇人民政府2023年', '政府信息公开工作年度报告']);
    expect(titleLines('淮安市人民政府', 2024)).toEqual(['淮安市人民政府2024年', '政府信息公开工作年度报告']);
    expect(titleLines('平潭综合实验区管理委员会', 2024)).toEqual([
      '平潭综合实验区管理委员会',
      '2024年政府信息公开工作年度报告',
    ]);
  });

  it('breaks a 30-character name only between its places, in three even lines', () => {
    expect(LONG).toHaveLength(30);
    expect(agencyWords(LONG)).toEqual(['新疆维吾尔自治区', '巴音郭楞蒙古自治州', '和静县', '人力资源和社会保障局']);
    const lines = titleLines(LONG, 2024);
    expect(lines).toEqual([
      '新疆维吾尔自治区巴音郭楞蒙古自治州',
      '和静县人力资源和社会保障局',
      '2024年政府信息公开工作年度报告',
    ]);
    expect(lines.join('')).toBe(reportTitle(LONG, 2024));
    for (const l of lines) expect(emWidth(l)).toBeLessThanOrEqual(20);
  });

  it('never breaks inside 市场, 区委 and the like', () => {
    expect(agencyWords('淮安市清江浦区市场监督管理局')).toEqual(['淮安市', '清江浦区', '市场监督管理局']);
    expect(agencyWords('某某县委办公室')).toEqual(['某某县委办公室']);
  });

  it('cuts a name with no break point only when it is longer than a line', () => {
    const odd = '甲'.repeat(26);
    const lines = titleLines(odd, 2024);
    expect(lines.join('')).toBe(reportTitle(odd, 2024));
    for (const l of lines) expect(emWidth(l)).toBeLessThanOrEqual(20);
  });
});
