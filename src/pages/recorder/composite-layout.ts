// Where each tile goes in the recorder's picture: the screen share as the stage with the cameras
// in a strip beside it, or, without one, an even grid of everyone. Pure, so it is easy to test.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutTile<T> {
  tile: T;
  rect: Rect;
}

const GAP = 8;

/** An even grid of `count` cells in `area`, as close to square cells as the area allows. */
function gridCells(count: number, area: Rect): Rect[] {
  if (count === 0) return [];
  let best = { columns: 1, rows: count, size: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const width = (area.width - GAP * (columns + 1)) / columns;
    const height = (area.height - GAP * (rows + 1)) / rows;
    // 16:9 cells: the smaller of the two limits is the cell's real size.
    const size = Math.min(width, (height * 16) / 9);
    if (size > best.size) best = { columns, rows, size };
  }
  const { columns, rows } = best;
  const width = (area.width - GAP * (columns + 1)) / columns;
  const height = (area.height - GAP * (rows + 1)) / rows;
  return Array.from({ length: count }, (_, index) => {
    const row = Math.floor(index / columns);
    // The last row, if short, is centred.
    const inRow = row === rows - 1 ? count - row * columns : columns;
    const offset = ((columns - inRow) * (width + GAP)) / 2;
    return {
      x: area.x + GAP + offset + (index % columns) * (width + GAP),
      y: area.y + GAP + row * (height + GAP),
      width,
      height,
    };
  });
}

export function compositeLayout<T>(
  cameras: readonly T[],
  stage: T | undefined,
  size: { width: number; height: number },
): LaidOutTile<T>[] {
  const whole = { x: 0, y: 0, width: size.width, height: size.height };
  if (!stage) {
    return gridCells(cameras.length, whole).map((rect, i) => ({ tile: cameras[i]!, rect }));
  }
  if (cameras.length === 0) return [{ tile: stage, rect: whole }];
  const stripWidth = Math.round(size.width / 5);
  const stageRect = { ...whole, width: size.width - stripWidth };
  const tileHeight = Math.min((stripWidth * 9) / 16, size.height / cameras.length);
  const strip = cameras.map((tile, i) => ({
    tile,
    rect: {
      x: stageRect.width,
      y: i * tileHeight,
      width: stripWidth - GAP,
      height: tileHeight - GAP,
    },
  }));
  return [{ tile: stage, rect: stageRect }, ...strip];
}
