// action.yml is what the runner reads: it must parse, declare exactly the inputs and outputs the
// contract lists (with their defaults), and declare every input the code reads.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@jest/globals';
import { parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const doc = parseDocument(fs.readFileSync(path.join(root, 'action.yml'), 'utf8'));
const action = doc.toJS() as {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};

test('action.yml is valid YAML that runs dist/index.js on node24', () => {
  expect(doc.errors).toEqual([]);
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
});

test('inputs and defaults are the contract\'s', () => {
  const defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, String(input.default)]));
  expect(defaults).toEqual({
    paths: '.',
    config: '',
    'fail-on': 'error',
    'only-changed': 'false',
    'sarif-file': '',
    annotations: 'auto',
    'kubernetes-version': '',
    shard: '',
    token: '${{ github.token }}',
  });
  for (const input of Object.values(action.inputs)) {
    expect(input.required).toBe(false);
    expect(input.description.length).toBeGreaterThan(20);
  }
});

test('outputs are the contract\'s', () => {
  expect(Object.keys(action.outputs).sort()).toEqual(['errors', 'findings', 'notices', 'sarif-file', 'warnings']);
});

test('every input the code reads is declared', () => {
  const sources = ['src/main.ts', ...fs.readdirSync(path.join(root, 'src/action')).map((f) => `src/action/${f}`)];
  const read = new Set<string>();
  for (const file of sources) {
    for (const m of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/getInput\('([\w-]+)'\)/g)) read.add(m[1]!);
  }
  expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
});
