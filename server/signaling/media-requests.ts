// Requests about a peer's media: its transports, what it can receive, what it publishes, and
// which of the others' videos it shows. The work is the room's media (room-media.ts).
import type { RoomRequests } from './room-request.ts';

export const MEDIA_REQUESTS: RoomRequests<
  | 'createTransport'
  | 'connectTransport'
  | 'restartIce'
  | 'setRtpCapabilities'
  | 'produce'
  | 'pauseProducer'
  | 'resumeProducer'
  | 'closeProducer'
  | 'consumerReady'
  | 'setVisibleTiles'
> = {
  createTransport: {
    fansOut: false,
    handle: (room, peer, { direction }) => room.media.createTransport(peer, direction),
  },
  connectTransport: {
    fansOut: false,
    handle: async (room, peer, { transportId, dtlsParameters }) => {
      await room.media.connectTransport(peer, transportId, dtlsParameters);
      return {};
    },
  },
  restartIce: {
    fansOut: false,
    handle: async (room, peer, { transportId }) => ({
      iceParameters: await room.media.restartIce(peer, transportId),
    }),
  },
  setRtpCapabilities: {
    fansOut: false,
    handle: (room, peer, { rtpCapabilities }) => {
      room.media.setRtpCapabilities(peer, rtpCapabilities);
      return {};
    },
  },
  produce: {
    fansOut: true,
    handle: async (room, peer, data) => ({ producerId: await room.media.produce(peer, data) }),
  },
  pauseProducer: {
    fansOut: true,
    handle: async (room, peer, { producerId }) => {
      await room.media.setProducerPaused(peer, producerId, true);
      return {};
    },
  },
  resumeProducer: {
    fansOut: true,
    handle: async (room, peer, { producerId }) => {
      await room.media.setProducerPaused(peer, producerId, false);
      return {};
    },
  },
  closeProducer: {
    fansOut: true,
    handle: async (room, peer, { producerId }) => {
      await room.media.closeProducer(peer, producerId);
      return {};
    },
  },
  consumerReady: {
    fansOut: false,
    handle: async (room, peer, { consumerId }) => {
      await room.media.consumerReady(peer, consumerId);
      return {};
    },
  },
  setVisibleTiles: {
    fansOut: false,
    handle: async (room, peer, { tiles }) => {
      await room.media.setVisibleTiles(peer, tiles);
      return {};
    },
  },
};
