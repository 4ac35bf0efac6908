// Every event the elements fire: typed classes, each with a GlobalEventHandlersEventMap entry.
export * from './convene-error.ts';
export * from './convene-hls-state.ts';
export * from './convene-joined.ts';
export * from './convene-left.ts';
export * from './convene-page-change.ts';
export * from './convene-panel-toggle.ts';
export * from './convene-pin-change.ts';
export * from './convene-preview-join.ts';
export * from './convene-reconnected.ts';
export * from './convene-reconnecting.ts';
export * from './convene-timed-metadata.ts';
