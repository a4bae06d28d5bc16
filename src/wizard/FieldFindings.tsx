// The findings that point at one text field (W3/W4/W5, E3), shown under the field.
import { explanationFor } from '../report';
import { useCellFindings, useReportText } from './storeContext';

export function FieldFindings({ path, id }: { path: string; id?: string }) {
  const findings = useCellFindings(path);
  if (!findings.length) return null;
  return <FieldFindingList path={path} id={id} />;
}

// Split so that only fields with findings subscribe to the texts (for explanations).
function FieldFindingList({ path, id }: { path: string; id?: string | undefined }) {
  const findings = useCellFindings(path);
  const { explanations } = useReportText();
  return (
    <ul className="field-findings" id={id}>
      {findings.map((f, i) => {
        const explained = explanationFor(f, explanations);
        return (
          <li key={`${f.rule}-${i}`} className={`field-finding is-${explained ? 'explained' : f.severity}`}>
            <span className="field-finding-kind">
              {f.severity === 'error' ? '错误' : explained ? '已说明' : '提醒'}
            </span>
            {f.message}
            {f.quote ? <q className="finding-quote">{f.quote}</q> : null}
            {explained ? <span className="finding-quote">上报说明：{explained.reason}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
