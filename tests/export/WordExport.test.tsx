import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DOCX_MIME } from '../../src/export/docx';
import { ExportStep } from '../../src/export/ExportStep';
import { INPUT_CELLS } from '../../src/report';
import { seed } from '../helpers/reports';

const failing = vi.hoisted(() => ({ on: false }));
// Packing fails when asked to: the step must say so and download nothing.
vi.mock('docx', async (original) => {
  const m = await original<typeof import('docx')>();
  class FailingPacker extends m.Packer {
    static override toArrayBuffer(...args: Parameters<typeof m.Packer.toArrayBuffer>) {
      return failing.on ? Promise.reject(new Error('网络中断')) : m.Packer.toArrayBuffer(...args);
    }
  }
  return { ...m, Packer: FailingPacker };
});

let downloads: { name: string; blob: Blob }[] = [];
beforeEach(() => {
  downloads = [];
  failing.on = false;
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

async function documentXml(blob: Blob): Promise<string> {
  const zip = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  return strFromU8(zip['word/document.xml']!);
}

describe('下载 Word 文件', { timeout: 60_000 }, () => {
  it('downloads the report as a .docx named after it', async () => {
    render(<ExportStep report={seed()} onImported={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: '下载 Word 文件' }));
    expect(
      await screen.findByText('已下载：老店镇2023年政府信息公开工作年度报告.docx', {}, { timeout: 20_000 }),
    ).toBeVisible();
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toBe('老店镇2023年政府信息公开工作年度报告.docx');
    expect(downloads[0]!.blob.type).toBe(DOCX_MIME);
    const xml = await documentXml(downloads[0]!.blob);
    expect(xml).toContain('老店镇2023年政府信息公开工作年度报告');
    expect(xml).toContain('一、总体情况');
  });

  it('downloads a blank form with 「（空白表）」 in its name and no narrative', async () => {
    render(<ExportStep report={seed()} onImported={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: '下载空白表（Word）' }));
    await screen.findByText(/^已下载：.*（空白表）\.docx$/, {}, { timeout: 20_000 });
    const xml = await documentXml(downloads[0]!.blob);
    expect(xml).toContain('空白表');
    expect(xml).not.toContain('一、总体情况');
  });

  it('says a report with errors comes out marked 草稿', () => {
    const report = seed();
    report.cells[INPUT_CELLS[0]!.path] = null;
    render(<ExportStep report={report} onImported={() => {}} />);
    expect(screen.getByText(/报告还有 \d+ 处错误，Word 文件将标注“草稿”/)).toBeVisible();
  });

  it('explains a failure in Chinese, downloads nothing and keeps the buttons usable', async () => {
    failing.on = true;
    render(<ExportStep report={seed()} onImported={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: '下载 Word 文件' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
    expect(alert).toHaveTextContent('生成 Word 文件失败（网络中断）。报告没有任何改动');
    expect(downloads).toHaveLength(0);
    expect(screen.getByRole('button', { name: '下载 Word 文件' })).toBeEnabled();
  });
});
