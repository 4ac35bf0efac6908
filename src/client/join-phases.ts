// User Timing marks for the phases of a join (`convene:join:*`), so a developer sees in the
// browser's performance panel where a join's time goes, and the join bench can print it.
export const JOIN_PHASES = ['token', 'socket', 'joined', 'device', 'media', 'track'] as const;
export type JoinPhase = (typeof JOIN_PHASES)[number];

const PREFIX = 'convene:join:';
const timing = (): Performance | undefined =>
  typeof globalThis.performance?.mark === 'function' ? globalThis.performance : undefined;

/** Starts a join's marks afresh. */
export function markJoinStart(): void {
  const perf = timing();
  if (!perf) return;
  for (const phase of ['start', ...JOIN_PHASES]) perf.clearMarks(PREFIX + phase);
  perf.mark(PREFIX + 'start');
}

/** Marks the end of `phase`, the first time only (a reconnect does not move it). */
export function markJoinPhase(phase: JoinPhase): void {
  const perf = timing();
  if (!perf || perf.getEntriesByName(PREFIX + phase, 'mark').length > 0) return;
  if (perf.getEntriesByName(PREFIX + 'start', 'mark').length === 0) return;
  perf.mark(PREFIX + phase);
}

/** Milliseconds from the start of the last join to the end of each phase reached so far. */
export function joinPhaseTimes(): Partial<Record<JoinPhase, number>> {
  const perf = timing();
  const start = perf?.getEntriesByName(PREFIX + 'start', 'mark')[0];
  if (!perf || !start) return {};
  const times: Partial<Record<JoinPhase, number>> = {};
  for (const phase of JOIN_PHASES) {
    const mark = perf.getEntriesByName(PREFIX + phase, 'mark')[0];
    if (mark) times[phase] = mark.startTime - start.startTime;
  }
  return times;
}
