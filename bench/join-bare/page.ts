// The join bench's anchor page: mediasoup-client alone against bench/join-bare/server.ts. A
// publisher sends the fake camera with the same simulcast layers as Convene's default role; a
// viewer opens the socket, loads the Device, makes a receive transport, consumes and resumes.
import { Device, type types } from 'mediasoup-client';
import {
  CAMERA_ENCODINGS,
  firstFrameShown,
  withTimeout,
  type JoinBenchPage,
  type JoinTiming,
} from '../join-first-frame.ts';

const JOIN_TIMEOUT_MS = 15_000;

class Signaling {
  #nextId = 1;
  readonly #pending = new Map<
    number,
    { resolve: (data: any) => void; reject: (error: Error) => void }
  >();

  private constructor(readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const { id, ok, data, error } = JSON.parse(String(event.data)) as {
        id: number;
        ok: boolean;
        data: unknown;
        error: string;
      };
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (ok) pending?.resolve(data);
      else pending?.reject(new Error(error));
    });
  }

  static open(url: string): Promise<Signaling> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(new Signaling(socket)), { once: true });
      socket.addEventListener('error', () => reject(new Error(`could not open ${url}`)), {
        once: true,
      });
    });
  }

  request<T = any>(method: string, data: unknown = {}): Promise<T> {
    const id = this.#nextId++;
    this.socket.send(JSON.stringify({ id, method, data }));
    return new Promise<T>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }
}

let session: { signaling: Signaling; transports: types.Transport[] } | undefined;
let step = 'not started';

async function connect(
  opened: () => void = () => undefined,
): Promise<{ signaling: Signaling; device: types.Device }> {
  step = 'opening the socket';
  const signaling = await Signaling.open(`ws://${location.host}`);
  opened();
  session = { signaling, transports: [] };
  step = 'loading the device';
  const device = new Device();
  await device.load({ routerRtpCapabilities: await signaling.request('routerRtpCapabilities') });
  return { signaling, device };
}

async function createTransport(
  signaling: Signaling,
  device: types.Device,
  direction: 'send' | 'recv',
): Promise<types.Transport> {
  step = `creating the ${direction} transport`;
  const info = await signaling.request('createTransport');
  const transport =
    direction === 'send' ? device.createSendTransport(info) : device.createRecvTransport(info);
  session?.transports.push(transport);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signaling
      .request('connect', { transportId: transport.id, dtlsParameters })
      .then(() => callback(), errback);
  });
  transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
    signaling
      .request<{ id: string }>('produce', { transportId: transport.id, kind, rtpParameters })
      .then(callback, errback);
  });
  return transport;
}

const page: JoinBenchPage = {
  async benchPublish() {
    const { signaling, device } = await connect();
    const send = await createTransport(signaling, device, 'send');
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
    });
    await send.produce({ track: stream.getVideoTracks()[0]!, encodings: CAMERA_ENCODINGS });
  },

  async benchJoin() {
    const started = performance.now();
    const phases: JoinTiming['phases'] = {};
    const mark = (phase: keyof JoinTiming['phases']) =>
      (phases[phase] = performance.now() - started);
    const joined = (async () => {
      const { signaling, device } = await connect(() => mark('socket'));
      mark('joined'); // The router's capabilities: the nearest step to our join answer.
      const recv = await createTransport(signaling, device, 'recv');
      mark('media');
      step = 'consuming';
      const infos = await signaling.request<
        {
          id: string;
          producerId: string;
          kind: 'audio' | 'video';
          rtpParameters: types.RtpParameters;
        }[]
      >('consume', { transportId: recv.id, rtpCapabilities: device.recvRtpCapabilities });
      const video = infos.find((info) => info.kind === 'video');
      if (!video) throw new Error('the server has no video producer');
      const consumer = await recv.consume(video);
      const track = mark('track');
      step = 'resuming';
      await signaling.request('resume', { consumerId: consumer.id });
      step = 'waiting for the first frame';
      return { track, frame: (await firstFrameShown(consumer.track)) - started, phases };
    })();
    return withTimeout(joined, JOIN_TIMEOUT_MS, () => step);
  },

  async benchLeave() {
    for (const transport of session?.transports ?? []) transport.close();
    session?.signaling.socket.close();
    session = undefined;
  },
};
Object.assign(window, page);
