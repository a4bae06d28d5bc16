// @vitest-environment node
// allValues computes every cell by a plan built once (parts before totals); it must give
// exactly what cellValue gives cell by cell, blanks included, in CELLS order.
import { describe, expect, it } from 'vitest';
import { CELLS, INPUT_CELLS, allValues, blankCells, cellValue } from '../../src/report';
import { rng } from '../collect/generate';

describe('allValues', () => {
  it('equals cellValue for every cell, over blank, partly blank and full reports', () => {
    const random = rng(17);
    for (const blankShare of [1, 0.9, 0.5, 0.1, 0]) {
      for (let k = 0; k < 20; k++) {
        const cells = blankCells();
        for (const c of INPUT_CELLS) cells[c.path] = random() < blankShare ? null : Math.floor(random() * 1000);
        const all = allValues(cells);
        expect([...all.keys()]).toEqual(CELLS.map((c) => c.path));
        for (const c of CELLS) expect(all.get(c.path), c.path).toBe(cellValue(cells, c.path));
      }
    }
  });
});
