// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fenToWanText, parseCell, wanNumberToFen } from '../../src/report';

const ok = (text: string, unit: 'count' | 'fen' = 'count') => {
  const r = parseCell(text, unit);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.value;
};
const refused = (text: string, unit: 'count' | 'fen' = 'count') => {
  const r = parseCell(text, unit);
  if (r.ok) throw new Error(`${text} accepted as ${r.value}`);
  return r.message;
};

describe('a clerk types a count', () => {
  it('accepts plain, full-width, spaced and grouped digits', () => {
    expect(ok('12')).toBe(12);
    expect(ok('１２')).toBe(12);
    expect(ok('  7 ')).toBe(7);
    expect(ok('\u3000３\u3000')).toBe(3);
    expect(ok('1,234')).toBe(1234);
    expect(ok('1，234')).toBe(1234);
    expect(ok('１，２３４，５６７')).toBe(1234567);
    expect(ok('0')).toBe(0);
  });
  it('keeps blank as blank, not zero', () => {
    expect(ok('')).toBeNull();
    expect(ok('   ')).toBeNull();
  });
  it('refuses anything else with a Chinese message', () => {
    expect(refused('-1')).toContain('负数');
    expect(refused('1.5')).toContain('整数');
    expect(refused('abc')).toContain('不是数字');
    expect(refused('1,23')).toContain('千位');
    expect(refused('三')).toContain('不是数字');
    expect(refused('12件')).toContain('不是数字');
    expect(refused('99999999999999999999')).toContain('过大');
    // Too large says how large a figure may be.
    expect(refused('99999999999999999999')).toContain('件数最多 9,007,199,254,740,991');
    expect(refused('99999999999999', 'fen')).toContain('金额最多约 9,007,199,254 万元');
  });
});

describe('a clerk types an amount in 万元', () => {
  it('holds it as integer fen', () => {
    expect(ok('0', 'fen')).toBe(0);
    expect(ok('1.25', 'fen')).toBe(1_250_000);
    expect(ok('0.000001', 'fen')).toBe(1);
    expect(ok('１２．５', 'fen')).toBe(12_500_000);
    expect(ok('1,234.5', 'fen')).toBe(1_234_500_000);
    expect(ok('.5', 'fen')).toBe(500_000);
  });
  it('refuses more than six decimals and non-numbers', () => {
    expect(refused('0.0000001', 'fen')).toContain('6 位小数');
    expect(refused('一万', 'fen')).toContain('不是数字');
    expect(refused('.', 'fen')).toContain('不是数字');
  });
  it('sums never drift: 0.1 + 0.2 万元 is exactly 0.3', () => {
    expect(fenToWanText(ok('0.1', 'fen')! + ok('0.2', 'fen')!)).toBe('0.3');
  });
  it('reads JSON numbers exactly', () => {
    expect(wanNumberToFen(0.3)).toBe(300_000);
    expect(wanNumberToFen(12.345678)).toBe(12_345_678);
    expect(wanNumberToFen(1.2345678)).toBeNull();
    expect(wanNumberToFen(-1)).toBeNull();
  });
});
