// `npm run bench -- NAME`: runs one benchmark; each ends with one line `NAME: VALUE UNIT`, followed
// by the anchor measured in the same run where one runs here.
const benches: Record<string, () => Promise<void>> = {
  rest: async () => (await import('./rest.ts')).runRestBench(),
  fanout: async () => (await import('./fanout.ts')).runFanoutBench(),
  join: async () => (await import('./join.ts')).runJoinBench(),
  'bundle-size': async () => (await import('./bundle-size.ts')).runBundleSizeBench(),
  'room-load': async () => (await import('./room-load.ts')).runRoomLoadBench(),
  chat: async () => (await import('./chat.ts')).runChatBench(),
  grid: async () => (await import('./grid.ts')).runGridBench(),
  'hls-latency': async () => (await import('./hls-latency.ts')).runHlsLatencyBench(),
  'compose-cost': async () => (await import('./compose-cost.ts')).runComposeCostBench(),
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await bench();
