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
