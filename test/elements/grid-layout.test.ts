import { expect } from '@open-wc/testing';
import { MAX_PAGE_SIZE, computeGridLayout } from '../../src/elements/convene-grid/grid-layout.ts';
import type { GridSpace } from '../../src/elements/convene-grid/grid-layout.ts';

const space = (overrides: Partial<GridSpace>): GridSpace => ({
  count: 1,
  width: 1280,
  height: 720,
  gap: 8,
  minTileWidth: 160,
  ...overrides,
});

describe('computeGridLayout', () => {
  const cases: Array<[string, Partial<GridSpace>, string]> = [
    // name, space, "pageSize pageCount columnsxrows"
    ['one tile fills the space', { count: 1 }, '25 1 1x1'],
    ['two tiles side by side in a wide space', { count: 2 }, '25 1 2x1'],
    ['two tiles stacked in a tall space', { count: 2, width: 400, height: 800 }, '16 1 1x2'],
    ['four tiles in 2x2', { count: 4 }, '25 1 2x2'],
    ['five tiles in 3x2', { count: 5 }, '25 1 3x2'],
    [
      'tiles past the capacity go to more pages',
      { count: 5, width: 640, height: 480, minTileWidth: 300 },
      '4 2 2x2',
    ],
    [
      'never more than the maximum page size',
      { count: 40, width: 3840, height: 2160 },
      `${MAX_PAGE_SIZE} 2 5x5`,
    ],
    ['a fixed page size wins over the space', { count: 7, pageSize: 3 }, '3 3 2x2'],
    ['a space too small still shows one tile', { count: 3, width: 50, height: 20 }, '1 3 1x1'],
    ['no space yet: one tile per page', { count: 3, width: 0, height: 0 }, '1 3 1x1'],
    ['no tiles: one empty page', { count: 0 }, '25 1 1x1'],
    [
      'a filmstrip is one row of tiles as tall as it is',
      { count: 6, height: 180, filmstrip: true },
      '3 2 3x1',
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const layout = computeGridLayout(space(input));
      expect(`${layout.pageSize} ${layout.pageCount} ${layout.columns}x${layout.rows}`).to.equal(
        expected,
      );
    });
  }
});
