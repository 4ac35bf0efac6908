// The recorder's picture and sound: every received tile drawn into a canvas (video fitted to its
// cell, the name on it, a placeholder with the name when the camera is off) and every received
// microphone mixed by WebAudio, both as tracks to publish. It reads the room store only, and
// reports the tiles it draws so the server forwards their video at a size that fits.
import type { RoomClient } from '../../client/room-client.ts';
import type { PeerState } from '../../client/room-state.ts';
import type { MediaSource } from '../../protocol/signaling.ts';
import { compositeLayout, type Rect } from './composite-layout.ts';

const FRAME_RATE = 30;

interface Tile {
  peer: PeerState;
  source: Extract<MediaSource, 'camera' | 'screen'>;
}

/** A <video> for each received track, kept while the track is the same. */
class TrackVideos {
  readonly #videos = new Map<MediaStreamTrack, HTMLVideoElement>();

  video(track: MediaStreamTrack): HTMLVideoElement {
    let video = this.#videos.get(track);
    if (!video) {
      video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = new MediaStream([track]);
      video.play().catch(() => undefined);
      this.#videos.set(track, video);
    }
    return video;
  }

  /** Forgets the videos of tracks no longer drawn. */
  keepOnly(tracks: Set<MediaStreamTrack>): void {
    for (const [track, video] of this.#videos) {
      if (tracks.has(track)) continue;
      video.srcObject = null;
      this.#videos.delete(track);
    }
  }
}

/** Remote audio reaches WebAudio in Chromium only while an element also plays it (muted). */
class AudioMix {
  readonly #context = new AudioContext({ sampleRate: 48_000 });
  readonly #destination = this.#context.createMediaStreamDestination();
  readonly #sources = new Map<
    MediaStreamTrack,
    { node: MediaStreamAudioSourceNode; element: HTMLAudioElement }
  >();

  get track(): MediaStreamTrack {
    return this.#destination.stream.getAudioTracks()[0]!;
  }

  resume(): Promise<void> {
    return this.#context.resume();
  }

  mix(tracks: Set<MediaStreamTrack>): void {
    for (const [track, { node, element }] of this.#sources) {
      if (tracks.has(track)) continue;
      node.disconnect();
      element.srcObject = null;
      this.#sources.delete(track);
    }
    for (const track of tracks) {
      if (this.#sources.has(track)) continue;
      const stream = new MediaStream([track]);
      const element = new Audio();
      element.muted = true;
      element.srcObject = stream;
      element.play().catch(() => undefined);
      const node = this.#context.createMediaStreamSource(stream);
      node.connect(this.#destination);
      this.#sources.set(track, { node, element });
    }
  }
}

function drawCover(
  context: CanvasRenderingContext2D,
  video: HTMLVideoElement,
  rect: Rect,
  fit: 'cover' | 'contain',
): void {
  const { videoWidth, videoHeight } = video;
  if (!videoWidth || !videoHeight) return;
  const scale = (fit === 'cover' ? Math.max : Math.min)(
    rect.width / videoWidth,
    rect.height / videoHeight,
  );
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  context.save();
  context.beginPath();
  context.rect(rect.x, rect.y, rect.width, rect.height);
  context.clip();
  context.drawImage(
    video,
    rect.x + (rect.width - width) / 2,
    rect.y + (rect.height - height) / 2,
    width,
    height,
  );
  context.restore();
}

export class RoomComposer {
  readonly #canvas = document.createElement('canvas');
  readonly #context: CanvasRenderingContext2D;
  readonly #videos = new TrackVideos();
  readonly #audio = new AudioMix();
  readonly #client: RoomClient;
  readonly #videoTrack: MediaStreamTrack;
  #timer: ReturnType<typeof setInterval> | undefined;
  #reported = '';

  constructor(client: RoomClient, size: { width: number; height: number }) {
    this.#client = client;
    this.#canvas.width = size.width;
    this.#canvas.height = size.height;
    this.#context = this.#canvas.getContext('2d', { alpha: false })!;
    this.#videoTrack = this.#canvas.captureStream(FRAME_RATE).getVideoTracks()[0]!;
  }

  get tracks(): { camera: MediaStreamTrack; microphone: MediaStreamTrack } {
    return { camera: this.#videoTrack, microphone: this.#audio.track };
  }

  /** Draws on a timer, not on animation frames: a headless, unseen page gets none. */
  start(): void {
    this.#audio.resume().catch(() => undefined);
    this.#timer ??= setInterval(() => this.#draw(), 1000 / FRAME_RATE);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tiles(): { cameras: Tile[]; stage: Tile | undefined } {
    const { peers, peerOrder, role } = this.#client.store.state;
    const shown = new Set(role?.subscribeParams.subscribeToRoles ?? []);
    const remote = peerOrder
      .map((id) => peers[id])
      .filter((peer): peer is PeerState => !!peer && !peer.isLocal && shown.has(peer.role));
    const sharing = remote.find((peer) => peer.tracks.screen?.track);
    return {
      cameras: remote.map((peer) => ({ peer, source: 'camera' })),
      stage: sharing ? { peer: sharing, source: 'screen' } : undefined,
    };
  }

  #draw(): void {
    const { width, height } = this.#canvas;
    const context = this.#context;
    context.fillStyle = '#111318';
    context.fillRect(0, 0, width, height);
    const { cameras, stage } = this.#tiles();
    const laidOut = compositeLayout(cameras, stage, { width, height });
    const drawn = new Set<MediaStreamTrack>();
    for (const { tile, rect } of laidOut) {
      const state = tile.peer.tracks[tile.source];
      const live = state?.track && !state.muted && state.receiving !== false ? state.track : null;
      context.fillStyle = '#23262e';
      context.fillRect(rect.x, rect.y, rect.width, rect.height);
      if (live) {
        drawn.add(live);
        drawCover(
          context,
          this.#videos.video(live),
          rect,
          tile.source === 'screen' ? 'contain' : 'cover',
        );
      }
      if (tile.source === 'camera') this.#label(tile.peer.name, rect, !live);
    }
    this.#videos.keepOnly(drawn);
    this.#reportTiles(laidOut.map(({ tile, rect }) => ({ tile, rect })));
    this.#mixAudio();
  }

  /** The name at the foot of a tile, or large in its middle when there is no picture. */
  #label(name: string, rect: Rect, centred: boolean): void {
    const context = this.#context;
    const size = Math.max(12, Math.round(rect.height / (centred ? 8 : 14)));
    context.font = `600 ${size}px system-ui, sans-serif`;
    context.textBaseline = 'middle';
    const text = name.length > 40 ? `${name.slice(0, 39)}…` : name;
    const textWidth = Math.min(context.measureText(text).width, rect.width - size);
    if (centred) {
      context.fillStyle = '#e8eaf0';
      context.fillText(
        text,
        rect.x + (rect.width - textWidth) / 2,
        rect.y + rect.height / 2,
        textWidth,
      );
      return;
    }
    const pad = size / 2;
    context.fillStyle = 'rgb(0 0 0 / 55%)';
    context.fillRect(rect.x + pad, rect.y + rect.height - size * 2, textWidth + size, size * 1.5);
    context.fillStyle = '#ffffff';
    context.fillText(text, rect.x + pad * 2, rect.y + rect.height - size * 1.25, textWidth);
  }

  /** Sent when the tiles change, not every frame. */
  #reportTiles(tiles: { tile: Tile; rect: Rect }[]): void {
    const visible = tiles.map(({ tile, rect }) => ({
      peerId: tile.peer.id,
      source: tile.source,
      width: Math.round(rect.width),
      height: Math.round(rect.height),
    }));
    const key = JSON.stringify(visible);
    if (key === this.#reported) return;
    this.#reported = key;
    this.#client.setVisibleTiles(visible);
  }

  #mixAudio(): void {
    const tracks = new Set<MediaStreamTrack>();
    for (const peer of Object.values(this.#client.store.state.peers)) {
      if (peer.isLocal) continue;
      for (const source of ['microphone', 'screen-audio'] as const) {
        const track = peer.tracks[source]?.track;
        if (track) tracks.add(track);
      }
    }
    this.#audio.mix(tracks);
  }
}
