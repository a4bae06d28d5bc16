import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HomeScreen } from '../../src/home/HomeScreen';
import { type PersistenceState, type StorageConnection, StorageConnection as Conn } from '../../src/storage';
import { MSG_NO_INDEXEDDB } from '../../src/storage/connection';
import { freshConnection, laodian } from '../storage/helpers';

const granted = async (): Promise<PersistenceState> => ({ state: 'granted' });
let conn: StorageConnection;
afterEach(() => {
  cleanup();
  conn?.close();
});

async function home(setup?: (c: StorageConnection) => Promise<void>, askPersistence = granted) {
  conn = freshConnection();
  await conn.ready;
  await setup?.(conn);
  const onOpen = vi.fn();
  const user = userEvent.setup();
  render(<HomeScreen onOpen={onOpen} conn={conn} askPersistence={askPersistence} />);
  return { onOpen, user };
}

const table = () => screen.findByRole('table', { name: /本机保存的报告/ });
const rowOf = async (name: string | RegExp) => {
  const t = await table();
  return within(t).findByRole('row', { name });
};

const seedFile = () =>
  new File([readFileSync(resolve(__dirname, '../fixtures/laodian-2023.json'), 'utf8')], '老店镇2023.json', {
    type: 'application/json',
  });

describe('the first screen', () => {
  it('opens a JSON file as a new report, says what it was, and opens it only when asked', async () => {
    const { onOpen, user } = await home();
    await user.click(screen.getByRole('button', { name: '打开 JSON 文件' }));
    fireEvent.change(screen.getByLabelText('选择要打开的 JSON 文件'), { target: { files: [seedFile()] } });
    const status = await screen.findByText(/^已导入「老店镇 2023年」/);
    expect(status).toHaveTextContent(
      '已导入「老店镇 2023年」（文件「老店镇2023.json」，导出时为定稿），已加入下面的报告列表。',
    );
    expect(onOpen).not.toHaveBeenCalled();
    expect(await conn.repository!.list()).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: '打开这份报告' }));
    const id = (await conn.repository!.list())[0]!.id;
    expect(onOpen).toHaveBeenCalledWith(id);
  });

  it('says so when the same agency and year are already here (a file opened twice)', async () => {
    await home();
    const open = async () => {
      fireEvent.change(screen.getByLabelText('选择要打开的 JSON 文件'), { target: { files: [seedFile()] } });
      await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^已导入/));
    };
    await open();
    expect(screen.getByRole('status')).not.toHaveTextContent('本机原已有');
    await waitFor(async () => expect(await rowOf(/老店镇/)).toBeInTheDocument());
    await open();
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        '本机原已有 1 份「老店镇 2023年」，现在共 2 份（最上面一份是刚导入的），多余的可以删除。',
      ),
    );
  });

  it('takes a file dropped anywhere on the page, and refuses a bad one naming what is wrong', async () => {
    await home();
    const drop = (files: File[]) => {
      const e = new Event('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(e, 'dataTransfer', { value: { types: ['Files'], files } });
      window.dispatchEvent(e);
      return e;
    };
    const bad = new File(['{"format": "gov-info'], '坏文件.json', { type: 'application/json' });
    expect(drop([bad]).defaultPrevented).toBe(true);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('「坏文件.json」没有打开，已保存的报告没有任何改动');
    expect(await conn.repository!.list()).toHaveLength(0);

    drop([seedFile()]);
    expect(await screen.findByText(/^已导入「老店镇 2023年」/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a new report without an agency, so no nameless report joins the list', async () => {
    const { onOpen, user } = await home();
    await user.click(screen.getByRole('button', { name: '新建报告' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('请先填写机关名称');
    expect(screen.getByLabelText('机关名称')).toHaveFocus();
    expect(screen.getByLabelText('机关名称')).toHaveAttribute('aria-invalid', 'true');
    expect(onOpen).not.toHaveBeenCalled();
    expect(await conn.repository!.list()).toHaveLength(0);
    await user.type(screen.getByLabelText('机关名称'), '老店镇人民政府');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the clerk’s list of reports', () => {
  it('starts a new report: agency and year typed, 新建报告 opens it, and the list shows it', async () => {
    const { onOpen, user } = await home();
    expect(await screen.findByText(/本机还没有保存的报告/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('机关名称'), '老店镇人民政府');
    const year = screen.getByLabelText('年度');
    await user.clear(year);
    await user.type(year, '２０２４');
    await user.click(screen.getByRole('button', { name: '新建报告' }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    const id = onOpen.mock.calls[0]![0] as string;
    expect((await conn.repository!.open(id))?.report).toMatchObject({ agency: '老店镇人民政府', year: 2024 });

    const row = await rowOf(/老店镇人民政府/);
    const headers = within(await table())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['机关', '年度', '状态', '最后保存', '错误数', '操作']);
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells[0]).toBe('2024');
    expect(cells[1]).toBe('草稿');
    expect(cells[2]).toMatch(/^\d\d:\d\d$/);
    // Blanks are 未填, as the opened report shows them, not errors.
    expect(cells[3]).toMatch(/^0（未填 \d{3}）$/);
  });

  it('shows a finished report as 可定稿 with no errors, and opens it', async () => {
    const { onOpen, user } = await home(async (c) => {
      const id = await c.repository!.create();
      await c.repository!.save(id, laodian());
    });
    const row = await rowOf(/老店镇/);
    expect(within(row).getByText('可定稿')).toBeInTheDocument();
    expect(within(row).getAllByRole('cell')[3]).toHaveTextContent('0');
    await user.click(within(row).getByRole('button', { name: '打开 老店镇 2023年' }));
    expect(onOpen).toHaveBeenCalledWith(expect.any(String));
  });

  it('keeps its counts right after an edit elsewhere: the list follows the saved counts', async () => {
    let id = '';
    await home(async (c) => {
      id = await c.repository!.create('老店镇', 2023);
    });
    const row = await rowOf(/老店镇/);
    expect(within(row).getAllByRole('cell')[3]!.textContent).toMatch(/未填 \d+/);
    // The report filled in and saved (as the wizard's autosave does): the list shows its new counts.
    await conn.repository!.save(id, laodian());
    await waitFor(async () => expect(within(await rowOf(/老店镇/)).getByText('可定稿')).toBeInTheDocument(), {
      timeout: 10_000,
    });
    expect(within(await rowOf(/老店镇/)).getAllByRole('cell')[3]).toHaveTextContent('0');
  });

  it('copies and renames', async () => {
    const { user } = await home(async (c) => {
      const id = await c.repository!.create();
      await c.repository!.save(id, laodian());
    });
    await user.click(await screen.findByRole('button', { name: '复制 老店镇 2023年' }));
    await rowOf(/老店镇（副本）/);
    expect(screen.getByRole('status')).toHaveTextContent('已复制「老店镇 2023年」');

    await user.click(screen.getByRole('button', { name: '重命名 老店镇（副本） 2023年' }));
    const input = screen.getByRole('textbox', { name: '新的机关名称' });
    await user.clear(input);
    // A blank name is refused, as 新建报告 refuses it; nothing is renamed.
    await user.click(screen.getByRole('button', { name: '保存名称' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请填写机关名称');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('（未填机关）')).toBeNull();
    await user.type(input, '老店镇人民政府');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: '保存名称' }));
    await rowOf(/老店镇人民政府/);
    expect(within(await table()).getAllByRole('row')).toHaveLength(3);
  });
});

describe('deleting goes to 回收站', () => {
  it('a deleted report can be brought back at once with 撤销', async () => {
    const { user } = await home(async (c) => {
      await c.repository!.create('甲镇', 2023);
    });
    await user.click(await screen.findByRole('button', { name: '删除 甲镇 2023年' }));
    expect(await screen.findByText(/本机还没有保存的报告/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('已将「甲镇 2023年」移到回收站。');
    await user.click(screen.getByRole('button', { name: '撤销' }));
    await rowOf(/甲镇/);
  });

  it('回收站 lists deleted reports, restores one, and empties only after confirming', async () => {
    const { user } = await home(async (c) => {
      const a = await c.repository!.create('甲镇', 2023);
      const b = await c.repository!.create('乙镇', 2023);
      await c.repository!.remove(a);
      await c.repository!.remove(b);
    });
    await user.click(await screen.findByRole('button', { name: '回收站（2）' }));
    const trash = await screen.findByRole('table', { name: /删除的报告/ });
    await user.click(within(trash).getByRole('button', { name: '恢复 甲镇 2023年' }));
    await waitFor(() => expect(within(trash).queryByText('甲镇')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: '清空回收站' }));
    const confirm = screen.getByRole('alertdialog', { name: /将永久删除回收站中的 1 份报告/ });
    await user.click(within(confirm).getByRole('button', { name: '确定清空' }));
    expect(await screen.findByText('回收站是空的。')).toBeInTheDocument();
    expect((await conn.repository!.listTrash()).length).toBe(0);

    await user.click(screen.getByRole('button', { name: '返回报告列表' }));
    await rowOf(/甲镇/);
  });
});

describe('从上年报告新建', () => {
  it('picks last year’s stored report and opens a new one for the next year with the carried-over figures', async () => {
    const { onOpen, user } = await home(async (c) => {
      const id = await c.repository!.create();
      const prev = laodian();
      prev.cells['requests.carriedForward.natural'] = 2;
      await c.repository!.save(id, prev);
    });
    await table();
    await user.click(screen.getByRole('button', { name: '从上年报告新建' }));
    expect(screen.getByRole('combobox', { name: '上年报告' })).toHaveDisplayValue('老店镇 2023年');
    await user.click(screen.getByRole('button', { name: '新建 2024 年报告' }));
    await waitFor(() => expect(onOpen).toHaveBeenCalled());
    const rec = await conn.repository!.open(onOpen.mock.calls[0]![0] as string);
    expect(rec?.report).toMatchObject({ agency: '老店镇', year: 2024 });
    expect(rec?.report.cells['requests.carriedOver.natural']).toBe(2);
    expect(rec?.previous?.year).toBe(2023);
  });

  it('or reads last year’s exported JSON file, refusing a file that is not a report', async () => {
    const { onOpen, user } = await home();
    await user.click(await screen.findByRole('button', { name: '从上年报告新建' }));
    const input = screen.getByLabelText('或选择上年导出的 JSON 文件');
    // The app's own button opens the picker; the browser's bare file field is not shown.
    expect(input).not.toBeVisible();
    const pick = vi.spyOn(input as HTMLInputElement, 'click').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: '或选择上年导出的 JSON 文件…' }));
    expect(pick).toHaveBeenCalledTimes(1);
    pick.mockRestore();
    await user.upload(input, new File(['{"hello":1}'], 'x.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^读取上年报告文件失败：「x\.json」format（文件格式）：/,
    );
    expect(onOpen).not.toHaveBeenCalled();

    const { readFileSync } = await import('node:fs');
    const json = readFileSync('tests/fixtures/laodian-2023.json', 'utf8');
    await user.upload(input, new File([json], 'laodian-2023.json', { type: 'application/json' }));
    await waitFor(() => expect(onOpen).toHaveBeenCalled());
    const rec = await conn.repository!.open(onOpen.mock.calls[0]![0] as string);
    expect(rec?.report.year).toBe(2024);
    expect(rec?.previous).toEqual(laodian());
  });
});

describe('when storage is not there', () => {
  it('says so and offers to fill in without saving', async () => {
    conn = new Conn({ indexedDB: undefined });
    const onOpen = vi.fn();
    const user = userEvent.setup();
    render(<HomeScreen onOpen={onOpen} conn={conn} askPersistence={granted} />);
    expect(screen.getByRole('alert')).toHaveTextContent(MSG_NO_INDEXEDDB);
    expect(screen.queryByRole('button', { name: '新建报告' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '不保存，直接填写' }));
    expect(onOpen).toHaveBeenCalledWith('memory');
  });

  it('says in one plain sentence when the browser may drop the drafts, and can ask again', async () => {
    let answer: PersistenceState = { state: 'denied', advice: '浏览器没有同意长期保存本站数据' };
    await home(undefined, async () => answer);
    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent(
      '磁盘空间不足或清理浏览器时，草稿可能被删除：请在报告的「导出」步骤定期下载 JSON 文件备份。',
    );
    // No jargon repeated from the browser's answer.
    expect(note).not.toHaveTextContent('长期保存本站数据');
    answer = { state: 'granted' };
    await userEvent.setup().click(within(note).getByRole('button', { name: '再次请求长期保存' }));
    expect(await screen.findByText('草稿会一直保存在本机浏览器中。')).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();
  });
});
