// podlint's own opt-in policies (policies/pack/): rules that users of multi-container pods ask
// for, written as data. Off by default; `rules: { sidecar-probes: warning }` in the config
// switches one on. They are imported, not read from disk, so the bundles carry them.
import allowedRegistries from '../../policies/pack/allowed-registries.json' with { type: 'json' };
import sidecarProbes from '../../policies/pack/sidecar-probes.json' with { type: 'json' };
import sidecarResourceLimits from '../../policies/pack/sidecar-resource-limits.json' with { type: 'json' };
import type { Policy } from './policy.js';

export const PACK_FILES: Record<string, unknown> = {
  'allowed-registries.json': allowedRegistries,
  'sidecar-probes.json': sidecarProbes,
  'sidecar-resource-limits.json': sidecarResourceLimits,
};

export const PACK: readonly Policy[] = Object.entries(PACK_FILES).map(([name, data]) => ({
  ...(data as Omit<Policy, 'file' | 'line' | 'optIn'>),
  file: `policies/pack/${name}`,
  line: 1,
  optIn: true,
}));
