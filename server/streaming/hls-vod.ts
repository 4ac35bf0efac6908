// A live stream's `hls_vod` recording (100ms: "a zip of m3u8 and all the chunks"): when the
// stream ends, one ZIP of a master playlist, a finished playlist per rendition and the segments
// and init segments those name, paused stretches cut out as in the MP4. It plays from where it
// is unpacked. Segments are stored, not deflated: they are compressed video already. Debian's
// zip writes it (ZIP64 past 4 GiB), from a staging folder of links to the stream's own files.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { masterPlaylist, segmentsOf, vodPlaylist } from './hls-playlists.ts';
import { recordedPieces, type PausedStretch } from './live-stream-recording.ts';

const run = promisify(execFile);
const ZIP = process.env.CONVENE_ZIP || '/usr/bin/zip';

/**
 * Writes `file` from the stream folder `streamDir` (its `%v` rendition folders) and answers
 * the seconds it holds, or undefined when nothing was recorded.
 */
export async function writeHlsVod(
  streamDir: string,
  renditions: number,
  file: string,
  paused: readonly PausedStretch[],
): Promise<number | undefined> {
  const master = await masterPlaylist(streamDir);
  if (!master) return undefined;
  const staging = await mkdtemp(`${file}.staging-`);
  try {
    let seconds: number | undefined;
    for (let rendition = 0; rendition < renditions; rendition++) {
      const source = path.join(streamDir, String(rendition));
      const pieces = recordedPieces(await segmentsOf(source), paused);
      if (pieces.length === 0) return undefined;
      const folder = path.join(staging, String(rendition));
      await mkdir(folder);
      await writeFile(path.join(folder, 'index.m3u8'), vodPlaylist(pieces));
      const named = new Set(pieces.flat().flatMap((segment) => [segment.init, segment.uri]));
      for (const name of named) await symlink(path.join(source, name), path.join(folder, name));
      // The best rendition's length is the recording's.
      seconds ??= pieces.flat().reduce((sum, segment) => sum + segment.seconds, 0);
    }
    await writeFile(path.join(staging, 'master.m3u8'), master);
    await rm(file, { force: true });
    // -0 stores, -r recurses, -X leaves out owners and times; links are followed (no -y).
    await run(ZIP, ['-q', '-0', '-r', '-X', path.resolve(file), '.'], { cwd: staging });
    return seconds;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
