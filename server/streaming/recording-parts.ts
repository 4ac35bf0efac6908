// A recording is written in parts, one per ffmpeg run (a restart after a crash starts a new
// part, so nothing written before is touched); when it ends the parts become the one MP4 the
// asset points at. A part is fragmented MP4, so even a part cut short by a crash plays.
import { execFile } from 'node:child_process';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FFMPEG = process.env.CONVENE_FFMPEG || '/usr/bin/ffmpeg';

export function recordingPart(file: string, runNumber: number): string {
  return `${file}.part${runNumber}.mp4`;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Joins the parts of `runs` runs into `file` (without re-encoding) and removes them. */
export async function joinRecordingParts(file: string, runs: number): Promise<void> {
  const parts: string[] = [];
  for (let i = 0; i < runs; i++) {
    const part = recordingPart(file, i);
    if (await exists(part)) parts.push(part);
  }
  if (parts.length === 0) return;
  if (parts.length === 1) {
    await rename(parts[0]!, file);
    return;
  }
  await concatenateMp4(
    file,
    parts.map((part) => ({ file: part })),
  );
}

/** One file to join, and how long it plays when its timeline does not start at 0. */
export interface Mp4Part {
  file: string;
  /**
   * Needed for a part cut from the middle of a stream: a fragmented MP4's duration reads as
   * its last timestamp, so without it the next part would start that much later (a hole).
   */
  seconds?: number;
}

/**
 * Writes `parts` end to end into `file` without re-encoding, and removes them. Each part's
 * timeline starts where the one before ended.
 */
export async function concatenateMp4(file: string, parts: Mp4Part[]): Promise<void> {
  const list = `${file}.parts.txt`;
  const entry = (part: Mp4Part) =>
    `file '${part.file.replaceAll("'", "'\\''")}'\n` +
    (part.seconds === undefined ? '' : `duration ${part.seconds.toFixed(6)}\n`);
  await writeFile(list, parts.map(entry).join(''));
  try {
    // A part cut short by a crash ends in a torn packet: dropped, not the end of the join
    // (the concat demuxer's automatic bitstream filter would stop at it).
    await run(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-fflags',
      '+discardcorrupt',
      '-f',
      'concat',
      '-safe',
      '0',
      '-auto_convert',
      '0',
      '-i',
      list,
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      '-y',
      file,
    ]);
    await Promise.all(parts.map((part) => rm(part.file, { force: true })));
  } finally {
    await rm(list, { force: true });
  }
}
