// What the grid bench's page exposes to the bench (window.gridBench): each call does one thing to
// the grid and answers how long the grid took to show it, in ms, from performance marks.

export interface GridBenchSetup {
  /** Tiles the grid has in all (the remote peers and me). */
  tiles: number;
  pageCount: number;
  /** Tiles on page 1. */
  pageSize: number;
}

export interface GridBenchApi {
  /** Joins a simulated room of `peers` others under <convene-room manual>; no grid yet. */
  setup(peers: number): Promise<void>;
  /** Removes the grid if there is one, adds a new one: until page 1's tiles are rendered. */
  firstRender(): Promise<number>;
  /** After firstRender: the grid's layout as it rendered. */
  layout(): GridBenchSetup;
  /** Another peer on the page shown speaks: until the grid and its tiles updated. */
  speakerChange(): Promise<number>;
  /** grid.page = page: until that page's tiles are rendered. */
  pageFlip(page: number): Promise<number>;
  /** Long tasks (over 50 ms) the page has seen since it loaded. */
  longTasks(): number;
  /** Stops the canvas cameras. */
  close(): void;
}

declare global {
  interface Window {
    gridBench: GridBenchApi;
  }
}
