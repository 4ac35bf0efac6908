// The anchors of the bundle-size bench: other vendors' prebuilt meeting UIs, each alone in a
// minimal page, installed from npm at the versions shared/reference/anchor-bundles.md names into
// os.tmpdir()/convene-bundle-anchors/<id>/ (never into the project's package.json), and reused
// when a folder already holds those exact versions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ANCHORS_DIR = path.join(os.tmpdir(), 'convene-bundle-anchors');
const INSTALL_TIMEOUT_MS = 15 * 60_000;

export interface Anchor {
  id: string;
  /** Who, as the bench's last line names it. */
  name: string;
  /** What is measured, in the vendor's words. */
  component: string;
  packages: Record<string, string>;
  /** The page's body. */
  body: string;
  /** main.js of the page, written once the packages are installed (it may list their files). */
  entry: (installDir: string) => string;
}

// A dummy token and no server: nothing connects, the UI's code is all that is counted. React
// pages call createElement rather than JSX so that no JSX plugin stands between them and vite.
const REACT_ROOT = `<div id="root"></div>`;

export const ANCHORS: Anchor[] = [
  {
    id: 'livekit',
    name: 'LiveKit',
    component: '<LiveKitRoom><VideoConference/></LiveKitRoom>',
    packages: {
      '@livekit/components-react': '2.9.24',
      '@livekit/components-styles': '1.2.0',
      'livekit-client': '2.23.0',
      react: '19.3.1',
      'react-dom': '19.3.1',
    },
    body: REACT_ROOT,
    entry: () => `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { LiveKitRoom, VideoConference } from '@livekit/components-react';
import '@livekit/components-styles';

createRoot(document.getElementById('root')).render(
  h(LiveKitRoom, { token: 'dummy', serverUrl: 'wss://livekit.invalid', connect: false }, h(VideoConference)),
);
`,
  },
  {
    id: 'dyte',
    name: 'Dyte',
    component: '<dyte-meeting> (ui-kit + web-core)',
    packages: { '@dytesdk/ui-kit': '3.0.8', '@dytesdk/web-core': '3.1.11' },
    body: '<dyte-meeting></dyte-meeting>',
    // <dyte-meeting> picks its screens by tag name from a UI config at run time, so importing it
    // alone leaves the setup screen, grid and controls undefined. Each file of the ui-kit's
    // custom-elements build defines its element on import: import them all, as a meeting needs.
    entry: (installDir) => {
      const components = readdirSync(
        path.join(installDir, 'node_modules/@dytesdk/ui-kit/dist/components'),
      )
        .filter((file) => /^dyte-.*\.js$/.test(file))
        .sort()
        .map((file) => `import '@dytesdk/ui-kit/components/${file.replace(/\.js$/, '')}';`);
      return `import DyteClient from '@dytesdk/web-core';
${components.join('\n')}

DyteClient.init({ authToken: 'dummy' }).then(
  (meeting) => { document.querySelector('dyte-meeting').meeting = meeting; },
  () => {},
);
`;
    },
  },
  {
    id: '100ms',
    name: '100ms',
    component: '<HMSPrebuilt> (roomkit-react)',
    packages: { '@100mslive/roomkit-react': '0.5.7', react: '18.3.1', 'react-dom': '18.3.1' },
    body: REACT_ROOT,
    entry: () => `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { HMSPrebuilt } from '@100mslive/roomkit-react';

createRoot(document.getElementById('root')).render(h(HMSPrebuilt, { roomCode: 'dummy-code' }));
`,
  },
];

function installedVersion(installDir: string, name: string): string | undefined {
  const file = path.join(installDir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

/**
 * Installs the anchor's pinned packages unless its folder already has them; answers the folder,
 * or throws with why npm failed (the bench prints it and goes on with the other anchors).
 */
export function installAnchor(anchor: Anchor): string {
  const installDir = path.join(ANCHORS_DIR, anchor.id);
  const pinned = Object.entries(anchor.packages);
  if (pinned.every(([name, version]) => installedVersion(installDir, name) === version)) {
    return installDir;
  }
  mkdirSync(installDir, { recursive: true });
  writeFileSync(
    path.join(installDir, 'package.json'),
    JSON.stringify(
      { name: `anchor-${anchor.id}`, private: true, type: 'module', dependencies: anchor.packages },
      null,
      2,
    ),
  );
  console.log(`  installing ${anchor.name} (${pinned.map(([n, v]) => `${n}@${v}`).join(', ')})…`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: installDir,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.status !== 0) {
    // npm says what went wrong in its first error lines (code, then message); the rest is detail.
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
      .split('\n')
      .filter((line) => line.startsWith('npm error'))
      .slice(0, 3);
    throw new Error(
      `npm install failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}): ${output.join(' | ')}`,
    );
  }
  const wrong = pinned.filter(([name, version]) => installedVersion(installDir, name) !== version);
  if (wrong.length > 0) {
    throw new Error(`npm installed other versions of ${wrong.map(([name]) => name).join(', ')}`);
  }
  return installDir;
}

/** Writes the anchor's page into `<installDir>/page`, beside its node_modules; answers that folder. */
export function writeAnchorPage(anchor: Anchor, installDir: string): string {
  const pageDir = path.join(installDir, 'page');
  mkdirSync(pageDir, { recursive: true });
  writeFileSync(path.join(pageDir, 'index.html'), pageHtml(anchor.name, anchor.body, './main.js'));
  writeFileSync(path.join(pageDir, 'main.js'), anchor.entry(installDir));
  return pageDir;
}

export function pageHtml(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>bundle-size: ${title}</title>
    <script type="module" src="${script}"></script>
  </head>
  <body>
    ${body}
  </body>
</html>
`;
}
