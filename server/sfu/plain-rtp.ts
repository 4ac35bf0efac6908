// Media out of the SFU as plain RTP on loopback, for ffmpeg: one PlainTransport and consumer per
// producer, aimed at a port ffmpeg listens on, and the SDP that tells ffmpeg what arrives there.
// Consumers start paused; `start()` resumes them once ffmpeg listens and asks for a key frame,
// without which its VP8 decoder has nothing to start from.
import dgram from 'node:dgram';
import type { types } from 'mediasoup';

const LOOPBACK = '127.0.0.1';

export interface PlainRtpLeg {
  kind: 'audio' | 'video';
  port: number;
  transport: types.PlainTransport;
  consumer: types.Consumer;
}

/** A UDP port free now on loopback; ffmpeg binds it a moment later (loopback, nobody races us). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, LOOPBACK, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export async function consumeOverPlainRtp(
  router: types.Router,
  producerId: string,
): Promise<PlainRtpLeg> {
  const port = await freeUdpPort();
  const transport = await router.createPlainTransport({
    listenIp: { ip: LOOPBACK },
    rtcpMux: true,
    comedia: false,
  });
  try {
    await transport.connect({ ip: LOOPBACK, port });
    const consumer = await transport.consume({
      producerId,
      rtpCapabilities: router.rtpCapabilities,
      paused: true,
    });
    return { kind: consumer.kind, port, transport, consumer };
  } catch (error) {
    transport.close();
    throw error;
  }
}

function mediaSection(leg: PlainRtpLeg): string {
  const codec = leg.consumer.rtpParameters.codecs[0]!;
  const [, name] = codec.mimeType.split('/');
  const channels = codec.channels ? `/${codec.channels}` : '';
  const lines = [
    `m=${leg.kind} ${leg.port} RTP/AVP ${codec.payloadType}`,
    `c=IN IP4 ${LOOPBACK}`,
    `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`,
  ];
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
  if (fmtp) lines.push(`a=fmtp:${codec.payloadType} ${fmtp}`);
  lines.push('a=rtcp-mux', 'a=recvonly');
  return lines.join('\r\n');
}

/** One SDP describing every leg: ffmpeg reads it as one input with a stream per leg. */
export function sdpOf(legs: PlainRtpLeg[]): string {
  const head = ['v=0', `o=- 0 0 IN IP4 ${LOOPBACK}`, 's=convene', 't=0 0'];
  return [...head, ...legs.map(mediaSection), ''].join('\r\n');
}

/** ffmpeg listens: let the media flow, starting with a key frame. */
export async function startLegs(legs: PlainRtpLeg[]): Promise<void> {
  for (const leg of legs) {
    await leg.consumer.resume();
    if (leg.kind === 'video') await leg.consumer.requestKeyFrame();
  }
}

export function closeLegs(legs: PlainRtpLeg[]): void {
  for (const leg of legs) leg.transport.close();
}
