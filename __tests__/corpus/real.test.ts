// The no-crash sweep: every real-world manifest of ../shared/corpus/real goes through the engine
// and through the committed CLI bundle. Nothing may throw, every finding must sit inside its
// file, and the bundle (which checks files in worker threads) must agree with the engine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decode } from '../../src/check-file.js';
import { lint } from '../../src/lint.js';
import type { Finding, Report } from '../../src/types.js';

const root = process.cwd();
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'real');

function linesOf(file: string): string[] {
  let text = decode(fs.readFileSync(path.join(root, file))) ?? '';
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.split('\n');
}

function positionProblem(f: Finding, lines: string[]): string | undefined {
  const lineLength = (n: number) => (lines[n - 1] ?? '').length;
  if (!(f.line >= 1 && f.line <= lines.length)) return `line ${f.line} outside 1..${lines.length}`;
  if (!(f.endLine >= f.line && f.endLine <= lines.length)) return `endLine ${f.endLine}`;
  if (!(f.column >= 1 && f.column <= lineLength(f.line) + 1)) return `column ${f.column} on a line of ${lineLength(f.line)}`;
  if (!(f.endColumn >= 1 && f.endColumn <= lineLength(f.endLine) + 1)) return `endColumn ${f.endColumn}`;
  if (f.endLine === f.line && f.endColumn < f.column) return 'ends before it starts';
  return undefined;
}

describe('the real-world corpus', () => {
  let report: Report;

  beforeAll(async () => {
    expect(fs.existsSync(corpus)).toBe(true);
    report = await lint({ paths: [path.relative(root, corpus)], cwd: root });
  });

  test('is read whole without a problem', () => {
    expect(report.problems).toEqual([]);
    expect(report.summary.files).toBeGreaterThan(1500);
    expect(report.summary.documents).toBeGreaterThan(3800);
    expect(report.summary.pods).toBeGreaterThan(800);
  });

  test('every finding has a valid position inside its file', () => {
    const lines = new Map<string, string[]>();
    const bad: string[] = [];
    for (const f of report.findings) {
      if (!lines.has(f.file)) lines.set(f.file, linesOf(f.file));
      const problem = positionProblem(f, lines.get(f.file)!);
      if (problem) bad.push(`${f.file}:${f.line}:${f.column} [${f.rule}] ${problem}`);
    }
    expect(bad).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  test('the committed CLI bundle agrees with the engine, exit 0 or 1 and nothing on stderr', () => {
    const cli = path.join(root, 'dist', 'cli', 'index.js');
    let stdout: string;
    let status = 0;
    try {
      stdout = execFileSync(process.execPath, [cli, path.relative(root, corpus), '--format', 'json'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      status = e.status;
      stdout = e.stdout;
      expect(e.stderr).toBe('');
    }
    expect([0, 1]).toContain(status);
    const fromCli = JSON.parse(stdout) as Report;
    expect(fromCli.findings).toEqual(report.findings);
    expect(fromCli.summary).toEqual(report.summary);
  });
});
