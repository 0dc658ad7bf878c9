// Keys and tags an attacker (or an unusual but valid file) can put in a manifest: prototype names
// are unknown fields like any other, never lookups into Object.prototype, and the standard YAML
// tags read as go-yaml (and so Kubernetes) reads them.
import { checkText } from '../src/check-text.js';
import { parseManifestText } from '../src/manifest/parse.js';

async function messages(text: string) {
  return (await checkText(text, { file: 'a.yaml' })).findings.map((f) => `${f.line} ${f.rule}: ${f.message}`);
}

describe('prototype names', () => {
  test('__proto__, constructor, toString and hasOwnProperty in a spec are unknown fields', async () => {
    const found = await messages(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: x, constructor: 2 }',
        'spec:',
        '  toString: 1',
        '  containers:',
        '    - name: a',
        '      image: "a:1"',
        '      __proto__: { x: 1 }',
        '      hasOwnProperty: 1',
        '',
      ].join('\n'),
    );
    expect(found).toEqual([
      '3 k8s-schema: unknown field "constructor" in ObjectMeta',
      '5 k8s-schema: unknown field "toString" in PodSpec',
      '9 k8s-schema: unknown field "__proto__" in Container',
      '10 k8s-schema: unknown field "hasOwnProperty" in Container',
    ]);
  });

  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('kind: %s is just an unknown kind', async (kind) => {
    const text = `apiVersion: v1\nkind: ${kind}\nmetadata: { name: x }\nspec: { template: { spec: { containers: [{ name: a }] } } }\n`;
    expect(await messages(text)).toEqual([]);
  });
});

describe('standard tags', () => {
  const valueOf = (yaml: string) => (parseManifestText(`a: ${yaml}\n`).documents[0]?.value as { a: unknown } | undefined)?.a;

  test.each([
    ['!!binary aGVsbG8=', 'hello'],
    ['!!binary |\n  aGVs\n  bG8=', 'hello'],
    ['!!str 123', '123'],
    ['!!int "5"', 5],
    ['!!float 1', 1],
    ['!!float 1.5', 1.5],
    ['!!bool true', true],
    ['!!null ""', null],
    ['!!timestamp 2024-01-01', '2024-01-01'],
    ['!!map { x: 1 }', { x: 1 }],
    ['!!seq [1]', [1]],
    ['!!set { x }', { x: null }],
    ['!!omap [a: 1, b: 2]', [{ a: 1 }, { b: 2 }]],
    ['!!pairs [x: 1, x: 2]', [{ x: 1 }, { x: 2 }]],
  ])('%s', (yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected);
  });

  test('!!binary that is not base64 is a syntax finding, as go-yaml refuses it', async () => {
    expect(await messages('a: !!binary "not base64!"\n')).toEqual(['1 yaml-syntax: !!binary value contains invalid base64 data']);
  });

  test('a !!binary env value is a string, not "got a map"', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: x }',
      'spec:',
      '  containers:',
      '    - name: a',
      '      image: "a:1"',
      '      env: [{ name: E, value: !!binary aGVsbG8= }]',
      '      args: !!omap [x: 1]',
      '',
    ].join('\n');
    expect(await messages(text)).toEqual(['9 k8s-schema: `args[0]` must be a string, got a map']);
  });
});
