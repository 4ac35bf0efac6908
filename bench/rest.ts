// REST throughput: authenticated GET /v2/rooms/{id} and POST /v2/rooms on loopback, beside a bare
// Fastify route measured in the same run. Rounds interleave ours and the anchor; medians count.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import autocannon from 'autocannon';

const ROUNDS = 3;
const SECONDS = 4;
const CONNECTIONS = 20;

interface Target {
  url: string;
  path: string;
  token?: string;
  child: ChildProcess;
}

async function startTarget(kind: 'convene' | 'bare-fastify'): Promise<Target> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'rest-targets.ts'), kind],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = await new Promise<string[]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (first) => resolve([first]));
  });
  return { ...(JSON.parse(line!) as Omit<Target, 'child'>), child };
}

async function load(options: autocannon.Options): Promise<number> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${options.method ?? 'GET'} ${options.url}: ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
  return result.requests.average;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runRestBench(): Promise<void> {
  const ours = await startTarget('convene');
  const bare = await startTarget('bare-fastify');
  const reads: number[] = [];
  const creates: number[] = [];
  const anchor: number[] = [];
  let counter = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      anchor.push(await load({ url: bare.url + bare.path }));
      reads.push(
        await load({
          url: ours.url + ours.path,
          headers: { authorization: `Bearer ${ours.token}` },
        }),
      );
      creates.push(
        await load({
          url: `${ours.url}/v2/rooms`,
          method: 'POST',
          headers: { authorization: `Bearer ${ours.token}`, 'content-type': 'application/json' },
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                body: JSON.stringify({ name: `bench-${round}-${counter++}` }),
              }),
            },
          ],
        }),
      );
      console.log(
        `round ${round + 1}: bare ${Math.round(anchor[round]!)} req/s, GET room ${Math.round(reads[round]!)} req/s, POST room ${Math.round(creates[round]!)} req/s`,
      );
    }
  } finally {
    ours.child.kill();
    bare.child.kill();
  }
  const read = Math.round(median(reads));
  const bareRate = Math.round(median(anchor));
  console.log(`rest-create: ${Math.round(median(creates))} req/s (POST /v2/rooms, new room each)`);
  console.log(
    `rest: ${read} req/s (anchor bare-fastify: ${bareRate} req/s, ratio ${(read / bareRate).toFixed(2)})`,
  );
}
