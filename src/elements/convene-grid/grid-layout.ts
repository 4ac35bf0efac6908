// The grid's layout as numbers: how many tiles fit on a page and in how many columns and rows,
// from the space the tiles have. CSS receives the result as custom properties (as LiveKit's
// grid does with --lk-col-count); nothing here touches the DOM.

/** Tiles are laid out for this shape (16:9 camera video). */
export const TILE_ASPECT_RATIO = 16 / 9;
/** The most tiles on one page: more videos than this cost more than a person can follow. */
export const MAX_PAGE_SIZE = 25;

export interface GridSpace {
  /** Tiles to place in all (every page). */
  count: number;
  /** The tile area's content box, in CSS pixels. */
  width: number;
  height: number;
  /** The gap between tiles, in CSS pixels. */
  gap: number;
  /** The narrowest a tile may get before the grid pages instead. */
  minTileWidth: number;
  /** A fixed page size (the `page-size` attribute); otherwise computed from the space. */
  pageSize?: number | undefined;
  /** One row of tiles (the filmstrip beside a shared screen) instead of a grid. */
  filmstrip?: boolean;
}

export interface GridLayout {
  /** Tiles per page (at least 1). */
  pageSize: number;
  /** Pages needed for every tile (at least 1). */
  pageCount: number;
  columns: number;
  rows: number;
}

/** How many tiles of `size` (plus `gap` between) fit along `length`; at least one. */
function fitting(length: number, size: number, gap: number): number {
  return Math.max(1, Math.floor((length + gap) / (size + gap)));
}

/** The most tiles that fit in the space without going under the minimum tile width. */
function capacity(space: GridSpace): number {
  const { width, height, gap, minTileWidth } = space;
  if (space.filmstrip) {
    // One row as tall as the filmstrip: tiles keep their aspect ratio along it.
    return fitting(width, Math.max(minTileWidth / 2, height * TILE_ASPECT_RATIO), gap);
  }
  const columns = fitting(width, minTileWidth, gap);
  const rows = fitting(height, minTileWidth / TILE_ASPECT_RATIO, gap);
  return columns * rows;
}

/** The columns x rows that give `count` tiles the largest size in the space. */
function arrangement(count: number, space: GridSpace): { columns: number; rows: number } {
  if (space.filmstrip) return { columns: count, rows: 1 };
  let best = { columns: 1, rows: count, tileWidth: -1 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cellWidth = (space.width - space.gap * (columns - 1)) / columns;
    const cellHeight = (space.height - space.gap * (rows - 1)) / rows;
    const tileWidth = Math.min(cellWidth, cellHeight * TILE_ASPECT_RATIO);
    // Strictly larger only: among equals the first (fewest columns, fewest empty cells) wins.
    if (tileWidth > best.tileWidth) best = { columns, rows, tileWidth };
  }
  return { columns: best.columns, rows: best.rows };
}

export function computeGridLayout(space: GridSpace): GridLayout {
  const fixed = space.pageSize !== undefined && space.pageSize >= 1;
  const pageSize = fixed
    ? Math.floor(space.pageSize as number)
    : Math.min(MAX_PAGE_SIZE, capacity(space));
  const onPage = Math.max(1, Math.min(space.count, pageSize));
  return {
    pageSize,
    pageCount: Math.max(1, Math.ceil(space.count / pageSize)),
    ...arrangement(onPage, space),
  };
}
