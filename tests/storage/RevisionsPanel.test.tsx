import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { type StorageConnection, RevisionsPanel } from '../../src/storage';
import { useDraft } from '../../src/storage/draft';
import { freshConnection, laodian } from './helpers';

let conn: StorageConnection;
afterEach(() => {
  cleanup();
  conn?.close();
});

function History({ id }: { id: string }) {
  const draft = useDraft(id, { conn, journal: null, tabs: { locks: null, channel: null } });
  if (!draft.report) return <p>正在打开…</p>;
  return (
    <>
      <output aria-label="新收自然人">{draft.report.cells['requests.newReceived.natural']}</output>
      <RevisionsPanel reportId={id} current={draft.report} onRestore={draft.restoreRevision} conn={conn} />
    </>
  );
}

describe('历史版本', () => {
  it('the clerk sees what a revision would change, restores it, and can restore back', async () => {
    conn = freshConnection();
    const repo = (await conn.ready)!;
    const id = await repo.create();
    const older = laodian();
    await repo.save(id, older);
    await repo.addRevision(id, 'paste', older);
    await repo.save(id, { ...older, cells: { ...older.cells, 'requests.newReceived.natural': 40 } });

    const user = userEvent.setup();
    render(<History id={id} />);
    const list = await screen.findByRole('table');
    expect(within(list).getByRole('cell', { name: '粘贴之前' })).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: /^查看改动/ }));

    const diff = await screen.findByRole('table', { name: '恢复这个版本会改动 1 处' });
    const row = within(diff).getByRole('row', { name: /一、本年新收政府信息公开申请数量·自然人/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['40', String(older.cells['requests.newReceived.natural'])]);

    await user.click(within(list).getByRole('button', { name: /^恢复此版本/ }));
    expect(await screen.findByText(/恢复前的内容已另存为一个版本，可以再恢复回来。/)).toBeInTheDocument();
    expect(screen.getByRole('status', { name: '新收自然人' })).toHaveTextContent(
      String(older.cells['requests.newReceived.natural']),
    );

    // Undo the restore: the newest revision is the state it replaced.
    const again = await screen.findByRole('cell', { name: '恢复版本之前' });
    await user.click(within(again.closest('tr')!).getByRole('button', { name: /^恢复此版本/ }));
    await screen.findByText('40');
    expect((await repo.open(id))?.report.cells['requests.newReceived.natural']).toBe(40);
  });
});
