import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Report, emptyReport } from '../../src/report';
import {
  type StorageConnection,
  FreedNotice,
  ReadOnlyBanner,
  SaveStatusLine,
  localStorageJournal,
} from '../../src/storage';
import { type Draft, type DraftOptions, useDraft } from '../../src/storage/draft';
import { FakeHub, FakeLocks } from './fakeTabs';
import { freshConnection, laodian, quotaError } from './helpers';

let conn: StorageConnection;
afterEach(() => {
  cleanup();
  conn?.close();
  localStorage.clear();
});

let latest: Draft | null = null;
let editorRenders = 0;

/** The smallest editor: one text field (五) and the storage UI, as the App will wire them. */
function Editor({ id, options }: { id: string; options: DraftOptions }) {
  const draft = useDraft(id, options);
  latest = draft;
  editorRenders++;
  if (draft.phase !== 'ready' || !draft.report) return <p>{draft.phase === 'missing' ? '报告不存在' : '正在打开…'}</p>;
  const report = draft.report;
  return (
    <>
      <ReadOnlyBanner role={draft.role} onTakeOver={() => void draft.takeOver()} />
      <FreedNotice role={draft.role} />
      <SaveStatusLine status={draft.save} readOnly={draft.readOnly} onDownloadJson={() => undefined} />
      <label>
        五、存在的主要问题及改进情况
        <textarea
          key={draft.externalVersion}
          defaultValue={report.problems}
          readOnly={draft.readOnly}
          onChange={(e) => draft.onChange({ ...report, problems: e.target.value })}
        />
      </label>
    </>
  );
}

async function stored(report: Report): Promise<string> {
  conn = freshConnection();
  const repo = (await conn.ready)!;
  const id = await repo.create();
  await repo.save(id, report);
  return id;
}

const noTabs: DraftOptions['tabs'] = { locks: null, channel: null };

describe('opening a stored draft', () => {
  it('shows what was stored and writes nothing until the clerk types', async () => {
    const id = await stored(laodian());
    const before = (await conn.repository!.open(id))!.updatedAt;
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs }} />);
    const box = await screen.findByRole('textbox', { name: '五、存在的主要问题及改进情况' });
    expect(box).toHaveValue(laodian().problems);
    expect(screen.getByRole('status')).toHaveTextContent('已打开，尚未修改');
    await act(() => latest!.flush());
    expect((await conn.repository!.open(id))!.updatedAt).toBe(before);
  });

  it('saves what is typed and says when', async () => {
    const id = await stored(emptyReport('老店镇', 2024));
    const user = userEvent.setup();
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs }} />);
    await user.type(await screen.findByRole('textbox'), '问题');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^已保存 \d\d:\d\d$/));
    expect((await conn.repository!.open(id))?.report.problems).toBe('问题');
  });

  it('recovers keystrokes journalled after the last save (the tab was closed before the write)', async () => {
    const id = await stored(emptyReport('老店镇', 2024));
    const journal = localStorageJournal();
    const edit = (await conn.repository!.open(id))!.edit;
    journal.write(id, { ...emptyReport('老店镇', 2024), problems: '关页前最后几个字' }, Date.now(), edit + 1);
    render(<Editor id={id} options={{ conn, journal, tabs: noTabs }} />);
    expect(await screen.findByRole('textbox')).toHaveValue('关页前最后几个字');
    expect(latest!.recovered).toBe('open');
    await act(() => latest!.flush());
    expect((await conn.repository!.open(id))?.report.problems).toBe('关页前最后几个字');
    // The copy stays, now matching what is stored (a second copy should IndexedDB be deleted).
    expect(journal.read(id)).toMatchObject({ edit: edit + 1 });
  });

  it('an unknown id says the report does not exist', async () => {
    conn = freshConnection();
    await conn.ready;
    render(<Editor id="nope" options={{ conn, journal: null, tabs: noTabs }} />);
    expect(await screen.findByText('报告不存在')).toBeInTheDocument();
  });
});

describe('a failed write', () => {
  it('shows 保存失败 with the reason and 下载 JSON; typing goes on and the stored version is intact', async () => {
    const id = await stored(laodian());
    const user = userEvent.setup();
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs }} />);
    const box = await screen.findByRole('textbox');
    vi.spyOn(conn.db!.reports, 'put').mockRejectedValue(quotaError());
    await user.type(box, '新');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^保存失败：磁盘空间不足/));
    expect(screen.getByRole('button', { name: '下载 JSON' })).toBeInTheDocument();
    await user.type(box, '字');
    expect(box).toHaveValue(`${laodian().problems}新字`);
    expect(latest!.report?.problems).toBe(`${laodian().problems}新字`);
    vi.restoreAllMocks();
    expect((await conn.repository!.open(id))?.report).toEqual(laodian());
  });
});

describe('revisions from the editor', () => {
  it('restoring a revision replaces the text, and the replaced text is kept so the restore can be undone', async () => {
    const id = await stored(emptyReport('老店镇', 2024));
    const revId = await conn.repository!.addRevision(id, 'auto', {
      ...emptyReport('老店镇', 2024),
      problems: '旧版本',
    });
    const user = userEvent.setup();
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs }} />);
    await user.type(await screen.findByRole('textbox'), '新写的');
    await act(() => latest!.restoreRevision(revId));
    expect(screen.getByRole('textbox')).toHaveValue('旧版本');
    const revs = await conn.repository!.listRevisions(id);
    expect(revs[0]!.reason).toBe('restore');
    expect((await conn.repository!.getRevision(revs[0]!.id))?.report.problems).toBe('新写的');
  });
});

describe('an editor that owns the report (the wizard)', () => {
  it('with followEdits: false, typing is saved without re-rendering the page on every keystroke', async () => {
    const id = await stored(emptyReport('老店镇', 2024));
    const user = userEvent.setup();
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs, followEdits: false }} />);
    const box = await screen.findByRole('textbox');
    const before = editorRenders;
    await user.type(box, '一二三四五六');
    // 保存中 once for the burst; not one render per keystroke.
    expect(editorRenders - before).toBeLessThanOrEqual(1);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^已保存 \d\d:\d\d$/));
    expect((await conn.repository!.open(id))?.report.problems).toBe('一二三四五六');
  });

  it("with followEdits: false, attaching last year's report rebuilds the editor from the latest edits", async () => {
    const id = await stored(emptyReport('老店镇', 2024));
    const user = userEvent.setup();
    render(<Editor id={id} options={{ conn, journal: null, tabs: noTabs, followEdits: false }} />);
    await user.type(await screen.findByRole('textbox'), '新写的');
    const version = latest!.externalVersion;
    await act(() => latest!.setPrevious(laodian()));
    expect(latest!.externalVersion).toBe(version + 1);
    expect(latest!.report?.problems).toBe('新写的');
    expect(screen.getByRole('textbox')).toHaveValue('新写的');
  });
});

describe('a page read-only because another page has the report', () => {
  it('becomes editable without a click when that page closes, says so, and saves what is typed', async () => {
    const id = await stored(emptyReport('老店镇', 2024));
    const locks = new FakeLocks();
    const hub = new FakeHub();
    const tabs = (tabId: string): DraftOptions['tabs'] => ({ locks, channel: hub.open(), tabId });
    const pageA = render(<Editor id={id} options={{ conn, journal: null, tabs: tabs('A') }} />);
    await waitFor(() => expect(latest?.role.role).toBe('writer'));
    const b = document.createElement('div');
    document.body.append(b);
    const pageB = render(<Editor id={id} options={{ conn, journal: null, tabs: tabs('B') }} />, { container: b });
    expect(await pageB.findByText('接管编辑')).toBeTruthy();
    expect(pageB.queryByText('另一个页面已关闭，本页现在可以编辑。')).toBeNull();
    pageA.unmount();
    expect(await pageB.findByText('另一个页面已关闭，本页现在可以编辑。')).toBeTruthy();
    expect(pageB.queryByText('接管编辑')).toBeNull();
    const field = pageB.getByRole('textbox') as HTMLTextAreaElement;
    expect(field.readOnly).toBe(false);
    await userEvent.type(field, '乙写的');
    await act(() => latest!.flush());
    expect((await conn.repository!.open(id))!.report.problems).toBe('乙写的');
  });
});

describe('FreedNotice', () => {
  afterEach(() => vi.useRealTimers());

  it('closes itself after a few seconds, or on ×', async () => {
    vi.useFakeTimers();
    const freed = { role: 'writer', freed: true } as const;
    render(<FreedNotice role={freed} />);
    expect(screen.getByRole('status').textContent).toContain('本页现在可以编辑');
    act(() => vi.advanceTimersByTime(7000));
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => vi.advanceTimersByTime(1500));
    expect(screen.queryByRole('status')).toBeNull();
    vi.useRealTimers();
    cleanup();
    const { rerender } = render(<FreedNotice role={freed} />);
    await userEvent.click(screen.getByRole('button', { name: '关闭提示' }));
    expect(screen.queryByRole('status')).toBeNull();
    // A writer that did not get the report this way is told nothing.
    rerender(<FreedNotice role={{ role: 'writer' }} />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
