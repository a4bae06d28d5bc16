import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_VIEW_FONTS, FONT_SAMPLE } from '../src/wizard/fonts';

// The 导出 step's module, counted when it is fetched.
const exportLoaded = vi.fn();
vi.mock('../src/export/ExportStep', () => {
  exportLoaded();
  return { ExportStep: () => null };
});

describe('prepareOpen (the home screen readies the first open of a report, issue 12)', () => {
  const measured: string[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    measured.length = 0;
    document.documentElement.style.fontFamily = '"Noto Sans CJK SC", sans-serif';
    // jsdom has no canvas: a measurer that records what it is asked.
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        getContext() {
          const ctx = {
            font: '',
            measureText: (text: string) => {
              measured.push(`${ctx.font}|${text}`);
              return { width: 1 };
            },
          };
          return ctx;
        }
      },
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.documentElement.style.fontFamily = '';
  });

  it('looks up each font of the first view in the page’s family, then fetches the 导出 step', async () => {
    const { prepareOpen } = await import('../src/ReportPage');
    prepareOpen();
    // Without requestIdleCallback (jsdom) one font per idle moment, each a 500 ms timer.
    await vi.advanceTimersByTimeAsync(500 * FIRST_VIEW_FONTS.length);
    expect(measured).toEqual(FIRST_VIEW_FONTS.map((f) => `${f} "Noto Sans CJK SC", sans-serif|${FONT_SAMPLE}`));
    expect(exportLoaded).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    await vi.waitFor(() => expect(exportLoaded).toHaveBeenCalledTimes(1));
  });

  it('does nothing more once cancelled (the clerk opened a report)', async () => {
    const { prepareOpen } = await import('../src/ReportPage');
    const cancel = prepareOpen();
    await vi.advanceTimersByTimeAsync(500);
    cancel();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(measured).toHaveLength(1);
  });
});
