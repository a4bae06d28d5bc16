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

/**
 * Text measured in each style: digits, the step bar's mark (another font's glyph) and every CJK
 * character the first view draws (its words, the check panel's findings and the names of the
 * blank cells it lists, the offline notice), for a filled report and a new one. The first layout shapes each
 * character anew in each style: measured at idle, the open's layout finds them cached (about
 * half its time, issue 12). tests/e2e/firstOpen.spec.ts checks that none is missing.
 */
export const FONT_SAMPLE =
  '0123456789✓' +
  '、。《》「」〔〕一万三上下不业个为主举予事二于五人仍他以件企会位体作供依保信修元全公六关其具内再写决况出函分划列到制办加' +
  '务动区单危即卷历及反发取另只可史号合名后否告和商四回国在基填处复大如始存安完定实审家容密对导将尚属工已常年并应店府废度开' +
  '强当形律性总息情成我或所才打执投护报持按掌接措提握收改政效数文新方施无时明是有服期未本机权构果查标核格案检止正步民求没法' +
  '然版物现理用由申留的益直相知研确社禁离科秘称程稳稿空章第等算管类纠纳组织经结继续维缴罚老自范获行补表要规警计认议许讼访诉' +
  '询误说请费起足转过返还这进述通逾部采重量金针错镇问际需项题额（），：；' +
  // 「应用已可离线使用」 and its 知道了, shown over the first view after the first visit.
  '线使道了';
