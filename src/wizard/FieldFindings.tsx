// The findings that point at one text field (W3/W4/W5, E3), shown under the field.
// The sentence is not quoted again: the message names it and the text is right above.
// A blank (E3) shows only once the clerk has left the step: before that it is progress.
import { explanationFor } from '../report';
import { isPending } from './progress';
import { useCellFindings, useReportText, useRevealed } from './storeContext';

export function FieldFindings({ path, id }: { path: string; id?: string }) {
  const findings = useCellFindings(path);
  const revealed = useRevealed();
  if (!findings.some((f) => !isPending(f, revealed))) return null;
  return <FieldFindingList path={path} id={id} />;
}

// Split so that only fields with findings subscribe to the texts (for explanations).
function FieldFindingList({ path, id }: { path: string; id?: string | undefined }) {
  const revealed = useRevealed();
  const findings = useCellFindings(path).filter((f) => !isPending(f, revealed));
  const { explanations } = useReportText();
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
