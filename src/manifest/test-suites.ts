// Which files are test assertions, not manifests. End-to-end test suites for operators (chainsaw,
// kuttl) keep two kinds of YAML side by side: objects they apply to a cluster (manifests, checked
// like any other) and objects they *expect* to find there (assertions: partial objects, `status`,
// JMESPath keys, no images, volumes an operator injects). Checked as manifests, assertions only
// produce findings nobody can act on, so they are listed as skipped, with the reason.
//
// An assertion file is:
// - one that a chainsaw test (`chainsaw-test.yaml`, any `kind: Test` or `StepTemplate` of
//   chainsaw.kyverno.io in the scan or beside the file) names under an `assert` or `error`
//   operation (`file:` may be a glob); a file the test also applies stays a manifest;
// - beside a chainsaw test, one named by chainsaw's conventions (`assert*.yaml`, `*-assert.yaml`,
//   `error*.yaml`, `*-errors.yaml`, ...) that the test does not apply;
// - a kuttl (and chainsaw) test step file `NN-assert*.yaml` / `NN-errors*.yaml`, or a path a
//   kuttl `TestStep` names under `assert` / `error`;
// - a file matching the config's `test-assertions` globs.
// Files a chainsaw test applies as a `patch` (or `delete`s by reference) are partial objects. The
// test definitions themselves are checked as YAML, and their objects are passed over like any
// YAML that is no object to deploy (assertion-document.ts).
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { decode } from '../fs/decode.js';
import { isInside, readFileGuarded, realFolder } from '../fs/read-file.js';
import { toRelative } from './discover.js';
import { parseManifestText } from './parse.js';
import { isObject } from './resources.js';

const CHAINSAW_TEST_NAMES = ['chainsaw-test.yaml', 'chainsaw-test.yml'];
/** kuttl's step file convention (chainsaw reads the same): `01-assert.yaml`, `02-errors-pods.yaml`. */
const STEP_ASSERTION = /^\d+-(assert|errors)(-[^.]*)?\.ya?ml$/i;
/** chainsaw's names for assertion files beside a test. */
const CHAINSAW_ASSERTION_NAME = /^(assert|error)|[-_.](assert|asserts|assertions?|errors?)$/i;
/** Test definitions are small; a larger file is no test definition worth reading. */
const MAX_TEST_DEFINITION_BYTES = 1024 * 1024;

type Role = 'assert' | 'apply' | 'partial';
const CHAINSAW_OPERATIONS: Record<string, Role> = {
  assert: 'assert',
  error: 'assert',
  apply: 'apply',
  create: 'apply',
  update: 'apply',
  patch: 'partial',
  delete: 'partial',
};

interface Reference {
  role: Role;
  /** The test file that names it, relative to the working directory. */
  by: string;
  matches: (abs: string) => boolean;
}

export interface TestSuiteOptions {
  cwd: string;
  /** Every file of the scan (absolute): test definitions among them are read up front. */
  files: readonly string[];
  /** Globs of assertion files from the config, relative to cwd. */
  assertionGlobs?: readonly string[];
  /** The names in each folder the walk listed (discover.ts): those are not listed again. */
  listings?: ReadonlyMap<string, string[]>;
}

export class TestSuiteIndex {
  private readonly references: Reference[] = [];
  private readonly read = new Set<string>();
  private readonly searched = new Set<string>();
  private readonly realCwd: string;
  private readonly userGlob: ((rel: string) => boolean) | undefined;

  constructor(private readonly options: TestSuiteOptions) {
    this.realCwd = realFolder(options.cwd);
    this.userGlob = options.assertionGlobs?.length ? picomatch(options.assertionGlobs as string[], { dot: true }) : undefined;
    for (const file of options.files) if (mayDefineTests(path.basename(file))) this.readTestDefinition(file);
  }

  /** Why the file is a test assertion (listed as skipped), or undefined for a manifest. */
  assertionReason(abs: string): string | undefined {
    const base = path.basename(abs);
    const rel = toRelative(this.options.cwd, abs);
    if (this.userGlob?.(rel)) return 'test assertion (the config\'s test-assertions): expected cluster state, not a manifest';
    const dir = path.dirname(abs);
    this.searchAbove(dir);
    const besideTests = CHAINSAW_TEST_NAMES.map((name) => path.join(dir, name)).filter((f) => this.read.has(f));
    const roles = this.references.filter((r) => r.matches(abs));
    if (roles.some((r) => r.role === 'apply' || r.role === 'partial')) return undefined;
    const named = roles.find((r) => r.role === 'assert');
    if (named) return `test assertion (named under assert/error in ${named.by}): expected cluster state, not a manifest`;
    if (STEP_ASSERTION.test(base)) return `test step assertion (${base}, kuttl/chainsaw naming): expected cluster state, not a manifest`;
    const stem = base.replace(/\.(ya?ml|json)$/i, '');
    if (besideTests.length > 0 && CHAINSAW_ASSERTION_NAME.test(stem)) {
      return `test assertion (chainsaw naming, beside ${toRelative(this.options.cwd, besideTests[0]!)}): expected cluster state, not a manifest`;
    }
    return undefined;
  }

  /** Whether a test suite applies the file as a patch: a partial object. */
  isPartial(abs: string): boolean {
    return this.references.some((r) => r.role === 'partial' && r.matches(abs)) && !this.references.some((r) => r.role === 'apply' && r.matches(abs));
  }

  /** Reads the test definitions in the folder and the folders above it, up to the working directory. */
  private searchAbove(dir: string): void {
    const stopAt = this.options.cwd;
    for (let current = dir; ; current = path.dirname(current)) {
      if (this.searched.has(current)) return;
      this.searched.add(current);
      let names: string[] = this.options.listings?.get(current) ?? [];
      if (!this.options.listings?.has(current)) {
        try {
          names = fs.readdirSync(current);
        } catch {
          // an unreadable folder holds no test podlint can read
        }
      }
      for (const name of names) if (mayDefineTests(name)) this.readTestDefinition(path.join(current, name));
      if (current === stopAt || !isInside(current, stopAt) || path.dirname(current) === current) return;
    }
  }

  private readTestDefinition(file: string): void {
    if (this.read.has(file)) return;
    this.read.add(file);
    const dir = path.dirname(file);
    const within = isInside(dir, this.options.cwd) ? this.realCwd : realFolder(dir);
    const result = readFileGuarded(file, { maxBytes: MAX_TEST_DEFINITION_BYTES, within });
    // An unreadable file is reported when it is checked itself; here it names nothing.
    if (!result.ok) return;
    const text = decode(result.buffer);
    if (text === undefined || !/chainsaw\.kyverno\.io|kuttl\.dev/.test(text)) return;
    const by = toRelative(this.options.cwd, file);
    for (const doc of parseManifestText(text).documents) {
      const value = doc.value;
      if (!isObject(value) || typeof value.apiVersion !== 'string') continue;
      if (value.apiVersion.startsWith('chainsaw.kyverno.io/')) collectChainsaw(value, 0, (role, ref) => this.add(role, ref, dir, by));
      else if (value.apiVersion.startsWith('kuttl.dev/') && value.kind === 'TestStep') {
        for (const [key, role] of [['assert', 'assert'], ['error', 'assert'], ['apply', 'apply']] as const) {
          const list = value[key];
          if (Array.isArray(list)) for (const ref of list) if (typeof ref === 'string') this.add(role, ref, dir, by);
        }
      }
    }
  }

  private add(role: Role, ref: string, dir: string, by: string): void {
    // URLs and chainsaw expressions (`($file)`) name nothing on disk that podlint can know.
    if (ref === '' || /^[a-z]+:\/\//i.test(ref) || ref.startsWith('(')) return;
    const target = path.resolve(dir, ref);
    let matches: (abs: string) => boolean;
    if (picomatch.scan(ref).isGlob) {
      const glob = picomatch(toPosix(target));
      matches = (abs) => glob(toPosix(abs));
    } else {
      // A folder (kuttl allows one) stands for the files directly in it.
      matches = (abs) => abs === target || path.dirname(abs) === target;
    }
    this.references.push({ role, by, matches });
  }
}

/** Files that may hold a chainsaw Test or a kuttl TestStep. */
function mayDefineTests(name: string): boolean {
  return CHAINSAW_TEST_NAMES.includes(name) || /^\d+-.*\.ya?ml$/i.test(name);
}

/** chainsaw operations anywhere in a Test or StepTemplate (try, catch, finally, cleanup, ...). */
function collectChainsaw(value: unknown, depth: number, visit: (role: Role, ref: string) => void): void {
  if (depth > 32) return;
  if (Array.isArray(value)) {
    for (const item of value) collectChainsaw(item, depth + 1, visit);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const role = CHAINSAW_OPERATIONS[key];
    if (role && isObject(item) && typeof item.file === 'string') visit(role, item.file);
    // An inline `resource:` is an object of the test, not more operations.
    if (key !== 'resource') collectChainsaw(item, depth + 1, visit);
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
