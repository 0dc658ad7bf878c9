import { checkText } from '../src/check-text.js';
import { formatText } from '../src/report/text.js';
import { lint } from '../src/lint.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const pod = (imageLine: string, before = '') =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: { name: p }',
    'spec:',
    '  volumes: [{ name: shared, emptyDir: {} }]',
    '  containers:',
    '    - { name: app, image: app:1.0, volumeMounts: [{ name: shared, mountPath: /a }] }',
    '    - name: shipper',
    '      volumeMounts: [{ name: shared, mountPath: /b }]',
    ...(before ? [before] : []),
    imageLine,
  ].join('\n');

const rules = async (text: string) => (await checkText(text, { file: 'p.yaml' }));

describe('# podlint-ignore', () => {
  test('without it the sidecar on latest is found', async () => {
    expect((await rules(pod('      image: fluentd:latest'))).findings.map((f) => f.rule)).toEqual(['sidecar-image-pinned']);
  });

  test('at the end of the offending line', async () => {
    const result = (await rules(pod('      image: fluentd:latest  # podlint-ignore sidecar-image-pinned')));
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toBe(1);
  });

  test('alone on the line before', async () => {
    const result = (await rules(pod('      image: fluentd:latest', '      # podlint-ignore sidecar-image-pinned, unique-container-ports')));
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toBe(1);
  });

  test('without rule ids it silences every rule on that line', async () => {
    expect((await rules(pod('      image: fluentd:latest # podlint-ignore'))).findings).toEqual([]);
  });

  test('another rule id does not silence the finding', async () => {
    const result = (await rules(pod('      image: fluentd:latest  # podlint-ignore unique-container-ports')));
    expect(result.findings.map((f) => f.rule)).toEqual(['sidecar-image-pinned']);
    expect(result.suppressed).toBe(0);
  });

  test('a comment two lines above does not reach the finding', async () => {
    const text = pod('      image: fluentd:latest', '      # podlint-ignore sidecar-image-pinned\n      imagePullPolicy: Always');
    expect((await rules(text)).findings.map((f) => f.rule)).toEqual(['sidecar-image-pinned']);
  });

  test('the text output counts suppressed findings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-suppress-'));
    fs.writeFileSync(path.join(dir, 'p.yaml'), pod('      image: fluentd:latest  # podlint-ignore sidecar-image-pinned'));
    const report = await lint({ paths: ['.'], cwd: dir });
    expect(report.summary.suppressed).toBe(1);
    expect(formatText(report, { color: false })).toContain('1 suppressed by podlint-ignore');
  });
});
