// The signaling messages of live streaming and recording: a role with `hlsStreaming` or
// `browserRecording` starts and stops them (as 100ms's SDK does), and everyone in the room hears
// how they are doing, with the HLS playback URL for those who watch the stream instead of the
// grid. Spread into REQUESTS and NOTIFICATIONS by signaling-schemas.ts.
import { Type, type Static, type TSchema } from 'typebox';

const Strict = { additionalProperties: false } as const;
const Empty = Type.Object({}, Strict);
const request = <D extends TSchema, R extends TSchema>(data: D, result: R) => ({ data, result });

/** What a peer may start over signaling: the room's HLS stream, or its recording. */
export const StreamingKind = Type.Union([Type.Literal('hls'), Type.Literal('recording')]);

export const StreamingStatus = Type.Union([
  Type.Literal('starting'),
  Type.Literal('running'),
  Type.Literal('stopping'),
  Type.Literal('stopped'),
  Type.Literal('failed'),
]);

const Output = Type.Object({
  status: StreamingStatus,
  /** When it started running (ISO); absent while starting or when stopped. */
  startedAt: Type.Optional(Type.String()),
  /** Why it failed. */
  error: Type.Optional(Type.String()),
});

export const StreamingState = Type.Object({
  hls: Type.Intersect([
    Output,
    /** The master playlist a player opens, signed for this room's peers. */
    Type.Object({ url: Type.Optional(Type.String()) }),
  ]),
  recording: Output,
});

export const STREAMING_REQUESTS = {
  startStreaming: request(Type.Object({ kind: StreamingKind }, Strict), Empty),
  stopStreaming: request(Type.Object({ kind: StreamingKind }, Strict), Empty),
};

export const STREAMING_NOTIFICATIONS = {
  streamingChanged: StreamingState,
};

export type StreamingKind = Static<typeof StreamingKind>;
export type StreamingStatus = Static<typeof StreamingStatus>;
export type StreamingState = Static<typeof StreamingState>;
