// The findings that point at one text field (W3/W4/W5, E3), shown under the field.
// The sentence is not quoted again: the message names it and the text is right above.
// A blank (E3), or W5 over 六's untouched starting text, shows only once the clerk has left the
// step: before that it is progress.
import { explanationFor } from '../report';
import { isPending } from './progress';
import { useCellFindings, useReportText, useRevealed } from './storeContext';

export function FieldFindings({ path, id }: { path: string; id?: string }) {
  const findings = useCellFindings(path);
  if (!findings.length) return null;
  return <FieldFindingList path={path} id={id} />;
}

// Split so that only fields with findings subscribe to the texts (for explanations).
function FieldFindingList({ path, id }: { path: string; id?: string | undefined }) {
  const revealed = useRevealed();
  const texts = useReportText();
  const findings = useCellFindings(path).filter((f) => !isPending(f, revealed, texts));
  const { explanations } = texts;
  if (!findings.length) return null;
  return (
    <ul className="field-findings" id={id}>
      {findings.map((f, i) => {
        const explained = explanationFor(f, explanations);
        return (
          <li key={`${f.rule}-${i}`} className={`field-finding is-${explained ? 'explained' : f.severity}`}>
            <span className="field-finding-kind">
              {f.severity === 'error' ? '错误' : explained ? '已说明' : '警告'}
            </span>
            {f.message}
            {explained ? <span className="finding-quote">上报说明：{explained.reason}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
