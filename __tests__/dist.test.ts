// The committed dist/: one bundle behind both doors. The CLI door (package.json's bin) runs with
// plain node and reports; importing the bundle does not start the Action; every chunk is one
// named import (scripts/build.mjs), so the Action and the CLI share a single copy of each.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = process.cwd();
const dist = path.join(root, 'dist');

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(dist, 'cli', 'index.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

test('the CLI door prints its version and lints the broken examples (exit 1)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
  expect(pkg.bin.podlint).toBe('dist/cli/index.js');
  expect(cli('--version').stdout.trim()).toBe(pkg.version);
  const run = cli('examples/broken', '--format', 'json');
  expect(run.status).toBe(1);
  // The CLI imports the bundle that is the Action's main: the Action must not run too.
  expect(run.stdout).not.toContain('::');
  expect(run.stderr).toBe('');
  const rules = (JSON.parse(run.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
  expect(rules).toEqual(expect.arrayContaining(['sidecar-image-pinned', 'unique-container-ports', 'unique-container-names']));
});

test('the CLI door starts node with its heap flags, and keeps a flag the user gave node', () => {
  // Each node process (the door and the one it starts) appends its flags to a file.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-door-'));
  const log = path.join(dir, 'flags.txt');
  const preload = path.join(dir, 'print-flags.cjs');
  fs.writeFileSync(preload, `require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.execArgv) + '\\n');`);
  const started = (nodeFlags: string[]) => {
    fs.rmSync(log, { force: true });
    const run = spawnSync(process.execPath, [...nodeFlags, path.join(dist, 'cli', 'index.js'), '--version'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--require ${preload}` },
    });
    expect(run.status).toBe(0);
    return fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
  };
  try {
    const plain = started([]);
    expect(plain).toHaveLength(2); // the door, then node with the flags
    expect(plain[1]).toEqual(expect.arrayContaining(['--max-semi-space-size=16', '--heap-growing-percent=50', '--always-sparkplug']));
    const chosen = started(['--max-semi-space-size=2']);
    expect(chosen).toHaveLength(2);
    expect(chosen[1]).toEqual(expect.arrayContaining(['--max-semi-space-size=2', '--heap-growing-percent=50']));
    expect(chosen[1]).not.toContain('--max-semi-space-size=16');
    // Every flag given: nothing to add, no second node.
    expect(started(['--max-semi-space-size=2', '--heap-growing-percent=25', '--no-always-sparkplug'])).toHaveLength(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the schema chunk loads from dist/: a k8s-schema finding', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-dist-'));
  const file = path.join(dir, 'deploy.yaml');
  fs.writeFileSync(file, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: two\n');
  const run = cli(file, '--format', 'json');
  fs.rmSync(dir, { recursive: true, force: true });
  expect(run.stderr).toBe('');
  const findings = (JSON.parse(run.stdout) as { findings: { rule: string; line: number }[] }).findings;
  expect(findings).toContainEqual(expect.objectContaining({ rule: 'k8s-schema', line: 5 }));
});

test('dist/ holds one set of chunks, each loaded by one named import', () => {
  const bundle = fs.readFileSync(path.join(dist, 'index.js'), 'utf8');
  const chunks = fs.readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f));
  expect(chunks.length).toBeGreaterThan(0);
  expect(fs.readdirSync(path.join(dist, 'cli'))).toEqual(['index.js']);
  for (const chunk of chunks) {
    const id = chunk.split('.')[0];
    expect(bundle).toMatch(new RegExp(`/\\* import\\(\\) \\| [\\w.-]+ \\*/ ${id}\\)`));
  }
});
