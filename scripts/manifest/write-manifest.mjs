#!/usr/bin/env node
// `npm run manifest`: writes custom-elements.json from the elements' JSDoc, and the VS Code and
// JetBrains editor data made from it, formatted as the repository formats JSON. The files are
// committed (Storybook, editors and the package read them on a fresh clone); a test fails when
// they no longer match the source.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderManifestFiles } from './manifest-files.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const files = await renderManifestFiles(root);
for (const [name, text] of Object.entries(files)) {
  const file = path.join(root, name);
  let before = '';
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    // not written yet
  }
  if (before !== text) writeFileSync(file, text);
  console.log(`${before === text ? 'unchanged' : 'wrote'} ${name}`);
}
