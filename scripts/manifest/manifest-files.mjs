// The three generated files' names and contents for a checkout: the manifest and the editor
// data, as prettier formats them (so `prettier --check .` holds and a diff shows real change).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { analyzeElements } from './analyze.mjs';
import { toVsCodeCustomData, toWebTypes } from './editor-data.mjs';

export const MANIFEST_FILES = {
  manifest: 'custom-elements.json',
  vscode: 'vscode.html-custom-data.json',
  webTypes: 'web-types.json',
};

/** @returns {Promise<Record<string, string>>} file name to text */
export async function renderManifestFiles(root) {
  const manifest = await analyzeElements(root);
  // The editors' data names the npm package people install, not the repository's server.
  const { name, version } = JSON.parse(
    readFileSync(path.join(root, 'packages/convene/package.json'), 'utf8'),
  );
  const options = (await prettier.resolveConfig(path.join(root, 'package.json'))) ?? {};
  const format = (value) => prettier.format(JSON.stringify(value), { ...options, parser: 'json' });
  return {
    [MANIFEST_FILES.manifest]: await format(manifest),
    [MANIFEST_FILES.vscode]: await format(toVsCodeCustomData(manifest)),
    [MANIFEST_FILES.webTypes]: await format(toWebTypes(manifest, { name, version })),
  };
}
