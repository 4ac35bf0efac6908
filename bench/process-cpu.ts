// CPU seconds a process and everything under it has used, from /proc (Linux): the benches that
// run browsers and encoders weigh what they cost, not only how fast they are.
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface ProcStat {
  /** The command name (at most 15 characters, as the kernel keeps it). */
  name: string;
  ppid: number;
  /** utime + stime of the process itself, in ticks (children that ended are not counted). */
  ticks: number;
}

function readStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The name in parentheses may hold spaces: the fields that follow start after the last ')'.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        name: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return stats;
}

/** CPU seconds used so far by each root's process tree (0 for a root that is gone). */
export function treeCpuSeconds(roots: (number | undefined)[]): number {
  const stats = readStats();
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats)
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  let ticks = 0;
  const seen = new Set<number>();
  const stack = roots.filter((pid): pid is number => pid !== undefined);
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    ticks += stats.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

/** The direct children of `parent` whose command name starts with `name` (e.g. mediasoup's workers). */
export function childrenNamed(parent: number, name: string): number[] {
  return [...readStats()]
    .filter(([, stat]) => stat.ppid === parent && stat.name.startsWith(name))
    .map(([pid]) => pid);
}
