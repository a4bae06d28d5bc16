// Label matching tolerant of how published copies differ from the official template:
// half- and full-width brackets and digits, spaces inside labels (「社会公益 组织」),
// straight or curly quotes, 「1、」 for 「1.」.

const CN_DIGITS = '一二三四五六七八九十';

/** A label reduced to what identifies it. */
export function normLabel(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\ufeff]+/g, '')
    .replace(/["'“”‘’「」『』]/g, '')
    .replace(/^(\d+)[、.,]/, '$1.')
    .replace(new RegExp(`^\\(([${CN_DIGITS}]+)\\)[、.,]?`), '($1)')
    .replace(new RegExp(`^([${CN_DIGITS}]+)[.,]`), '$1、');
}

/** Without a trailing parenthetical note: 「(二)部分公开(区分处理的…)」 → 「(二)部分公开」. */
export const withoutNote = (norm: string): string => norm.replace(/\([^()]*\)$/, '');

/** Without the leading item marker: 「3.其他」 → 「其他」, 「(六)其他处理」 → 「其他处理」. */
export const withoutMarker = (norm: string): string =>
  norm.replace(new RegExp(`^(\\d+\\.|\\([${CN_DIGITS}\\d]+\\)|[${CN_DIGITS}]+、)`), '');

/** A cell that names something (has Chinese text) rather than holding a value; 「无」 is a value. */
export function isLabelCell(cell: string): boolean {
  return /[\u3400-\u9fff]/.test(cell) && cell !== '无';
}

const CN_YEAR_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  Ｏ: '0',
  O: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** 「2023」, 「２０２３」 or 「二〇二三」 → 2023. */
export function readYear(s: string): number | null {
  const t = s.normalize('NFKC');
  if (/^\d{4}$/.test(t)) return Number(t);
  const digits = [...t].map((ch) => CN_YEAR_DIGITS[ch]);
  return digits.length === 4 && digits.every((d) => d !== undefined) ? Number(digits.join('')) : null;
}
