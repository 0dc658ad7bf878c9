// What a failed render says: the tool's own words on one line, whichever way kubectl wrote them
// (`error: …`, klog's multi-line `err=<`, or klog's one-line `err="…"`), paths made relative.
import path from 'node:path';
import { toolMessage } from '../src/source/roots.js';
import { SourceFiles } from '../src/source/files.js';

const cwd = path.resolve('/repo');
const files = new SourceFiles(cwd, cwd, 1 << 20);

test.each([
  ['error: accumulating resources: accumulation err=\'accumulating resources from \'x.yaml\'\': boom\n', "accumulating resources: accumulation err='accumulating resources from 'x.yaml'': boom"],
  ['E1202 00:18:04.112574   18100 run.go:72] "command failed" err="accumulating components: \\"recursed\\" accumulation of path \'/repo/a\'"\n', 'accumulating components: "recursed" accumulation of path \'a\''],
  ['E1202 00:18:04.112574   18100 run.go:72] "command failed" err=<\n\tmust build at directory:\n\tnot a valid directory\n >\n', 'must build at directory: not a valid directory'],
])('%j', (stderr, said) => {
  expect(toolMessage(stderr, files)).toBe(said);
});

test('nothing said: the exit status, never an empty message', () => {
  expect(toolMessage('', files, undefined, undefined, 1)).toBe('the tool exited with status 1 and no message');
});

test('a missing file is named first, in plain words', () => {
  const stderr = "error: evalsymlink failure on '/repo/base/gone.yaml' : lstat /repo/base/gone.yaml: no such file or directory\n";
  expect(toolMessage(stderr, files)).toMatch(/^base\/gone\.yaml does not exist \(kustomize: evalsymlink failure on 'base\/gone\.yaml'/);
});
