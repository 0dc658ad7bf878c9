import { checkText } from '../src/check-text.js';

test('a sidecar on latest is found at its image', async () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: { name: p }',
    'spec:',
    '  containers:',
    '    - { name: app, image: app:1.0 }',
    '    - name: shipper',
    '      image: fluentd:latest',
  ].join('\n');
  const { findings } = (await checkText(text, { file: 'p.yaml' }));
  const pinned = findings.filter((f) => f.rule === 'sidecar-image-pinned');
  expect(pinned).toHaveLength(1);
  expect(pinned[0]).toMatchObject({ line: 8, column: 14, endLine: 8, endColumn: 28, container: 'shipper' });
});
