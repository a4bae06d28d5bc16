// W5: section 六 silent on 信息处理费. Every report states whether it collected the fee
// (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号): collected, an amount, or none.
// Nothing more: real reports that state their fees rarely name the fee notices, and a
// warning that fires on them is noise (issue 12).
import type { Report } from '../model';
import type { Finding } from '../rules';
import { title } from './sentences';

const FEE = /信息处理费|(?<!行政事业性)收费|收取[^，。；\n]{0,8}?费|免费|不收费/;
const FEE_HEADING_ONLY =
  /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])?\s*(?:收取)?信息处理费(?:收取)?(?:情况)?\s*[:：]?\s*$/;
const NUMBERED = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])/;

/** Whether 六 says anything about 信息处理费 beyond the bare item heading the starting text offers. */
function feeStated(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.some((line, i) => {
    if (!FEE.test(line)) return false;
    if (!FEE_HEADING_ONLY.test(line)) return true;
    const next = lines[i + 1];
    return next !== undefined && !NUMBERED.test(next);
  });
}

export function w5(report: Pick<Report, 'otherMatters'>): Finding[] {
  if (feeStated(report.otherMatters)) return [];
  return [
    {
      rule: 'W5',
      severity: 'warning',
      cells: ['otherMatters'],
      section: 'otherMatters',
      message: `${title('otherMatters')}没有说明本年是否收取信息处理费：按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），应写明收取情况，如「本年度未收取信息处理费」，或收取的金额（元）`,
    },
  ];
}
