// The text sections (一, 五, 六) as the published report sets them: sub-headings numbered
// （一）（二）… by the app, paragraphs split at blank lines, and section 六's usual items
// treated as prompts: an item the clerk wrote nothing under is not printed. Print and the
// web page both render these blocks, so they publish the same words.
import { OTHER_MATTERS_DEFAULT_ITEMS, type Report } from '../report';

export type NarrativeBlock =
  | { readonly kind: 'heading'; readonly text: string }
  /** One paragraph; its lines were single line breaks in the clerk's text. */
  | { readonly kind: 'paragraph'; readonly lines: readonly string[] };

const CN_DIGITS = '〇一二三四五六七八九';
/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for any number of sub-sections). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]!}十${ones ? CN_DIGITS[ones]! : ''}`;
}

/** Numbering a clerk may have typed before a heading; the print numbers headings itself. */
const TYPED_NUMBERING = /^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．)）])\s*/;

const trim = (s: string) => s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');

/** Blank lines separate paragraphs; a single line break stays a line break. */
function paragraphBlocks(text: string): NarrativeBlock[] {
  return text
    .split(/\n[ \t\u3000]*\n/)
    .map(trim)
    .filter((p) => p !== '')
    .map((p) => ({ kind: 'paragraph', lines: p.split(/\n[ \t\u3000]*/) }));
}

function overviewBlocks(report: Report): NarrativeBlock[] {
  let n = 0;
  return report.overview.flatMap((part) => {
    const heading = trim(part.heading).replace(TYPED_NUMBERING, '');
    const h: NarrativeBlock[] = heading ? [{ kind: 'heading', text: `（${chineseNumeral(++n)}）${heading}` }] : [];
    return [...h, ...paragraphBlocks(part.body)];
  });
}

/** 「一、收取信息处理费情况」 (any numbering, an optional colon): one of 六's usual items as a heading line. */
function promptItem(line: string): string | null {
  const bare = trim(line)
    .replace(TYPED_NUMBERING, '')
    .replace(/[：:。]$/, '');
  return (OTHER_MATTERS_DEFAULT_ITEMS as readonly string[]).includes(bare) ? bare : null;
}

/**
 * Section 六: its usual items are prompts. An item followed by text (on its own lines or
 * paragraphs, up to the next item) prints as a numbered sub-heading with that text; an
 * item left empty is not printed at all.
 */
export function otherMattersBlocks(text: string): NarrativeBlock[] {
  const lines = text.split('\n');
  const chunks: { item: string | null; body: string[] }[] = [{ item: null, body: [] }];
  for (const line of lines) {
    const item = promptItem(line);
    if (item) chunks.push({ item, body: [] });
    else chunks[chunks.length - 1]!.body.push(line);
  }
  let n = 0;
  return chunks.flatMap(({ item, body }) => {
    const paras = paragraphBlocks(body.join('\n'));
    if (item === null || paras.length === 0) return paras;
    return [{ kind: 'heading', text: `（${chineseNumeral(++n)}）${item}` } as NarrativeBlock, ...paras];
  });
}

/** The blocks of a text section, as printed and published. */
export function narrativeBlocks(report: Report, key: 'overview' | 'problems' | 'otherMatters'): NarrativeBlock[] {
  if (key === 'overview') return overviewBlocks(report);
  if (key === 'otherMatters') return otherMattersBlocks(report.otherMatters);
  return paragraphBlocks(report.problems);
}
