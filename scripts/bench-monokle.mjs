// The yardstick of `npm run bench`: @monokle/validation (a devDependency, pinned) on the same files
// podlint checks, run the way its README and the Monokle CLI do it for Node:
//   files -> @monokle/parser extractK8sResources -> processRefs -> MonokleValidator.preload/validate.
//
// Plugins, all built in and bundled in the package:
//   yaml-syntax      on   YAML errors (it re-parses each resource's text)
//   resource-links   on   references between resources (processRefs builds the graph first)
//   kubernetes-schema OFF by default: it downloads definitions.json and CRD schemas from Monokle's
//                    schema server on every run (SchemaLoader: fetch() at preload time; nothing is
//                    bundled). There is no network here but the npm registry, so enabling it only
//                    turns every resource into a "schema not found" (K8S004) problem. Turning it off
//                    makes Monokle do less work, so it makes the podlint/monokle ratio harder, not
//                    easier, for podlint.
// `--plugins a,b,c` picks others (e.g. pod-security-standards,practices, which are bundled too).
//
// To be sure the comparison is honest it reads every file podlint would (scripts/manifest-files.mjs),
// and says how many files, resources and problems Monokle saw. The parser only takes *.yaml/*.yml
// and skips paths that look like Helm charts (templates/, values*.yaml); the script hands it JSON
// files under a `.yaml` name (JSON is YAML; the path is put back on the resources) and asks it to
// keep Helm-looking paths, since podlint checks all of those too. Broken documents are kept as
// guessed resources (guessResources) so that yaml-syntax reports their errors.
// fetch() is replaced by one that refuses and counts, so no run can quietly depend on the network.
//
// Usage: node scripts/bench-monokle.mjs [PATH] [--plugins a,b,c] [--json]
import fs from 'node:fs';
import path from 'node:path';
import { extractK8sResources } from '@monokle/parser';
import {
  AnnotationSuppressor,
  DefaultPluginLoader,
  DisabledFixer,
  FingerprintSuppressor,
  MonokleValidator,
  processRefs,
  ResourceParser,
  SchemaLoader,
} from '@monokle/validation';
import { findManifestFiles } from './manifest-files.mjs';

const DEFAULT_PLUGINS = ['yaml-syntax', 'resource-links'];

const args = process.argv.slice(2);
let root = '.';
let plugins = DEFAULT_PLUGINS;
let json = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') json = true;
  else if (args[i] === '--plugins') plugins = (args[++i] ?? '').split(',').filter(Boolean);
  else if (args[i].startsWith('--plugins=')) plugins = args[i].slice('--plugins='.length).split(',').filter(Boolean);
  else if (args[i].startsWith('-')) fail(`unknown option ${args[i]}`);
  else root = args[i];
}

const timings = {};
const startedAt = performance.now();
const blockedFetches = [];
globalThis.fetch = async (url) => {
  blockedFetches.push(String(url));
  throw new Error('bench-monokle: network access is disabled');
};

const rootAbs = path.resolve(root);
const base = fs.statSync(rootAbs).isDirectory() ? rootAbs : path.dirname(rootAbs);
const paths = findManifestFiles(rootAbs);
const files = [];
const realPath = new Map();
for (const abs of paths) {
  const rel = path.relative(base, abs).split(path.sep).join('/');
  const asYaml = /\.ya?ml$/.test(rel) ? rel : `${rel}.yaml`; // JSON is YAML; the parser only takes .yaml/.yml
  realPath.set(asYaml, rel);
  files.push({ id: asYaml, path: asYaml, content: fs.readFileSync(abs, 'utf8') });
}

let mark = startedAt;
const lap = (name) => {
  const now = performance.now();
  timings[name] = Math.round(now - mark) / 1000;
  mark = now;
};
lap('read');
const resources = extractK8sResources(files, /* extractHelmLikeFiles */ true, /* guessResources */ true);
for (const resource of resources) resource.filePath = realPath.get(resource.filePath) ?? resource.filePath;

lap('extract');
const parser = new ResourceParser();
const validator = new MonokleValidator({
  loader: new DefaultPluginLoader(), // the built-in plugins only: nothing loaded over the network
  parser,
  schemaLoader: new SchemaLoader(),
  suppressors: [new AnnotationSuppressor(), new FingerprintSuppressor()],
  fixer: new DisabledFixer(),
});
await validator.preload({ plugins: Object.fromEntries(plugins.map((p) => [p, true])) });
// Monokle 0.33.0 reads the schema of every CustomResourceDefinition before validating, whatever
// the plugins, and throws (JSON.parse of undefined) on a CRD whose default version has no
// openAPIV3Schema (apiextensions v1beta1 keeps it in spec.validation), which ends the whole
// validate() call. Hand it the CRDs one at a time and count the ones it cannot read instead.
let unreadableCrds = 0;
const preprocessCrds = validator.preprocessCustomResourceDefinitions.bind(validator);
validator.preprocessCustomResourceDefinitions = async (all) => {
  for (const resource of all) {
    if (resource.kind !== 'CustomResourceDefinition') continue;
    try {
      await preprocessCrds([resource]);
    } catch {
      unreadableCrds++;
    }
  }
};
const failed = validator.getFailedPlugins();
if (failed.length) fail(`plugins failed to load: ${failed.join(', ')}`);

lap('preload');
if (plugins.includes('resource-links')) processRefs(resources, parser, undefined, files.map((f) => f.path));
lap('processRefs');
const response = await validator.validate({ resources });
lap('validate');

const problemsByPlugin = {};
let problems = 0;
for (const run of response.runs) {
  for (const r of run.results) {
    const name = r.rule?.toolComponent?.name ?? run.tool.driver.name;
    problemsByPlugin[name] = (problemsByPlugin[name] ?? 0) + 1;
    problems++;
  }
}
const filesWithResources = new Set(resources.map((r) => r.fileId)).size;
const result = {
  files: files.length,
  filesWithResources,
  resources: resources.length,
  problems,
  problemsByPlugin,
  plugins: validator.getPlugins().filter((p) => p.enabled).map((p) => p.metadata.name),
  kubernetesSchema: plugins.includes('kubernetes-schema') ? 'on (no network here: schemas cannot be fetched)' : 'off (fetches schemas at run time; no network here)',
  unreadableCrds,
  blockedFetches: blockedFetches.length,
  seconds: timings,
};
if (json) {
  console.log(JSON.stringify(result));
} else {
  console.log(
    `${result.files} files (${filesWithResources} with resources), ${result.resources} resources, ${problems} problems ` +
      `(${Object.entries(problemsByPlugin).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}); plugins: ${result.plugins.join(', ')}; ` +
      `kubernetes-schema ${result.kubernetesSchema}; CRDs it could not read: ${unreadableCrds}; blocked fetches: ${blockedFetches.length}`,
  );
}

function fail(message) {
  console.error(`bench-monokle: ${message}`);
  process.exit(2);
}
