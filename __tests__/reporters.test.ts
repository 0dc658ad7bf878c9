// The four outputs: text for people, json for scripts, SARIF for code scanning and workflow
// commands for GitHub annotations (which must never let manifest text start a command).
import { ALL_RULES } from '../src/rules/index.js';
import { bySeverity, escapeData, escapeProperty, formatGithub, workflowCommand } from '../src/report/github.js';
import { formatJson } from '../src/report/json.js';
import { formatSarif, toSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import type { Finding, Report, Severity } from '../src/types.js';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'sidecar-image-pinned',
    severity: 'error',
    message: 'sidecar "uploader" image "fluentd:latest" uses the tag "latest", which moves',
    file: 'k8s/web.yaml',
    line: 20,
    column: 22,
    endLine: 20,
    endColumn: 37,
    resource: { kind: 'Deployment', name: 'web', namespace: 'shop' },
    container: 'uploader',
    ...overrides,
  };
}

function report(findings: Finding[], extra: Partial<Report> = {}): Report {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    findings,
    rules: ALL_RULES,
    skipped: [],
    problems: [],
    summary: { files: 2, documents: 3, resources: 3, pods: 2, errors: count('error'), warnings: count('warning'), notices: count('notice'), suppressed: 0 },
    ...extra,
  };
}

const ANSI = /\x1b\[/;

const MIXED = [
  finding({ file: 'a.yaml', line: 3, column: 5, severity: 'error', rule: 'unique-container-names', message: 'dup name' }),
  finding({ file: 'a.yaml', line: 9, column: 7, severity: 'warning', rule: 'multi-container-shared-volume', message: 'no shared volume' }),
  finding({ file: 'b/c.yaml', line: 1, column: 1, severity: 'notice', rule: 'sidecar-image-pinned', message: 'floats' }),
];

describe('text', () => {
  test('one line a finding, grouped by file, then the count', () => {
    const out = formatText(report(MIXED), { color: false });
    expect(out).toBe(
      [
        'a.yaml:3:5  error    dup name  [unique-container-names]',
        'a.yaml:9:7  warning  no shared volume  [multi-container-shared-volume]',
        '',
        'b/c.yaml:1:1  notice   floats  [sidecar-image-pinned]',
        '',
        '3 problems (1 error, 1 warning, 1 notice) in 2 files (2 files, 3 resources, 2 pod specs checked).',
        '',
      ].join('\n'),
    );
  });

  test('no findings: only the count line', () => {
    const out = formatText(report([], { summary: { files: 1, documents: 1, resources: 1, pods: 1, errors: 0, warnings: 0, notices: 0, suppressed: 0 } }), { color: false });
    expect(out).toBe('No problems found (1 file, 1 resource, 1 pod spec checked).\n');
  });

  test('skipped files are listed and counted', () => {
    const out = formatText(report([], { skipped: [{ file: 'chart/t.yaml', line: 4, reason: 'Helm template' }, { file: 'big.yaml', reason: 'too big' }] }), {
      color: false,
    });
    expect(out).toContain('chart/t.yaml:4  skipped  Helm template\n');
    expect(out).toContain('big.yaml  skipped  too big\n');
    expect(out).toMatch(/No problems found \(.*, 2 skipped\)\.\n$/);
  });

  test('no ANSI colour with color: false, colour with color: true', () => {
    const plain = formatText(report(MIXED), { color: false });
    const coloured = formatText(report(MIXED), { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\x1b[31merror  \x1b[39m');
    expect(coloured).toContain('\x1b[33mwarning\x1b[39m');
    // Stripped of colour, both say the same.
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  test('a file name holding a line break cannot start a new output line', () => {
    const out = formatText(report([finding({ file: 'evil\n::error::x.yaml' })]), { color: false });
    expect(out.split('\n').some((l) => l.startsWith('::'))).toBe(false);
  });
});

describe('json', () => {
  test('the shape CONTRACT.md shows', () => {
    const parsed = JSON.parse(formatJson(report([finding()])));
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['findings', 'summary']));
    expect(parsed.findings).toEqual([
      {
        rule: 'sidecar-image-pinned',
        severity: 'error',
        message: 'sidecar "uploader" image "fluentd:latest" uses the tag "latest", which moves',
        file: 'k8s/web.yaml',
        line: 20,
        column: 22,
        endLine: 20,
        endColumn: 37,
        resource: { kind: 'Deployment', name: 'web', namespace: 'shop' },
        container: 'uploader',
      },
    ]);
    expect(parsed.summary).toEqual({ files: 2, documents: 3, resources: 3, pods: 2, errors: 1, warnings: 0, notices: 0, suppressed: 0 });
  });

  test('is one JSON value ending in a line break, even with no findings', () => {
    const out = formatJson(report([]));
    expect(out.endsWith('\n')).toBe(true);
    expect(JSON.parse(out).findings).toEqual([]);
  });
});

describe('sarif', () => {
  const log = () => toSarif(report(MIXED));

  test('version, $schema and one run of podlint', () => {
    const sarif = JSON.parse(formatSarif(report(MIXED)));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif.*2\.1\.0.*\.json$/);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.name).toBe('podlint');
  });

  test('every rule is described', () => {
    const rules = log().runs[0]!.tool.driver.rules!;
    const ids = rules.map((r) => r.id);
    for (const id of ['unique-container-names', 'shared-volume-declared', 'sidecar-image-pinned', 'unique-container-ports', 'multi-container-shared-volume', 'yaml-syntax']) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.shortDescription?.text).toMatch(/\S/);
      expect(rule.fullDescription?.text).toMatch(/\S/);
      expect(rule.help?.text).toMatch(/\S/);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration?.level);
    }
    expect(rules.find((r) => r.id === 'multi-container-shared-volume')!.defaultConfiguration!.level).toBe('warning');
    expect(rules.find((r) => r.id === 'sidecar-image-pinned')!.defaultConfiguration!.level).toBe('error');
  });

  test('every result has its rule, level and full region', () => {
    const run = log().runs[0]!;
    const results = run.results!;
    expect(results).toHaveLength(3);
    expect(results.map((r) => r.level)).toEqual(['error', 'warning', 'note']);
    results.forEach((r, i) => {
      const f = MIXED[i]!;
      expect(r.ruleId).toBe(f.rule);
      expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(f.rule);
      expect(r.message.text).toBe(f.message);
      const location = r.locations![0]!.physicalLocation!;
      expect(location.artifactLocation!.uri).toBe(f.file);
      expect(location.region).toEqual({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    });
  });

  test('a file name is written as a URI', () => {
    const results = toSarif(report([finding({ file: 'k8s/my app#1.yaml' })])).runs[0]!.results!;
    expect(results[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('k8s/my%20app%231.yaml');
  });

  test('partialFingerprints stay the same when only the lines move', () => {
    const fingerprints = (findings: Finding[]) => toSarif(report(findings)).runs[0]!.results!.map((r) => r.partialFingerprints);
    const before = [
      finding({ line: 20, endLine: 20, rule: 'unique-container-names', container: 'app', message: 'container name "app" is already used by containers[0] at line 12' }),
      finding(),
    ];
    const after = [
      finding({ line: 31, endLine: 31, rule: 'unique-container-names', container: 'app', message: 'container name "app" is already used by containers[0] at line 15' }),
      finding({ line: 44, endLine: 44, column: 9, endColumn: 24 }),
    ];
    const a = fingerprints(before);
    expect(a.every((fp) => fp && Object.values(fp).length > 0)).toBe(true);
    expect(fingerprints(after)).toEqual(a);
    // But a finding in another file, or of another container, is another alert.
    expect(fingerprints([finding({ file: 'k8s/other.yaml' })])[0]).not.toEqual(a[1]);
    expect(fingerprints([finding({ container: 'shipper' })])[0]).not.toEqual(a[1]);
    // Two identical findings in one file stay two alerts.
    const twins = fingerprints([finding(), finding({ line: 30, endLine: 30 })]);
    expect(twins[0]).not.toEqual(twins[1]);
  });

  test('skipped files and run problems are tool notifications', () => {
    const sarif = toSarif(report([], { skipped: [{ file: 'big.yaml', reason: 'too big' }], problems: [{ file: 'gone', message: 'no such file or folder' }] }));
    const invocation = sarif.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications!.map((n) => n.level)).toEqual(['error', 'note']);
  });
});

describe('github workflow commands', () => {
  test('escaping: % \\r \\n in data; also : and , in properties', () => {
    expect(escapeData('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab:c,d');
    expect(escapeProperty('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab%3Ac%2Cd');
    // % first, so an escape already in the text is not read back as one.
    expect(escapeData('%0A')).toBe('%250A');
  });

  test('one command per finding with its position and title', () => {
    expect(workflowCommand(finding())).toBe(
      '::error file=k8s/web.yaml,line=20,endLine=20,col=22,endColumn=37,title=sidecar-image-pinned::' +
        'sidecar "uploader" image "fluentd:latest" uses the tag "latest", which moves',
    );
    expect(workflowCommand(finding({ severity: 'warning' }))).toMatch(/^::warning /);
    expect(workflowCommand(finding({ severity: 'notice' }))).toMatch(/^::notice /);
  });

  test('properties with : and , are escaped', () => {
    expect(workflowCommand(finding({ file: 'k8s/a,b:c.yaml' }))).toContain('file=k8s/a%2Cb%3Ac.yaml,');
  });

  test('manifest text cannot inject a command', () => {
    const evil = [
      finding({ message: 'x\n::error::injected' }),
      finding({ message: 'y\r\n::warning file=a::injected' }),
      finding({ message: 'z%0A::error::injected' }),
      finding({ file: 'evil\n::error::injected.yaml' }),
      finding({ file: 'evil%0A::error::injected.yaml', severity: 'warning' }),
      finding({ rule: 'id\n::error::x', severity: 'notice' }),
    ];
    const out = formatGithub(evil);
    const lines = out.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(evil.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^\n\r]*::[^\n\r]*$/);
    // The runner splits commands on real line breaks only; escaped ones stay inside the message.
    expect(out).toContain('x%0A::error::injected');
    expect(out).toContain('z%250A::error::injected');
    expect(out).toContain('file=evil%250A%3A%3Aerror%3A%3Ainjected.yaml,');
  });

  test('most severe first', () => {
    const findings = [
      finding({ severity: 'notice', file: 'a.yaml' }),
      finding({ severity: 'warning', file: 'b.yaml' }),
      finding({ severity: 'error', file: 'c.yaml' }),
      finding({ severity: 'notice', file: 'd.yaml' }),
      finding({ severity: 'error', file: 'e.yaml' }),
    ];
    const kinds = formatGithub(findings)
      .trimEnd()
      .split('\n')
      .map((l) => l.slice(2, l.indexOf(' ')));
    expect(kinds).toEqual(['error', 'error', 'warning', 'notice', 'notice']);
    // Within a severity the file order is kept.
    expect(bySeverity(findings).map((f) => f.file)).toEqual(['c.yaml', 'e.yaml', 'b.yaml', 'a.yaml', 'd.yaml']);
  });

  test('no findings, no output', () => {
    expect(formatGithub([])).toBe('');
  });
});
