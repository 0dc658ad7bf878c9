// Which files a run reads: folders searched for manifests, explicit files kept, globs, symbolic
// links that never lead out of the scanned folder, and a stable order.
import fs from 'node:fs';
import path from 'node:path';
import { discover } from '../src/manifest/discover.js';
import { treeMaker } from './helpers/tree.js';

/** A fresh folder holding `files` (relative path → content). */
const tree = treeMaker('podlint-discover-');

/** The files found, relative to cwd, in the order discover gives them. */
function found(paths: string[], cwd: string, ignore?: string[]) {
  const result = discover(paths, { cwd, ignore });
  return { files: result.files.map((f) => path.relative(cwd, f).split(path.sep).join('/')), problems: result.problems, abs: result.files };
}

describe('folders', () => {
  test('recurse into .yaml, .yml and .json files only', () => {
    const cwd = tree({
      'a.yaml': '',
      'b.yml': '',
      'c.json': '',
      'd.txt': '',
      'README.md': '',
      'e.YAML': '',
      'noext': '',
      'deep/x/y/z.yaml': '',
      'deep/x/y/z.yaml.bak': '',
    });
    const { files, problems } = found(['.'], cwd);
    expect(files).toEqual(['a.yaml', 'b.yml', 'c.json', 'deep/x/y/z.yaml', 'e.YAML']);
    expect(problems).toEqual([]);
  });

  test('no paths means the working directory', () => {
    const cwd = tree({ 'k8s/a.yaml': '', 'b.yml': '' });
    expect(found([], cwd).files).toEqual(['b.yml', 'k8s/a.yaml']);
  });

  test('.git and node_modules are never entered, at any depth', () => {
    const cwd = tree({
      '.git/config.yaml': '',
      'node_modules/pkg/deploy.yaml': '',
      'app/node_modules/x.yaml': '',
      'app/.git/y.yaml': '',
      'app/ok.yaml': '',
      '.github/workflows/ci.yml': '',
    });
    expect(found(['.'], cwd).files).toEqual(['.github/workflows/ci.yml', 'app/ok.yaml']);
  });

  test('the returned paths are absolute', () => {
    const cwd = tree({ 'k8s/a.yaml': '' });
    const { abs } = found(['k8s'], cwd);
    expect(abs).toEqual([path.join(cwd, 'k8s', 'a.yaml')]);
  });
});

describe('explicit files', () => {
  test('a file named on its own is kept whatever its extension', () => {
    const cwd = tree({ 'manifest.txt': '', 'Kustomization': '', 'other.txt': '' });
    expect(found(['manifest.txt', 'Kustomization'], cwd).files).toEqual(['Kustomization', 'manifest.txt']);
  });

  test('a file named twice (or also found in a folder) is read once', () => {
    const cwd = tree({ 'k8s/a.yaml': '' });
    expect(found(['k8s/a.yaml', './k8s/a.yaml', 'k8s'], cwd).files).toEqual(['k8s/a.yaml']);
  });

  test('a missing path is a problem that names it, and the other paths still count', () => {
    const cwd = tree({ 'a.yaml': '' });
    const { files, problems } = found(['missing.yaml', 'a.yaml', 'gone/dir'], cwd);
    expect(files).toEqual(['a.yaml']);
    expect(problems).toEqual([
      { file: 'missing.yaml', message: 'no such file or folder' },
      { file: 'gone/dir', message: 'no such file or folder' },
    ]);
  });
});

describe('globs', () => {
  const layout = {
    'k8s/a.yaml': '',
    'k8s/b.yml': '',
    'k8s/sub/c.yaml': '',
    'k8s/sub/deeper/d.yaml': '',
    'k8s/sub/e.yml': '',
    'k8s/node_modules/f.yaml': '',
    'other/g.yaml': '',
  };

  test("'k8s/**/*.yaml' matches at every depth below k8s, .yaml only", () => {
    const cwd = tree(layout);
    const { files, problems } = found(['k8s/**/*.yaml'], cwd);
    expect(files).toEqual(['k8s/a.yaml', 'k8s/sub/c.yaml', 'k8s/sub/deeper/d.yaml']);
    expect(problems).toEqual([]);
  });

  test("'./k8s/*.yml' matches only directly in k8s", () => {
    const cwd = tree(layout);
    expect(found(['./k8s/*.yml'], cwd).files).toEqual(['k8s/b.yml']);
  });

  test('a glob keeps any extension it names', () => {
    const cwd = tree({ 'k8s/a.txt': '', 'k8s/b.yaml': '' });
    expect(found(['k8s/*.txt'], cwd).files).toEqual(['k8s/a.txt']);
  });

  test('a glob that matches nothing is a problem naming the pattern', () => {
    const cwd = tree(layout);
    const { files, problems } = found(['k8s/**/*.json', 'other/*.yaml'], cwd);
    expect(files).toEqual(['other/g.yaml']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('k8s/**/*.json');
    expect(problems[0]!.message).toContain('k8s/**/*.json');
  });

  test('a glob matching only files already found by another argument is not a problem', () => {
    const cwd = tree(layout);
    const { problems } = found(['k8s/**/*.json', 'k8s/**/*.yaml'], cwd);
    expect(problems.map((p) => p.file)).toEqual(['k8s/**/*.json']);
  });
});

describe('ignore globs', () => {
  test('leave out files and whole folders, in folder and glob scans', () => {
    const cwd = tree({
      'charts/web/templates/deploy.yaml': '',
      'charts/web/values.yaml': '',
      'k8s/a.yaml': '',
      'k8s/generated/b.yaml': '',
      'k8s/c.test.yaml': '',
    });
    const ignore = ['charts/**/templates/**', 'k8s/generated/**', '**/*.test.yaml'];
    expect(found(['.'], cwd, ignore).files).toEqual(['charts/web/values.yaml', 'k8s/a.yaml']);
    expect(found(['**/*.yaml'], cwd, ignore).files).toEqual(['charts/web/values.yaml', 'k8s/a.yaml']);
  });

  test('a folder named by an ignore glob without ** is not entered', () => {
    const cwd = tree({ 'vendor/x.yaml': '', 'k8s/a.yaml': '' });
    expect(found(['.'], cwd, ['vendor']).files).toEqual(['k8s/a.yaml']);
  });
});

describe('symbolic links', () => {
  test('a link to a folder outside the scanned root is not followed', () => {
    const outside = tree({ 'secret/deploy.yaml': '' });
    const cwd = tree({ 'k8s/a.yaml': '' });
    fs.symlinkSync(path.join(outside, 'secret'), path.join(cwd, 'k8s', 'escape'));
    fs.symlinkSync(path.join(outside, 'secret', 'deploy.yaml'), path.join(cwd, 'k8s', 'escape-file.yaml'));
    expect(found(['.'], cwd).files).toEqual(['k8s/a.yaml']);
  });

  test('a link to a sibling folder inside the scanned root but outside the named folder is not followed', () => {
    const cwd = tree({ 'k8s/a.yaml': '', 'shared/s.yaml': '' });
    fs.symlinkSync(path.join(cwd, 'shared'), path.join(cwd, 'k8s', 'shared-link'));
    expect(found(['k8s'], cwd).files).toEqual(['k8s/a.yaml']);
  });

  test('a link that stays inside the root is followed', () => {
    const cwd = tree({ 'k8s/base/a.yaml': '', 'k8s/base/b.yml': '' });
    fs.symlinkSync(path.join(cwd, 'k8s', 'base'), path.join(cwd, 'k8s', 'linked'));
    fs.symlinkSync('base/a.yaml', path.join(cwd, 'k8s', 'alias.yaml'));
    const { files } = found(['k8s'], cwd);
    expect(files).toEqual(expect.arrayContaining(['k8s/alias.yaml', 'k8s/linked/a.yaml', 'k8s/linked/b.yml']));
    expect(files).toEqual(expect.arrayContaining(['k8s/base/a.yaml', 'k8s/base/b.yml']));
  });

  test('link loops end, and a dangling link is passed over', () => {
    const cwd = tree({ 'k8s/a.yaml': '', 'k8s/sub/b.yaml': '' });
    fs.symlinkSync('..', path.join(cwd, 'k8s', 'sub', 'up')); // back to k8s
    fs.symlinkSync('.', path.join(cwd, 'k8s', 'self'));
    fs.symlinkSync(path.join(cwd, 'k8s', 'loop2'), path.join(cwd, 'k8s', 'loop1'));
    fs.symlinkSync(path.join(cwd, 'k8s', 'loop1'), path.join(cwd, 'k8s', 'loop2'));
    fs.symlinkSync('nowhere.yaml', path.join(cwd, 'k8s', 'dangling.yaml'));
    const started = Date.now();
    const { files, problems } = found(['k8s'], cwd);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(files).toEqual(['k8s/a.yaml', 'k8s/sub/b.yaml']);
    expect(problems).toEqual([]);
  });
});

describe('order', () => {
  test('sorted by relative path whatever the order of creation and of the arguments', () => {
    const names = ['z.yaml', 'b/y.yaml', 'a.yaml', 'B.yaml', 'b/a.yaml', 'a-b.yaml', 'a/z.yaml', '10.yaml', '9.yaml'];
    const cwd = tree({});
    for (const name of names) {
      fs.mkdirSync(path.join(cwd, path.dirname(name)), { recursive: true });
      fs.writeFileSync(path.join(cwd, name), '');
    }
    const expected = [...names].sort();
    expect(found(['.'], cwd).files).toEqual(expected);
    expect(found(['z.yaml', 'b', 'a', '.'], cwd).files).toEqual(expected);
    // And twice the same: nothing depends on the file system's order.
    expect(found(['.'], cwd).files).toEqual(found(['.'], cwd).files);
  });
});
