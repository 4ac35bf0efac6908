// Media shapes the other protocol schema modules share (declared here, not in
// signaling-schemas.ts, so that modules spread into it can use them without an import cycle).
import { Type } from 'typebox';

/** Any JSON object mediasoup fills in (ICE and DTLS parameters, candidates). */
const MediasoupObject = Type.Record(Type.String(), Type.Unknown());

/** What a producer carries: 100ms's sources, split so screen audio is its own track. */
export const MediaSource = Type.Union([
  Type.Literal('camera'),
  Type.Literal('microphone'),
  Type.Literal('screen'),
  Type.Literal('screen-audio'),
]);
export const MediaKind = Type.Union([Type.Literal('audio'), Type.Literal('video')]);

export const TransportInfo = Type.Object({
  id: Type.String(),
  iceParameters: MediasoupObject,
  iceCandidates: Type.Array(MediasoupObject),
  dtlsParameters: MediasoupObject,
});
