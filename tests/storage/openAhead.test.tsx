// A report opened on the click on 打开, before its page is shown (issue 12): the page's useDraft
// takes it and shows the report from its first render; one never taken is closed.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Report, emptyReport } from '../../src/report';
import type { StorageConnection } from '../../src/storage';
import { type DraftOptions, openAhead, useDraft } from '../../src/storage/draft';
import { FakeLocks } from './fakeTabs';
import { freshConnection, laodian } from './helpers';

let conn: StorageConnection;
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  conn?.close();
});

/** The phase of each render of the page, in order. */
let phases: string[] = [];

function Page({ id, options }: { id: string; options: DraftOptions }) {
  const draft = useDraft(id, options);
  phases.push(draft.phase);
  if (draft.phase === 'missing') return <p>报告不存在</p>;
  if (draft.phase !== 'ready' || !draft.report) return <p>正在打开…</p>;
  const report = draft.report;
  return (
    <label>
      五、存在的主要问题及改进情况
      <textarea
        defaultValue={report.problems}
        readOnly={draft.readOnly}
        onChange={(e) => draft.onChange({ ...report, problems: e.target.value })}
      />
    </label>
  );
}

async function stored(...reports: Report[]): Promise<string[]> {
  conn = freshConnection();
  const repo = (await conn.ready)!;
  const ids: string[] = [];
  for (const r of reports) {
    const id = await repo.create();
    await repo.save(id, r);
    ids.push(id);
  }
  return ids;
}

/** Whether this tab (or another) holds the report's tab lock: asked as a second tab would. */
async function lockHeld(locks: FakeLocks, id: string): Promise<boolean> {
  let held = false;
  await locks.request(`nianbao-report-${id}`, { ifAvailable: true }, (lock) => {
    held = lock === null;
  });
  return held;
}

describe('openAhead', () => {
  it('the page shows the report from its first render, writable, and saves what is typed', async () => {
    const [id] = await stored(laodian());
    const locks = new FakeLocks();
    const options: DraftOptions = { conn, journal: null, tabs: { locks, channel: null } };
    phases = [];
    await openAhead(id!, options);
    render(<Page id={id!} options={options} />);
    expect(phases[0]).toBe('ready');
    expect(phases).not.toContain('loading');
    const box = screen.getByRole('textbox', { name: '五、存在的主要问题及改进情况' });
    expect(box).toHaveValue(laodian().problems);
    expect(box).not.toHaveAttribute('readonly');
    await userEvent.setup().type(box, '补');
    await waitFor(async () =>
      expect((await conn.repository!.open(id!))?.report.problems).toBe(`${laodian().problems}补`),
    );
  });

  it('asked twice for the same report, it opens it once', async () => {
    const [id] = await stored(laodian());
    const options: DraftOptions = { conn, journal: null, tabs: { locks: new FakeLocks(), channel: null } };
    const first = openAhead(id!, options);
    expect(openAhead(id!, options)).toBe(first);
    await first;
    phases = [];
    render(<Page id={id!} options={options} />);
    expect(phases[0]).toBe('ready');
  });

  it('opens the report as it is at the click: edited, or deleted for good, after the list was read', async () => {
    const [edited, deleted] = await stored(laodian(), emptyReport('城关镇', 2024));
    const repo = conn.repository!;
    // The list was read (the home screen); then another tab saves one report and deletes the other for good.
    expect((await repo.list()).map((r) => r.id).sort()).toEqual([edited, deleted].sort());
    await repo.save(edited!, { ...laodian(), problems: '另一个标签页改过的内容' });
    await repo.remove(deleted!);
    await repo.emptyTrash();

    const options: DraftOptions = { conn, journal: null, tabs: { locks: new FakeLocks(), channel: null } };
    await openAhead(edited!, options);
    render(<Page id={edited!} options={options} />);
    expect(screen.getByRole('textbox')).toHaveValue('另一个标签页改过的内容');
    cleanup();

    phases = [];
    await openAhead(deleted!, options);
    render(<Page id={deleted!} options={options} />);
    expect(phases[0]).toBe('missing');
    expect(screen.getByText('报告不存在')).toBeInTheDocument();
  });

  it('one left for another report is closed: its tab lock is free again', async () => {
    const [a, b] = await stored(laodian(), emptyReport('城关镇', 2024));
    const locks = new FakeLocks();
    const options: DraftOptions = { conn, journal: null, tabs: { locks, channel: null } };
    await openAhead(a!, options);
    expect(await lockHeld(locks, a!)).toBe(true);
    await openAhead(b!, options);
    expect(await lockHeld(locks, a!)).toBe(false);
    expect(await lockHeld(locks, b!)).toBe(true);
    // The page of b takes it; leaving the page lets it go.
    const { unmount } = render(<Page id={b!} options={options} />);
    unmount();
    await waitFor(async () => expect(await lockHeld(locks, b!)).toBe(false));
  });

  it('one whose page never comes is closed after a while', async () => {
    const [id] = await stored(laodian());
    const locks = new FakeLocks();
    const options: DraftOptions = { conn, journal: null, tabs: { locks, channel: null } };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    await openAhead(id!, options);
    expect(await lockHeld(locks, id!)).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(await lockHeld(locks, id!)).toBe(false);
    // The page arriving later opens the report itself.
    phases = [];
    render(<Page id={id!} options={options} />);
    expect(phases[0]).toBe('loading');
    expect(await screen.findByRole('textbox')).toHaveValue(laodian().problems);
  });
});
