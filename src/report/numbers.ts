// What a clerk types or pastes into a cell, normalised (rule E2).
// Counts are whole numbers ≥ 0; 万元 amounts are held as integer fen so sums never drift.
import type { CellUnit } from './format';

/** 1 万元 = 10 000 元 = 1 000 000 分. */
const FEN_PER_WAN = 1_000_000;
const WAN_DECIMALS = 6;

export type ParseResult = { ok: true; value: number | null } | { ok: false; message: string };

const FULLWIDTH_DIGIT = /[０-９]/g;

/**
 * Full-width digits (０-９) to ASCII, one UTF-16 unit for one, so every index survives:
 * the one fold used by cells, the text rules and the forms.
 */
export function foldDigits(text: string): string {
  return text.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** Full-width digits and punctuation to ASCII; spaces (incl. U+3000, NBSP) trimmed. */
function normaliseNumberText(text: string): string {
  return foldDigits(text)
    .replace(/[．。]/g, '.')
    .replace(/－/g, '-')
    .replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '');
}

/** Thousands separators: 1,234 / 1，234 / 1 234 (groups of three only, so "1,23" is refused). */
function stripThousands(s: string): string | null {
  if (!/[,，\s\u00a0]/.test(s)) return s;
  const m = /^(\d{1,3})((?:[,，\s\u00a0]\d{3})+)(\.\d*)?$/.exec(s);
  if (!m) return null;
  return m[1]! + m[2]!.replace(/[,，\s\u00a0]/g, '') + (m[3] ?? '');
}

export function parseCell(text: string, unit: CellUnit): ParseResult {
  const s0 = normaliseNumberText(text);
  if (s0 === '') return { ok: true, value: null };
  if (/^-/.test(s0)) return { ok: false, message: '不能为负数' };
  const s = stripThousands(s0);
  if (s === null) return { ok: false, message: `「${text.trim()}」不是有效的数字（千位分隔符应每三位一组）` };
  if (unit === 'count') {
    if (/^\d+$/.test(s)) {
      const v = Number(s);
      if (!Number.isSafeInteger(v))
        return {
          ok: false,
          message: `数字过大：件数最多 ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}，请核对是否多打了数字`,
        };
      return { ok: true, value: v };
    }
    if (/^\d*\.\d+$|^\d+\.$/.test(s)) return { ok: false, message: `「${text.trim()}」不是整数：件数应填整数` };
    return { ok: false, message: `「${text.trim()}」不是数字：只能填写 0 或正整数` };
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
    return { ok: false, message: `「${text.trim()}」不是数字：请填写以万元为单位的金额，如 0 或 1.25` };
  }
  const frac = m[2] ?? '';
  if (frac.length > WAN_DECIMALS) return { ok: false, message: `金额最多 ${WAN_DECIMALS} 位小数（精确到分）` };
  const fen = Number(m[1] || '0') * FEN_PER_WAN + Number(frac.padEnd(WAN_DECIMALS, '0'));
  if (!Number.isSafeInteger(fen))
    return {
      ok: false,
      message: `数字过大：金额最多约 ${Math.floor(Number.MAX_SAFE_INTEGER / FEN_PER_WAN).toLocaleString('en-US')} 万元，请核对是否多打了数字`,
    };
  return { ok: true, value: fen };
}

/** 1234567 fen → "1.234567"; trailing zeros dropped ("0.5", "0"). */
export function fenToWanText(fen: number): string {
  const whole = Math.floor(fen / FEN_PER_WAN);
  const frac = String(fen % FEN_PER_WAN)
    .padStart(WAN_DECIMALS, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** A JSON number in 万元 → fen, or null when negative or with more than six decimals. */
export function wanNumberToFen(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  const fen = Math.round(n * FEN_PER_WAN);
  // Exact only if the six-decimal text reads back as the same double.
  return Number.isSafeInteger(fen) && Number(fenToWanText(fen)) === n ? fen : null;
}

export function fenToWanNumber(fen: number): number {
  return Number(fenToWanText(fen));
}

/** How a stored value is shown in a cell. */
export function formatCell(value: number | null, unit: CellUnit): string {
  if (value === null) return '';
  return unit === 'fen' ? fenToWanText(value) : String(value);
}
