// Who is missing: the expected agencies (pasted, or last year's) against what was received.
import { useMemo, useState } from 'react';
import { missingAgencies, parseAgencyList } from '../report/summary';
import type { OkEntry } from './model';

export interface MissingViewProps {
  expected: string[];
  counted: readonly OkEntry[];
  /** The collection's year: a report of another year does not count as sent. */
  year: number | null;
  /** Last year's collection's list, when there is one. */
  lastYear: string[] | null;
  onSave: (expected: string[]) => void;
}

export function MissingView({ expected, counted, year, lastYear, onSave }: MissingViewProps) {
  const [text, setText] = useState(expected.join('\n'));
  const m = useMemo(
    () =>
      missingAgencies(
        expected,
        counted.map((e) => e.row),
        year,
      ),
    [expected, counted, year],
  );
  const lists: [string, string[], string][] = [
    ['未报送', m.notSent, 'co-missing-none'],
    ['只报送了草稿', m.draftOnly, 'co-missing-draft'],
    ['报告有错误', m.withErrors, 'co-missing-errors'],
  ];
  if (m.otherYearOnly.length)
    lists.push([`只报送了其他年度的报告（不是 ${year} 年度）`, m.otherYearOnly, 'co-missing-other-year']);
  return (
    <section className="co-missing" aria-labelledby="co-missing-title">
      <h2 id="co-missing-title">应报送的单位</h2>
      <label className="co-expected">
        应报送的单位名单：每行一个单位名称（也可用逗号、顿号分隔），从 Excel 或通知中复制粘贴即可
        <textarea rows={8} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="co-actions">
        <button type="button" className="co-btn" onClick={() => onSave(parseAgencyList(text))}>
          保存名单并核对
        </button>
        {lastYear?.length ? (
          <button
            type="button"
            className="co-btn"
            onClick={() => {
              setText(lastYear.join('\n'));
              onSave(lastYear);
            }}
          >
            使用上年汇总的单位名单（{lastYear.length} 个）
          </button>
        ) : null}
      </div>
      {expected.length ? (
        <div className="co-missing-lists">
          <p role="status">
            应报送 {expected.length} 个单位：未报送 {m.notSent.length}，只报送草稿 {m.draftOnly.length}，报告有错误{' '}
            {m.withErrors.length}
            {m.otherYearOnly.length ? `，只报送了其他年度的报告 ${m.otherYearOnly.length}` : ''}。
          </p>
          {lists.map(([title, names, id]) => (
            <section key={id} aria-labelledby={id}>
              <h3 id={id}>
                {title}（{names.length}）
              </h3>
              {names.length ? (
                <ul>
                  {names.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : (
                <p className="co-muted">无</p>
              )}
            </section>
          ))}
        </div>
      ) : null}
    </section>
  );
}
