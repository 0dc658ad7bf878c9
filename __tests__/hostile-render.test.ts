// Rendered sources from a hostile repository: a chart with a link loop, a link out of the
// repository, a FIFO and /dev/zero inside is rendered from a copy of its regular files only, once,
// and nothing outside the repository reaches the output.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lint } from '../src/lint.js';
import { toolSets } from './helpers/k8s-tools.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-hostile-render-');
const SECRET = `ghp_${'R3nderedN0tRead'.repeat(3).slice(0, 36)}`;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - { name: a, image: "a:1" }\n    - { name: a, image: "b:1" }\n';

describe.each(toolSets())('helm of %s', (_name, tools) => {
  test('a chart with a link loop, links out, a FIFO and /dev/zero renders once, from its own files', async () => {
    const base = tree({ 'outside/token.yaml': `# ${SECRET}\n${POD}`, 'repo/chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'repo/chart/templates/pod.yaml': POD });
    const chart = path.join(base, 'repo', 'chart');
    fs.symlinkSync('..', path.join(chart, 'templates', 'loop'));
    fs.symlinkSync(path.join(base, 'outside', 'token.yaml'), path.join(chart, 'templates', 'token.yaml'));
    fs.symlinkSync('/dev/zero', path.join(chart, 'templates', 'zero.yaml'));
    execFileSync('mkfifo', [path.join(chart, 'templates', 'pipe.yaml')]);
    const report = await lint({ paths: ['.'], cwd: path.join(base, 'repo'), render: { helm: tools.helm, kustomize: 'off' } });
    expect(report.findings.filter((f) => f.rule === 'unique-container-names').map((f) => f.file)).toEqual(['chart/templates/pod.yaml']);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });
});
