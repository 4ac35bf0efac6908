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

/**
 * The ports ffmpeg listens on for plain RTP: even ones (the odd one above stays free for RTCP),
 * below the kernel's ephemeral range (32768-60999) and mediasoup's RTC ports (40000-49999 by
 * default), so that no transport or outgoing socket can take one between our check and
 * ffmpeg's bind. A port is held in this process from its pick until its transport closes, so
 * two legs never share one; a port another process holds fails the bind check and is skipped.
 */
export const RTP_PORTS = { first: 20000, last: 29998 } as const;
const held = new Set<number>();
let nextPort =
  RTP_PORTS.first + 2 * Math.floor(Math.random() * ((RTP_PORTS.last - RTP_PORTS.first) / 2 + 1));

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, LOOPBACK, () => socket.close(() => resolve(true)));
  });
}

/** A port for ffmpeg to listen on, held in this process until `releaseRtpPort`. */
export async function reserveRtpPort(): Promise<number> {
  const count = (RTP_PORTS.last - RTP_PORTS.first) / 2 + 1;
  for (let tried = 0; tried < count; tried++) {
    const port = nextPort;
    nextPort = port + 2 > RTP_PORTS.last ? RTP_PORTS.first : port + 2;
    if (held.has(port)) continue;
    held.add(port);
    if ((await bindable(port)) && (await bindable(port + 1))) return port;
    held.delete(port);
  }
  throw new Error(`no free UDP port for ffmpeg in ${RTP_PORTS.first}-${RTP_PORTS.last}`);
}

export function releaseRtpPort(port: number): void {
  held.delete(port);
}

export async function consumeOverPlainRtp(
  router: types.Router,
  producerId: string,
): Promise<PlainRtpLeg> {
  const port = await reserveRtpPort();
  let transport: types.PlainTransport;
  try {
    transport = await router.createPlainTransport({
      listenIp: { ip: LOOPBACK },
      rtcpMux: true,
      comedia: false,
    });
  } catch (error) {
    releaseRtpPort(port);
    throw error;
  }
  // However it closes (the leg, its router, its worker), the port is free again.
  transport.observer.once('close', () => releaseRtpPort(port));
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
