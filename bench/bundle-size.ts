// Bundle size: the gzip bytes (level 9; KB = 1,024 bytes) of the JavaScript a page holding
// <convene-meeting room-code="x"> loads before Join, what a call adds at Join (the room client
// and mediasoup-client), and what the chat and participant list add when first opened. The page
// is generated in a temp folder and built with the project's vite exactly as each anchor's page
// is (bench/bundle-chunks.ts): Dyte's <dyte-meeting>, LiveKit's <LiveKitRoom><VideoConference/>
// and 100ms's <HMSPrebuilt>, installed from npm at pinned versions (bench/bundle-anchors.ts).
// "Before Join" / "initial" is the page's module script, its modulepreloads and everything they
// import statically; never chunks reached only by import(). Builds are deterministic, so each
// page is built once: no interleaving or medians. Then the script-tag bundle and each npm entry
// alone (bench/bundle-entries.ts), so a page that uses one element is seen to pay for one. An
// anchor that fails to install or build is reported and left out, never given a figure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ANCHORS, installAnchor, pageHtml, writeAnchorPage } from './bundle-anchors.ts';
import { runEntryBench } from './bundle-entries.ts';
import type { Anchor } from './bundle-anchors.ts';
import {
  buildPage,
  dynamicImportsOf,
  gzipOf,
  kb,
  rawOf,
  reachable,
  type BuiltPage,
} from './bundle-chunks.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const MEETING_DEFINE = path.join(ROOT, 'src/elements/convene-meeting/define.ts');
/** The import()s <convene-meeting> makes when a panel is first opened, not when a call starts. */
const PANEL_SOURCE = /src\/elements\/(convene-chat|convene-participant-list)\//;

interface Figures {
  initial: number;
  total: number;
}

function row(page: BuiltPage, file: string): void {
  const chunk = page.chunks.get(file);
  const source = chunk?.isEntry
    ? " (the page's module script)"
    : chunk?.src
      ? ` (${path.relative(ROOT, path.resolve(page.root, chunk.src))})`
      : '';
  const label = `${file}${source}`;
  console.log(
    `    ${label.padEnd(84)} ${kb(rawOf(page, file)).padStart(10)} raw ${kb(gzipOf(page, [file])).padStart(9)} gzip`,
  );
}

function listGroup(page: BuiltPage, title: string, files: Set<string>): number {
  const gzip = gzipOf(page, files);
  console.log(`  ${title}: ${kb(gzip)} gzip`);
  for (const file of [...files].sort()) row(page, file);
  return gzip;
}

async function measureOurs(): Promise<Figures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-bundle-ours-'));
  try {
    const define = path.relative(dir, MEETING_DEFINE).split(path.sep).join('/');
    writeFileSync(path.join(dir, 'main.ts'), `import '${define}';\n`);
    writeFileSync(
      path.join(dir, 'index.html'),
      pageHtml('Convene', '<convene-meeting room-code="x"></convene-meeting>', './main.ts'),
    );
    const page = await buildPage(dir, path.join(dir, 'dist'));
    console.log('Convene <convene-meeting> (src/elements/convene-meeting/define.ts):');

    const before = reachable(page, page.scripts);
    const dynamic = dynamicImportsOf(page, before);
    const panelRoots = dynamic.filter((file) =>
      PANEL_SOURCE.test(page.chunks.get(file)?.src ?? ''),
    );
    const joinRoots = dynamic.filter((file) => !panelRoots.includes(file));
    // A call follows the room client's own import()s too: mediasoup-client loads as it joins.
    const atJoin = reachable(page, joinRoots, { dynamic: true, loaded: before });
    const onFirstOpen = reachable(page, panelRoots, {
      dynamic: true,
      loaded: new Set([...before, ...atJoin]),
    });
    const elsewhere = new Set(
      page.jsFiles.filter((f) => !before.has(f) && !atJoin.has(f) && !onFirstOpen.has(f)),
    );

    const initial = listGroup(
      page,
      'before Join (module script, modulepreloads, static imports)',
      before,
    );
    const join = listGroup(page, 'added at Join (the room client and what it imports)', atJoin);
    listGroup(page, 'added when the chat / participant list is first opened', onFirstOpen);
    if (elsewhere.size > 0) listGroup(page, 'other chunks (no path above loads them)', elsewhere);
    if (
      ![...atJoin].some((f) => page.chunks.get(f)?.src?.includes('node_modules/mediasoup-client/'))
    )
      console.log('  note: no mediasoup-client chunk is loaded at Join');
    if (
      [...before].some((f) => page.chunks.get(f)?.src?.includes('node_modules/mediasoup-client/'))
    )
      console.log('  note: mediasoup-client is loaded before Join');
    console.log(`  after Join: ${kb(initial + join)} gzip in all`);
    return { initial, total: initial + join };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureAnchor(anchor: Anchor): Promise<Figures> {
  const installDir = installAnchor(anchor);
  const pageDir = writeAnchorPage(anchor, installDir);
  const page = await buildPage(pageDir, path.join(installDir, 'dist'));
  const initial = gzipOf(page, reachable(page, page.scripts));
  const total = gzipOf(page, page.jsFiles);
  const css = gzipOf(page, page.cssFiles);
  const versions = Object.entries(anchor.packages).map(([name, v]) => `${name}@${v}`);
  console.log(`${anchor.name} ${anchor.component}: ${versions.join(', ')}`);
  console.log(
    `  initial JS ${kb(initial)} gzip, all JS ${kb(total)} gzip (${page.jsFiles.length} file${page.jsFiles.length === 1 ? '' : 's'}), CSS ${kb(css)} gzip`,
  );
  return { initial, total };
}

export async function runBundleSizeBench(): Promise<void> {
  const ours = await measureOurs();
  await runEntryBench();
  const anchors: { anchor: Anchor; figures: Figures }[] = [];
  for (const anchor of ANCHORS) {
    try {
      anchors.push({ anchor, figures: await measureAnchor(anchor) });
    } catch (error) {
      console.log(`${anchor.name}: not measured: ${(error as Error).message}`);
    }
  }
  const figure = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB gzip`;
  const smallest = anchors.sort((a, b) => a.figures.initial - b.figures.initial)[0];
  const anchorText = smallest
    ? ` (anchor ${smallest.anchor.name}: ${figure(smallest.figures.initial)}, ratio ${(ours.initial / smallest.figures.initial).toFixed(3)})`
    : ' (no anchor could be measured)';
  console.log(`bundle-size: ${figure(ours.initial)}${anchorText}`);
}
