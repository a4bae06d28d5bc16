// The type styles of the wizard's first view (title, step bar, 基本信息, the check panel beside
// it), as CSS font weight and size, on a tall screen and on a laptop's (max-height: 820px, a
// more compact head); the family is the page's. Warmed on the home screen at idle
// (preload.ts warmFonts) so that the first open of a report does not wait for a font look-up per
// style. tests/e2e/firstOpen.spec.ts checks that every style the first view shows is listed here.
export const FIRST_VIEW_FONTS: readonly string[] = [
  '400 15px',
  '600 15px',
  '700 15px',
  '700 22px',
  '700 19px',
  '400 14px',
  '600 14px',
  '700 14px',
  '400 14.25px',
  '400 13px',
  '600 13px',
  '400 12px',
  '700 12px',
  // The compact head of a laptop screen.
  '700 17px',
  '400 12.35px',
  '700 11px',
];

/** Text measured in each style: CJK, digits and the step bar's mark (another font's glyph). */
export const FONT_SAMPLE = '年度报告基本信息0123456789✓';
