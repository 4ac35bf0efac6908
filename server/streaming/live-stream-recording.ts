// A live stream's recording (100ms's HLS recording: an MP4 per layer, asset type `room-vod`),
// made when the stream ends from the segments it already wrote: the HLS output keeps every
// segment, so recording a stream costs no second encode. A paused stretch is cut out: a
// segment that starts inside one is left out, and the pieces on either side are joined end to
// end. A run of ffmpeg (a restart after a crash) has its own init segment, so it is its own piece.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { segmentsOf, type Segment } from './hls-playlists.ts';
import { concatenateMp4, type Mp4Part } from './recording-parts.ts';

/** A stretch the recording was paused for (ISO times); `to` is missing while it still is. */
export interface PausedStretch {
  from: string;
  to?: string;
}

function pausedAt(ms: number, paused: readonly PausedStretch[]): boolean {
  return paused.some(
    ({ from, to }) => ms >= Date.parse(from) && (to === undefined || ms < Date.parse(to)),
  );
}

/** The segments to keep, as runs of consecutive segments of one ffmpeg run each. */
export function recordedPieces(segments: Segment[], paused: readonly PausedStretch[]): Segment[][] {
  const pieces: Segment[][] = [];
  let current: Segment[] = [];
  for (const segment of segments) {
    // A segment without a date cannot be placed against a pause: kept.
    const cut = Number.isFinite(segment.startMs) && pausedAt(segment.startMs, paused);
    if (cut || (current.length > 0 && current[0]!.run !== segment.run)) {
      if (current.length > 0) pieces.push(current);
      current = [];
    }
    if (!cut) current.push(segment);
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}

/** One piece as a fragmented MP4 of its own: the run's init segment, then its media segments. */
async function writePiece(variantDir: string, piece: Segment[], file: string): Promise<void> {
  const out = createWriteStream(file);
  try {
    for (const name of [piece[0]!.init, ...piece.map((segment) => segment.uri)])
      await pipeline(createReadStream(path.join(variantDir, name)), out, { end: false });
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

/**
 * Writes the recording of one rendition (`variantDir`, one of the stream's `%v` folders) to
 * `file`, without the paused stretches. Answers false when nothing was recorded.
 */
export async function recordRendition(
  variantDir: string,
  file: string,
  paused: readonly PausedStretch[],
): Promise<boolean> {
  const pieces = recordedPieces(await segmentsOf(variantDir), paused);
  if (pieces.length === 0) return false;
  const written: Mp4Part[] = [];
  try {
    for (const [i, piece] of pieces.entries()) {
      const part = {
        file: `${file}.piece${i}.mp4`,
        seconds: piece.reduce((sum, segment) => sum + segment.seconds, 0),
      };
      written.push(part);
      await writePiece(variantDir, piece, part.file);
    }
    // Even one piece goes through the join: it may start mid-stream, and the join starts it at 0.
    await concatenateMp4(file, written);
  } finally {
    // The pieces are copies of segments the stream keeps, so they go even when the join fails
    // (concatenateMp4 removes its parts only once joined: a recording's parts are its only copy).
    await Promise.all(written.map((part) => rm(part.file, { force: true })));
  }
  return true;
}
