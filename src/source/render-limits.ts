// Roots that do not render because of where podlint renders, not because of what the pull request
// changed: podlint renders offline, inside the repository, with kustomize's load restrictor on and
// no plugins. A reviewer cannot act on "this overlay needs the network", so these are notices that
// say what to vendor or configure, with the line that asked for it; the files are then checked one
// by one. A root that fails for its content (a broken patch, a missing file, a template error)
// stays a `render` finding.
import { plural } from '../report/words.js';

export type RenderLimit = 'network' | 'outside' | 'plugins' | 'load-restrictor' | 'dependency';

export interface LimitedRoot {
  limit: RenderLimit;
  kind: 'kustomize' | 'helm';
  /** The root's folder, relative to the working directory. */
  root: string;
  /** `file:line` of the entry that asked for what podlint does not do. */
  where: string;
  /** What the entry names (a URL, a plugin, a dependency). */
  what?: string;
}

/** The limit a tool's own message names, when it names one. */
export function limitOfMessage(message: string): RenderLimit | undefined {
  if (/security; file '[^']*' is not in or below/.test(message)) return 'load-restrictor';
  if (/external plugins disabled|unable to load external plugin|--enable-alpha-plugins|--enable-exec|--enable-star/.test(message)) return 'plugins';
  if (/must specify --enable-helm|helmCharts/.test(message)) return 'network';
  // helm pulling a chart for kustomize's helmCharts, offline.
  if (/cannot be reached|dial tcp|no such host|network is unreachable|i\/o timeout|failed to download/.test(message)) return 'network';
  return undefined;
}

/** How each limit is said, for one root or many, and what lifts it. */
const SAID: Record<RenderLimit, { need: string; then: string }> = {
  network: {
    need: 'a remote base or resource, or helmCharts pulled from a chart repository, needs the network, and podlint renders offline',
    then: 'vendor what they fetch to have them rendered',
  },
  outside: { need: 'a path outside the repository is named, and podlint never reads one', then: 'keep what they use inside the repository' },
  plugins: {
    need: 'a KRM function or plugin would run, and podlint never enables them (no --enable-alpha-plugins or --enable-exec)',
    then: 'their plugins are not run on a pull request',
  },
  'load-restrictor': {
    need: "a file outside the kustomization's folder is read, which kustomize's load restrictor forbids",
    then: 'if your build passes --load-restrictor LoadRestrictionsNone, set render.kustomize-flags: [--load-restrictor, LoadRestrictionsNone] in .podlint.yml',
  },
  dependency: {
    need: 'a dependency is not vendored in charts/ (helm dependency build fetches it, with the network)',
    then: 'vendor them to have the charts rendered',
  },
};

/** At most this many roots are named in one notice; JSON's `rendered` lists them all. */
const NAMED = 5;

/** One notice a limit, naming the roots and the entries behind them. */
export function limitNotices(limited: readonly LimitedRoot[]): string[] {
  const notices: string[] = [];
  for (const limit of Object.keys(SAID) as RenderLimit[]) {
    const these = limited.filter((l) => l.limit === limit);
    if (these.length === 0) continue;
    const kustomize = these.filter((l) => l.kind === 'kustomize').length;
    const helm = these.length - kustomize;
    const what = [kustomize > 0 ? plural(kustomize, 'kustomization') : '', helm > 0 ? plural(helm, 'Helm chart') : ''].filter(Boolean).join(' and ');
    const named = these
      .slice(0, NAMED)
      .map((l) => `${l.where}${l.what ? ` (${l.what})` : ''}`)
      .join(', ');
    const more = these.length > NAMED ? ` and ${these.length - NAMED} more` : '';
    const checked = helm > 0 && kustomize === 0 ? 'their templates were skipped' : 'their files were checked one by one';
    notices.push(`${what} not rendered: ${SAID[limit].need}: ${named}${more}; ${checked}; ${SAID[limit].then}`);
  }
  return notices;
}
