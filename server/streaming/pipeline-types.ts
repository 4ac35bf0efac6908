// The boundary between a room's media pipeline (a hidden recorder peer composing the room, and
// ffmpeg encoding what it publishes: pipeline.ts) and the lifecycles built on it (live streams,
// recordings, external streams: their rows, REST routes and webhooks). One pipeline per live
// room feeds every output the room has at once; each output is started and stopped on its own.
import type { EventEmitter } from 'node:events';

export interface Resolution {
  width: number;
  height: number;
}

export type OutputSpec =
  | {
      kind: 'hls';
      /** Folder the renditions, segments and playlists are written to (created if missing). */
      dir: string;
    }
  | {
      kind: 'recording';
      /** The MP4 file to write; fragmented, so a crash mid-way leaves a playable file. */
      file: string;
      resolution?: Resolution;
      audioOnly?: boolean;
    }
  | {
      kind: 'rtmp';
      urls: string[];
      resolution?: Resolution;
      /** Also record the stream to this MP4 (written as a recording's is). */
      recordFile?: string;
    };

/** A stretch the output lost (ffmpeg or the recorder crashed and was restarted). */
export interface OutputGap {
  /** ISO times. */
  from: string;
  to: string;
  reason: string;
}

export interface OutputEvents {
  /** The first media was written: the output is live. */
  running: [];
  /** One RTMP destination failed; the output (and the other URLs) go on. */
  destinationFailed: [{ url: string; reason: string }];
  /** Restarted after a crash; what was written before is kept. */
  restarted: [OutputGap];
  /** Over for good: stopped (`reason` undefined) or failed beyond restarting. */
  ended: [{ failed?: string; gaps: OutputGap[] }];
}

export interface PipelineOutput extends EventEmitter<OutputEvents> {
  readonly id: string;
  readonly spec: OutputSpec;
  /** Stops the output and waits until its files are complete (MP4 finalised, playlist ended). */
  stop(): Promise<void>;
  /** HLS only: metadata players receive as an EXT-X-DATERANGE at the live edge. */
  addTimedMetadata?(payload: string, durationSeconds: number): void;
}

export interface RoomPipelineApi {
  /**
   * Starts an output; resolves once its processes are launched (not yet `running`). Throws a
   * protocol error (`invalid`) for a spec it cannot serve.
   */
  startOutput(spec: OutputSpec): Promise<PipelineOutput>;
}

/** Where lifecycles find a room's pipeline: undefined when the room has no live session. */
export interface PipelineProvider {
  pipelineFor(room: { workspaceId: string; roomId: string }): Promise<RoomPipelineApi | undefined>;
}
