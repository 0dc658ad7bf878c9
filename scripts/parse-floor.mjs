// The floor of `npm run bench`: the least any linter built on `yaml` must do on a folder. It finds
// the files podlint would (scripts/manifest-files.mjs: recursively *.yaml, *.yml, *.json, never
// entering .git or node_modules, sorted), reads each, parses it with parseAllDocuments and a
// LineCounter, and prints how many files and documents it saw. Nothing else: no rules, no report.
//
// Usage: node scripts/parse-floor.mjs [PATH]   (default ".")
import fs from 'node:fs';
import { LineCounter, parseAllDocuments } from 'yaml';
import { findManifestFiles } from './manifest-files.mjs';

// The same options as podlint: keep in step with YAML_OPTIONS in src/manifest/parse.ts (YAML 1.1
// with merge keys; timestamps and sexagesimal numbers left as strings).
const withoutTimes = (tags) =>
  tags.filter((t) =>
    typeof t === 'string' ? !['timestamp', 'intTime', 'floatTime'].includes(t) : t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME',
  );
const YAML_OPTIONS = { version: '1.1', merge: true, prettyErrors: false, customTags: withoutTimes };

const files = findManifestFiles(process.argv[2] ?? '.');
let documents = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  documents += parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: new LineCounter() }).length;
}
console.log(`${files.length} files, ${documents} documents`);
