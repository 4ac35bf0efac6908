// What ffprobe reads of a media file: its duration, its streams' kinds and its picture's size.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MediaFacts {
  /** Seconds; 0 when ffprobe cannot read one (an empty or broken file). */
  duration: number;
  /** Each stream's kind ('audio', 'video', ...), sorted; empty when ffprobe cannot read it. */
  streams: string[];
  /** The first video stream's size; absent for audio only. */
  width?: number;
  height?: number;
}

export async function probeMedia(file: string): Promise<MediaFacts> {
  try {
    const { stdout } = await run(
      'ffprobe',
      [
        ...['-v', 'error', '-of', 'json'],
        ...['-show_entries', 'format=duration:stream=codec_type,width,height', file],
      ],
      { timeout: 30_000 },
    );
    const facts = JSON.parse(stdout) as {
      format?: { duration?: string };
      streams?: { codec_type?: string; width?: number; height?: number }[];
    };
    const seconds = Number.parseFloat(facts.format?.duration ?? '');
    const video = facts.streams?.find((stream) => stream.codec_type === 'video');
    return {
      duration: Number.isFinite(seconds) ? seconds : 0,
      streams: (facts.streams ?? []).map((stream) => stream.codec_type ?? 'unknown').sort(),
      ...(video?.width && video.height ? { width: video.width, height: video.height } : {}),
    };
  } catch {
    return { duration: 0, streams: [] };
  }
}
