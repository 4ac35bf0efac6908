// Where an HLS output's latency goes before any player: for each segment written in a window,
// how long after its first frame was drawn the segment was on disk (its file's mtime), the clock
// read from that frame (bench/hls-latency-page/clock-code.ts) decoded by ffprobe's sibling
// ffmpeg. Run after the window, so the decoding does not load the machine being measured.
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { CODE_HEIGHT, CODE_WIDTH, readClockFrom } from './hls-latency-page/clock-code.ts';

const run = promisify(execFile);
const FFMPEG = process.env.CONVENE_FFMPEG || '/usr/bin/ffmpeg';
/** Segments looked at per output: enough for a median, few enough to decode in seconds. */
const MAX_SEGMENTS = 20;

async function firstFrameClock(init: string, segment: string, now: number) {
  // The init segment and the fragment, read back to back as one fMP4.
  const { stdout } = await run(
    FFMPEG,
    [
      ...['-v', 'error', '-i', `concat:${init}|${segment}`, '-frames:v', '1'],
      ...['-vf', `scale=${CODE_WIDTH}:${CODE_HEIGHT}`, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    ],
    { encoding: 'buffer', maxBuffer: 4 * CODE_WIDTH * CODE_HEIGHT },
  );
  return readClockFrom((x, y) => stdout[y * CODE_WIDTH + x]!, now);
}

/** Ms from first frame drawn to segment on disk, for segments of `variantDir` written in [from, to]. */
export async function segmentAges(variantDir: string, from: number, to: number): Promise<number[]> {
  const files = (await readdir(variantDir)).filter((f) => f.endsWith('.m4s')).sort();
  // ffmpeg's first run (the bench fails on a restart): its init segment for this rendition.
  const init = path.join(variantDir, `r0_init_${path.basename(variantDir)}.mp4`);
  const inWindow: { file: string; written: number }[] = [];
  for (const file of files) {
    const written = (await stat(path.join(variantDir, file))).mtimeMs;
    if (written >= from && written <= to) inWindow.push({ file, written });
  }
  const step = Math.max(1, Math.floor(inWindow.length / MAX_SEGMENTS));
  const ages: number[] = [];
  for (let i = 0; i < inWindow.length; i += step) {
    const { file, written } = inWindow[i]!;
    const drawn = await firstFrameClock(init, path.join(variantDir, file), written).catch(
      () => undefined,
    );
    if (drawn !== undefined) ages.push(written - drawn);
  }
  return ages;
}
