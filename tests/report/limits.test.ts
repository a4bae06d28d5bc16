// @vitest-environment node
// fitEdit: an edit that would take a text field past its limit is cut, never what was written before.
import { describe, expect, it } from 'vitest';
import { cutMessage, fitEdit } from '../../src/report/limits';

describe('fitEdit', () => {
  it('leaves an edit that fits, and one that does not lengthen the text', () => {
    expect(fitEdit('abc', 'abcd', 4)).toBeNull();
    // An old draft already over the limit may still be shortened or changed in place.
    expect(fitEdit('abcdef', 'abcde', 4)).toBeNull();
    expect(fitEdit('abcdef', 'abXdef', 4)).toBeNull();
  });

  it('drops a key typed at the limit', () => {
    expect(fitEdit('abcd', 'abXcd', 4)).toEqual({ value: 'abcd', caret: 2, cut: 1 });
  });

  it('cuts a paste in the middle and keeps the text after the caret', () => {
    expect(fitEdit('前文后文', '前文粘贴的很长内容后文', 7)).toEqual({ value: '前文粘贴的后文', caret: 5, cut: 4 });
  });

  it('cuts a paste over a selection to what fits in its place', () => {
    // 「文后」 selected (2 characters) and replaced by 6: room for 4 at a limit of 6.
    expect(fitEdit('前文后文', '前一二三四五六文', 6)).toEqual({ value: '前一二三四文', caret: 5, cut: 2 });
  });

  it('keeps a selection when nothing of what replaces it fits', () => {
    expect(fitEdit('abcd', 'abXYZd', 3)).toEqual({ value: 'abcd', caret: 2, cut: 3 });
  });

  it('never keeps half of a character outside the BMP', () => {
    const r = fitEdit('ab', 'ab𠀀𠀀', 5);
    expect(r).toEqual({ value: 'ab𠀀', caret: 4, cut: 2 });
  });

  it('names the field and the limit', () => {
    expect(cutMessage('「存在的主要问题及改进情况」', 50_000, 12)).toBe(
      '「存在的主要问题及改进情况」最多 50000 个字（含空格和换行），超出的 12 个字没有加入；已写的内容没有改动。',
    );
  });
});
