import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportStep } from '../../src/export/ExportStep';
import { renderPrintableHtml, renderSubmissionNotesHtml } from '../../src/export/printHtml';
import { renderWebFile, renderWebFragment, renderWebText } from '../../src/export/webHtml';
import { emptyReport } from '../../src/report';
import { seed, seedText } from '../helpers/reports';

// Downloads go through a Blob URL and an anchor click: capture both instead of navigating.
let downloads: { name: string; blob: Blob }[] = [];
beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  URL.createObjectURL = vi.fn((b: Blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, b);
    return url;
  }) as typeof URL.createObjectURL;
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const jsonFile = (text: string, name: string) => new File([text], name, { type: 'application/json' });

describe('the 导出 step', () => {
  it('a clerk with a finished report downloads the final JSON for the county system', async () => {
    render(<ExportStep report={seed()} onImported={vi.fn()} />);
    const final = screen.getByRole('button', { name: '导出定稿 JSON' });
    expect(final).toBeEnabled();
    await userEvent.click(final);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toBe('老店镇-2023-政府信息公开工作年度报告.json');
    const doc = JSON.parse(await downloads[0]!.blob.text());
    expect(doc.status).toBe('final');
    expect(doc.generator).toMatch(/^nianbao /);
    expect(new Date(doc.exportedAt).toISOString()).toBe(doc.exportedAt);
    expect(screen.getByRole('status')).toHaveTextContent('已导出定稿：老店镇-2023-政府信息公开工作年度报告.json');
  });

  it('with errors left, the final export is disabled and says why, listing the errors; a draft can still be saved', async () => {
    render(<ExportStep report={emptyReport('某镇人民政府', 2024)} onImported={vi.fn()} />);
    const final = screen.getByRole('button', { name: '导出定稿 JSON' });
    expect(final).toBeDisabled();
    expect(final).toHaveAccessibleDescription(/还有 \d+ 处错误未改正，只能导出草稿/);
    expect(final).toHaveAccessibleDescription(/「一、总体情况」尚未填写/);
    await userEvent.click(screen.getByRole('button', { name: '导出草稿 JSON' }));
    expect(downloads).toHaveLength(1);
    expect(JSON.parse(await downloads[0]!.blob.text()).status).toBe('draft');
  });

  it('a clerk picks last year’s exported file: it becomes a new report', async () => {
    const onImported = vi.fn();
    render(<ExportStep report={emptyReport('某镇人民政府', 2024)} onImported={onImported} />);
    await userEvent.upload(screen.getByLabelText('选择 JSON 文件'), jsonFile(seedText, 'laodian-2023.json'));
    await waitFor(() => expect(onImported).toHaveBeenCalledTimes(1));
    expect(onImported).toHaveBeenCalledWith(seed(), 'final');
    expect(
      screen.getByText(/已导入「laodian-2023.json」（导出时为定稿）：老店镇 2023 年的报告已另存为新报告/),
    ).toBeInTheDocument();
  });

  it('a broken file is refused with each path and problem in Chinese, and nothing is imported', async () => {
    const onImported = vi.fn();
    render(<ExportStep report={seed()} onImported={onImported} />);
    const broken = JSON.parse(seedText);
    broken.requests.carriedOver.lawyers = 1;
    delete broken.requests.carriedOver.legal;
    await userEvent.upload(screen.getByLabelText('选择 JSON 文件'), jsonFile(JSON.stringify(broken), 'edited.json'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('「edited.json」未导入，共 2 处问题，已保存的报告没有任何改动');
    const items = within(alert)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toContain('requests.carriedOver.lawyers（「三、收到和处理政府信息公开申请情况」）：不认识的字段');
    expect(items.some((t) => t!.startsWith('requests.carriedOver.legal（') && t!.endsWith('：缺少此字段'))).toBe(true);
    expect(onImported).not.toHaveBeenCalled();
  });

  it('a file dropped on the zone is read the same way', async () => {
    const onImported = vi.fn();
    render(<ExportStep report={seed()} onImported={onImported} />);
    const zone = screen.getByTestId('import-drop-zone');
    await act(async () => {
      fireEvent.drop(zone, { dataTransfer: { files: [jsonFile(seedText.slice(0, 500), 'cut.json')] } });
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(/文件不是有效的 JSON：在第 \d+ 行第 \d+ 列意外结束/);
    await act(async () => {
      fireEvent.drop(zone, { dataTransfer: { files: [jsonFile(seedText, 'a.json'), jsonFile(seedText, 'b.json')] } });
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('一次只能导入一个文件');
    await act(async () => {
      fireEvent.drop(zone, { dataTransfer: { files: [jsonFile(seedText, 'good.json')] } });
    });
    await waitFor(() => expect(onImported).toHaveBeenCalledTimes(1));
  });
});

describe('the print preview', () => {
  it('is not built on arrival; shown on asking, in a sandbox where no script runs, and prints', async () => {
    const report = seed();
    const { container } = render(<ExportStep report={report} onImported={vi.fn()} />);
    // Arriving at 导出 renders no document: the preview waits until she asks for it.
    expect(container.querySelector('iframe')).toBeNull();
    const toggle = screen.getByRole('button', { name: '显示打印预览' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(screen.getByRole('button', { name: '收起打印预览' })).toHaveAttribute('aria-expanded', 'true');
    const frame = screen.getByTitle('打印预览') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')!.split(/\s+/)).not.toContain('allow-scripts');
    expect(frame.getAttribute('srcdoc')).toBe(renderPrintableHtml(report));
    const print = vi.spyOn(frame.contentWindow!, 'print').mockImplementation(() => {});
    await userEvent.click(screen.getByRole('button', { name: '打印 / 另存为 PDF' }));
    expect(print).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: '收起打印预览' }));
    expect(container.querySelector('iframe')).toBeNull();
  });

  it('打印 / 另存为 PDF without the preview open builds it, then prints once it has loaded', async () => {
    const report = seed();
    render(<ExportStep report={report} onImported={vi.fn()} />);
    // fireEvent, not userEvent: the spy must be in place before the new frame's own load.
    fireEvent.click(screen.getByRole('button', { name: '打印 / 另存为 PDF' }));
    const frame = screen.getByTitle('打印预览') as HTMLIFrameElement;
    expect(frame.getAttribute('srcdoc')).toBe(renderPrintableHtml(report));
    const print = vi.spyOn(frame.contentWindow!, 'print').mockImplementation(() => {});
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    // A later reload of the preview does not print again.
    fireEvent.load(frame);
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('下载 HTML saves the same standalone document', async () => {
    const report = seed();
    render(<ExportStep report={report} onImported={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: '下载 HTML' }));
    expect(downloads[0]!.name).toBe('老店镇2023年政府信息公开工作年度报告.html');
    expect(downloads[0]!.blob.type).toBe('text/html;charset=utf-8');
    expect(await downloads[0]!.blob.text()).toBe(renderPrintableHtml(report));
  });

  it('打印空白表 shows the blank form and prints it once it has loaded', async () => {
    const report = seed();
    render(<ExportStep report={report} onImported={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: '打印空白表' }));
    const frame = screen.getByTitle('打印预览：空白表') as HTMLIFrameElement;
    expect(frame.getAttribute('srcdoc')).toBe(renderPrintableHtml(report, { blank: true }));
    const print = vi.spyOn(frame.contentWindow!, 'print').mockImplementation(() => {});
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    // A later reload of the preview does not print again.
    fireEvent.load(frame);
    expect(print).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: '返回报告预览' }));
    expect(screen.getByTitle('打印预览').getAttribute('srcdoc')).toBe(renderPrintableHtml(report));
  });

  it('打印报送说明 is offered only when there are explanations, and prints that sheet, not the report', async () => {
    const previous = seed();
    previous.cells['requests.carriedForward.natural'] = 2;
    const report = seed();
    const { rerender } = render(<ExportStep report={report} previous={previous} onImported={vi.fn()} />);
    expect(screen.queryByRole('button', { name: '打印报送说明' })).toBeNull();
    report.explanations = [{ rule: 'W1', cells: ['requests.carriedOver.natural'], reason: '上年数据有误' }];
    rerender(<ExportStep report={{ ...report }} previous={previous} onImported={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: '打印报送说明' }));
    const frame = screen.getByTitle('打印预览：报送说明') as HTMLIFrameElement;
    expect(frame.getAttribute('srcdoc')).toBe(renderSubmissionNotesHtml(report, { previous }));
    const print = vi.spyOn(frame.contentWindow!, 'print').mockImplementation(() => {});
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    // The report's own preview carries no explanation.
    await userEvent.click(screen.getByRole('button', { name: '返回报告预览' }));
    expect(screen.getByTitle('打印预览').getAttribute('srcdoc')).not.toContain('上年数据有误');
  });

  it('复制网页版 puts HTML and plain text on the clipboard; 下载网页版 saves the same fragment', async () => {
    const report = seed();
    const written: Record<string, Blob>[] = [];
    class FakeItem {
      constructor(readonly items: Record<string, Blob>) {}
    }
    vi.stubGlobal('ClipboardItem', FakeItem);
    const write = vi.fn(async (items: FakeItem[]) => {
      written.push(...items.map((i) => i.items));
    });
    Object.defineProperty(navigator, 'clipboard', { value: { write }, configurable: true });
    try {
      render(<ExportStep report={report} onImported={vi.fn()} />);
      await userEvent.click(screen.getByRole('button', { name: '复制网页版' }));
      expect(await screen.findByText(/网页版已复制/)).toBeInTheDocument();
      expect(written).toHaveLength(1);
      expect(await written[0]!['text/html']!.text()).toBe(renderWebFragment(report));
      expect(await written[0]!['text/plain']!.text()).toBe(renderWebText(report));

      await userEvent.click(screen.getByRole('button', { name: '下载网页版' }));
      await waitFor(() => expect(downloads).toHaveLength(1));
      expect(downloads[0]!.name).toBe('老店镇2023年政府信息公开工作年度报告（网页版）.html');
      expect(await downloads[0]!.blob.text()).toBe(renderWebFile(report).replace(/^\uFEFF/, ''));

      // A browser that refuses the clipboard gets a clear message and the download as the way out.
      write.mockRejectedValueOnce(new Error('denied'));
      await userEvent.click(screen.getByRole('button', { name: '复制网页版' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('请改用「下载网页版」');
    } finally {
      vi.unstubAllGlobals();
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('markup typed into the agency shows as text in the app too', async () => {
    const payload = '<img src=x onerror="window.hacked=1">';
    const report = seed();
    report.agency = `${payload}老店镇`;
    const { container } = render(<ExportStep report={report} onImported={vi.fn()} />);
    // File names cannot hold < > " : they are replaced.
    expect(
      screen.getByText('_img src=x onerror=_window.hacked=1__老店镇-2023-政府信息公开工作年度报告.json'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '显示打印预览' }));
    expect(screen.getByTitle('打印预览').getAttribute('srcdoc')).toContain(
      '&lt;img src=x onerror=&quot;window.hacked=1&quot;&gt;老店镇',
    );
    const doc = JSON.parse(seedText);
    doc.agency = `${payload}老店镇`;
    await userEvent.upload(screen.getByLabelText('选择 JSON 文件'), jsonFile(JSON.stringify(doc), 'x.json'));
    expect(await screen.findByText(/已导入「x.json」/)).toHaveTextContent(
      `${payload}老店镇 2023 年的报告已另存为新报告`,
    );
    expect(container.querySelector('img')).toBeNull();
  });
});
