// What podlint prints can never be turned against the reader: control characters and
// bidirectional overrides are shown escaped in every text and `github` line (messages, parser
// and config errors, file names), JSON and SARIF keep the exact strings, and errors about
// podlint's own files (config, policies) never echo those files' text.
import fs from 'node:fs';
import path from 'node:path';
import { runCli, type CliIo } from '../src/cli.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { escapeControls, quote } from '../src/quote.js';
import { escapeMarkdown } from '../src/report/summary.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-output-');
// As long as a real GitHub token (40 characters).
const SECRET = `ghp_${'N0tAR3alT0ken'.repeat(3).slice(0, 36)}`;

/** Every character that must never reach a terminal raw. */
const CONTROLS = ['\x1b', '\x07', '\x08', '\x00', '\x7f', '\x85', '\x9b', '\u202e', '\u202a', '\u2066', '\u2069', '\u200f', '\u061c', '\u2028'];
const RAW = new RegExp(`[${CONTROLS.join('')}]`);

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('escapeControls and quote', () => {
  test.each(CONTROLS.map((c) => [c.charCodeAt(0).toString(16)]))('U+%s is escaped', (hex) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    expect(escapeControls(`a${c}b`)).toBe(`a\\u${hex.padStart(4, '0')}b`.replace('\\u0000', '\\u0000'));
    expect(quote(`a${c}b`)).not.toMatch(RAW);
    expect(escapeMarkdown(`a${c}b`)).not.toMatch(RAW);
  });

  test('ordinary text, quotes and non-Latin letters stay as they are', () => {
    expect(escapeControls('container "app" — データ ✓')).toBe('container "app" — データ ✓');
    expect(escapeControls('a\nb\tc')).toBe('a\\nb\\tc');
  });
});

describe('manifests with controls in names, values and file names', () => {
  const evil = `\x1b[2J\x1b]0;owned\x07\u202eevil\u2066`;
  const manifest = [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: { name: "p\\e[31m" }`,
    'spec:',
    '  containers:',
    `    - { name: "a\\e[2Jx", image: "a:1" }`,
    `    - { name: "a\\e[2Jx", image: "b:1" }`,
    '',
  ].join('\n');

  function evilTree() {
    const cwd = tree({});
    fs.writeFileSync(path.join(cwd, `${evil}.yaml`), manifest);
    fs.writeFileSync(path.join(cwd, 'broken.yaml'), `a: !<tag:\x1b[31m\u202e> b\nc: "\\q\x1b"\n`);
    return cwd;
  }

  test.each(['text', 'github'])('--format %s escapes them all', async (format) => {
    const { stdout, stderr } = await run(['--format', format, '--no-color'], evilTree());
    expect(stdout).toMatch(/unique-container-names/);
    expect(stdout).toMatch(/broken\.yaml/);
    expect(stdout).not.toMatch(RAW);
    expect(stderr).not.toMatch(RAW);
    expect(stdout).toContain('\\u001b');
  });

  test.each(['json', 'sarif'])('--format %s keeps the exact strings', async (format) => {
    const { stdout } = await run(['--format', format], evilTree());
    // JSON escapes C0 itself; the strings are exact once parsed.
    expect(stdout).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    const report = JSON.parse(stdout) as { findings?: { file: string; container?: string }[]; runs?: { results: { message: { text: string } }[] }[] };
    if (format === 'json') {
      expect(report.findings!.map((f) => f.file)).toContain(`${evil}.yaml`);
      expect(report.findings!.map((f) => f.container)).toContain('a\x1b[2Jx');
    } else {
      expect(report.runs![0]!.results.map((r) => r.message.text).join('\n')).toMatch(/container name "a\\u001b\[2Jx"/);
    }
  });

  test('a problem about an unreadable file with controls in its name', async () => {
    const cwd = tree({});
    const name = `\x1b]0;owned\x07\u202eevil\u2066.yml`; // (no [ ]: that would be a glob)
    fs.symlinkSync('/dev/zero', path.join(cwd, name));
    const { stdout, stderr } = await run([name], cwd);
    expect(stderr).toMatch(/character device/);
    expect(stderr + stdout).not.toMatch(RAW);
  });
});

describe('config and policy errors', () => {
  test('controls in a config error are escaped', async () => {
    const cwd = tree({ '.podlint.yml': `rules:\n  "\x1b[31mx\u202e": off\n` });
    const { code, stderr } = await run([], cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown rule id/);
    expect(stderr).not.toMatch(RAW);
  });

  test('a config given as a token file never prints the token', () => {
    const cwd = tree({ 'token.txt': `${SECRET}\n`, 'token.yml': `${SECRET}: x\n  y` });
    for (const file of ['token.txt', 'token.yml']) {
      let message = '';
      try {
        loadConfig({ cwd, file });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toMatch(new RegExp(`^  ${file.replace('.', '\\.')}:\\d+:\\d+: `, 'm'));
      expect(message).not.toContain(SECRET);
    }
  });

  test('parser messages that would quote the file say only what is wrong and where', () => {
    const cwd = tree({ '.podlint.yml': `a: |${SECRET}\n  x\n`, 'p/.podlint.yml': `a: "\\q${SECRET}"\n`, 'q/.podlint.yml': `${SECRET}: 1\n${SECRET}: 2\n` });
    for (const dir of [cwd, path.join(cwd, 'p'), path.join(cwd, 'q')]) {
      let message = '';
      try {
        loadConfig({ cwd: dir });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^\.podlint\.yml:\d+:\d+: (Block scalar header includes extra characters|a backslash in a double-quoted string starts an escape YAML does not know|the key is set twice in one map \(first at line 1, column 1\))$/);
      expect(message).not.toContain('ghp');
    }
  });

  test('a policy file that is one long string: described, not shown', () => {
    const cwd = tree({ '.podlint.yml': 'policies: [p.yaml]\n', 'p.yaml': `${SECRET}\n` });
    expect(() => loadConfig({ cwd })).toThrow(/p\.yaml:1:1: the value must be a map, got a string$/m);
    expect(() => loadConfig({ cwd })).not.toThrow(new RegExp(SECRET));
  });

  test('short values inside the config are still named (what to fix)', () => {
    const cwd = tree({ '.podlint.yml': 'rules:\n  sidecar-image-pinned: { pin: sha }\n' });
    expect(() => loadConfig({ cwd })).toThrow(/got the string "sha"/);
    const long = tree({ '.podlint.yml': `rules:\n  sidecar-image-pinned: { pin: ${'s'.repeat(60)} }\n` });
    expect(() => loadConfig({ cwd: long })).toThrow(/`pin` must be one of tag, digest, got a string$/m);
  });
});
