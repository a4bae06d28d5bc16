// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isFindingPath } from '../../src/report/cells';
import { MAX_OVERVIEW_PARTS } from '../../src/report/limits';
import { emptyReport } from '../../src/report/model';
import { textFields } from '../../src/report/text/sentences';
import { overviewPath, textPlace } from '../../src/report/textPaths';

describe('text paths', () => {
  it('every field the text rules read names a place the import accepts, and back', () => {
    const r = emptyReport('某镇人民政府', 2024);
    r.overview = Array.from({ length: MAX_OVERVIEW_PARTS }, (_, i) => ({ heading: `第${i}部分`, body: '正文' }));
    const paths = textFields(r).map((f) => f.path);
    expect(paths).toHaveLength(2 * MAX_OVERVIEW_PARTS + 2);
    for (const p of paths) {
      expect(isFindingPath(p)).toBe(true);
      const place = textPlace(p)!;
      expect(place.section === 'overview' ? overviewPath(place.part, place.field) : place.section).toBe(p);
    }
    expect(textPlace('overview.12.heading')).toEqual({ section: 'overview', part: 12, field: 'heading' });
  });

  it('names no place a report cannot have', () => {
    for (const p of [
      `overview.${MAX_OVERVIEW_PARTS}.body`,
      'overview.01.body',
      'overview.-1.body',
      'overview.1.title',
      'overview.1',
      'overview.1.body.x',
      'problems.0',
      'agency',
      '',
    ]) {
      expect(textPlace(p), p).toBeNull();
      expect(isFindingPath(p), p).toBe(false);
    }
  });
});
