// Figures the benches print, computed one way for all of them.

/** Nearest-rank percentile of `values` (p from 0 to 100). */
export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]!;
