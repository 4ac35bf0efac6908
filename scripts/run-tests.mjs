#!/usr/bin/env node
// Runs every test suite in turn (server, package, tooling and end-to-end with node's test runner,
// elements and the room client's unit tests with web-test-runner in Chromium) and closes with one
// line for the whole run: `N passed, N failed`.
// With CONVENE_TEST_DATABASE_URL set, the server suite runs a second time against PostgreSQL.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const testFiles = (dir) =>
  existsSync(path.join(root, dir))
    ? readdirSync(path.join(root, dir))
        .filter((name) => name.endsWith('.test.ts'))
        .sort()
        .map((name) => `${dir}/${name}`)
    : [];

/** A node:test suite: spec output for people, TAP into a file for the counts. */
function nodeSuite(name, files, env = {}) {
  return () => {
    if (files.length === 0) return { passed: 0, failed: 0, ran: false };
    const tap = path.join(mkdtempSync(path.join(tmpdir(), 'convene-tap-')), 'report.tap');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=1',
        '--test-timeout=300000',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...files,
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
    );
    const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(report)?.[1] ?? 0);
    const passed = count('pass');
    // A runner that died without a report counts as one failure, never as a pass.
    const failed =
      count('fail') + count('cancelled') + (result.status !== 0 && count('fail') === 0 ? 1 : 0);
    console.log(`[${name}] ${passed} passed, ${failed} failed`);
    return { passed, failed, ran: true };
  };
}

/** web-test-runner: its summary line already reads `N passed, N failed`. */
function elementSuite() {
  return () => {
    if (testFiles('test/elements').length === 0) return { passed: 0, failed: 0, ran: false };
    const result = spawnSync('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: process.env,
    });
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    const output = `${result.stdout}\n${result.stderr}`;
    const matches = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
    const last = matches[matches.length - 1];
    const passed = Number(last?.[1] ?? 0);
    const failed =
      Number(last?.[2] ?? 0) + (result.status !== 0 && Number(last?.[2] ?? 0) === 0 ? 1 : 0);
    console.log(`[elements] ${passed} passed, ${failed} failed`);
    return { passed, failed, ran: true };
  };
}

const suites = [
  nodeSuite('server', testFiles('test/server')),
  nodeSuite('tooling', testFiles('test/tooling')),
  nodeSuite('package', testFiles('test/package')),
  elementSuite(),
  nodeSuite('e2e', testFiles('test/e2e')),
];
if (process.env.CONVENE_TEST_DATABASE_URL) {
  suites.push(
    nodeSuite('server on PostgreSQL', testFiles('test/server'), {
      DATABASE_URL: process.env.CONVENE_TEST_DATABASE_URL,
    }),
  );
}

let passed = 0;
let failed = 0;
for (const suite of suites) {
  const result = suite();
  passed += result.passed;
  failed += result.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
