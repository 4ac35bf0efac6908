// The routers' RTP capabilities over plain HTTP, before any socket or token: the room client
// loads its Device with them while the join is on its way.
import { RTP_CAPABILITIES_PATH, type RtpCapabilities } from '../protocol/signaling.ts';
import { ConveneError } from './errors.ts';

export async function fetchRouterCapabilities(server: string): Promise<RtpCapabilities> {
  const url = server.replace(/\/+$/, '') + RTP_CAPABILITIES_PATH;
  const response = await fetch(url);
  const body = (await response.json().catch(() => undefined)) as
    { rtpCapabilities?: unknown } | undefined;
  const capabilities = body?.rtpCapabilities;
  if (!response.ok || typeof capabilities !== 'object' || capabilities === null) {
    throw new ConveneError('http_' + response.status, `${url} gave no RTP capabilities.`);
  }
  return capabilities as RtpCapabilities;
}
