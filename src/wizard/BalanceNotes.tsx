// Table 三's balance (E1) in plain words right above the table, one line per unbalanced
// column; each line takes the clerk to the cell that most likely needs a figure.
import { focusPath } from './focus';
import { useFindingsSummary } from './storeContext';

export function BalanceNotes() {
  const off = useFindingsSummary().filter((f) => f.rule === 'E1');
  if (!off.length) return null;
  return (
    <section className="balance-notes" aria-label="勾稽关系不平衡">
      <h3 className="balance-notes-title">
        <span className="field-finding-kind">错误</span>每列应满足：一 + 二 = 三(七) + 四
      </h3>
      <ul>
        {off.map((f) => (
          <li key={f.cells[0]}>
            <button
              type="button"
              className="link-button"
              onClick={() => focusPath(f.target ? [f.target, ...f.cells] : f.cells)}
            >
              {f.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
