// `podlint init`: a commented .podlint.yml to start from. Its first line tells editors (the YAML
// Language Server, as in VS Code's YAML extension) where the config's schema is, so they complete
// and check it. Every setting is commented out, so the file as written changes nothing; a line of
// `# key: value` is an example to uncomment, a line of `## ...` is explanation.
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_NAMES } from '../config.js';
import { NEWEST_KUBERNETES_VERSION } from '../k8s-schema/api-lifecycle.js';
import { INFORMATION_URI, VERSION } from '../version.js';

/** The schema of this version's config, at its release tag (releases are tagged vX.Y.Z). */
export const CONFIG_SCHEMA_URI = `${INFORMATION_URI.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/v${VERSION}/policies/config.schema.json`;

export const INIT_CONFIG = `# yaml-language-server: $schema=${CONFIG_SCHEMA_URI}
## podlint's config, written by "podlint init". Everything is optional and commented out: the
## file as it stands changes nothing. Uncomment a "# key: value" line to use it, and replace the
## example values (folder names, globs) with your own.

## Folders or files of your own policies (JSON Schema rules), relative to this file.
# policies: [policies/]

## Per rule: a severity (off | notice | warning | error), or a map of severity and the rule's
## options. "podlint rules" lists the rules, "podlint rules ID" explains one.
# rules:
#   sidecar-image-pinned: { severity: error, pin: digest, containers: all }
#   multi-container-shared-volume: warning
#   sidecar-probes: warning          # a policy of the built-in pack: off until named here

## Globs left out of the scan, relative to this file.
# ignore: ["charts/**/templates/**"]

## The Kubernetes version your manifests target (removed and deprecated APIs).
# kubernetes-version: "${NEWEST_KUBERNETES_VERSION}"
`;

/** Writes .podlint.yml in `cwd`; refuses to replace a config that is there. */
export function writeInitConfig(cwd: string): { file?: string; error?: string } {
  const existing = CONFIG_NAMES.find((name) => fs.existsSync(path.join(cwd, name)));
  if (existing) return { error: `${existing} is already there; podlint init does not replace it` };
  const file = path.join(cwd, CONFIG_NAMES[0]!);
  try {
    fs.writeFileSync(file, INIT_CONFIG, { flag: 'wx' });
  } catch (error) {
    return { error: `cannot write ${CONFIG_NAMES[0]}: ${(error as Error).message}` };
  }
  return { file: CONFIG_NAMES[0] };
}
