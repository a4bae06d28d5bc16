// Issue 14: 机关名称 said 「不超过 80 个字」 but stored 200, and kept U+202E (the suggested file
// name then showed reversed). The form now applies the reader's rule (report/limits.ts):
// a refused name is shown with its reason and not stored.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/export/jsonFile';
import { openWizard } from './openWizard';

const agencyInput = () => screen.getByRole('textbox', { name: '机关名称' });

describe('机关名称 on typing', { timeout: 30_000 }, () => {
  it('a name over 80 characters is refused with its reason, and the stored name stays', async () => {
    const { store } = openWizard();
    fireEvent.change(agencyInput(), { target: { value: '某'.repeat(80) } });
    expect(store.getReport().agency).toBe('某'.repeat(80));
    fireEvent.change(agencyInput(), { target: { value: '某'.repeat(200) } });
    expect(await screen.findByText('机关名称不超过 80 个字（现有 200 个）')).toBeVisible();
    expect(store.getReport().agency).toBe('某'.repeat(80));
  });

  it('a direction override is refused and named, and never reaches the file name', async () => {
    const { store } = openWizard();
    fireEvent.change(agencyInput(), { target: { value: '老店镇' } });
    fireEvent.change(agencyInput(), { target: { value: '老店镇\u202e府政民人' } });
    expect(await screen.findByText(/第 4 个字是不可见的文字方向控制符（U\+202E）/)).toBeVisible();
    expect(store.getReport().agency).toBe('老店镇');
    // A name stored before this rule existed is cleaned for the file name.
    expect(exportFileName({ agency: '老店镇\u202e府政', year: 2023 })).toBe(
      '老店镇府政-2023-政府信息公开工作年度报告.json',
    );
  });
});
