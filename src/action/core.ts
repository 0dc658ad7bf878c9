// @actions/core, loaded when the Action starts rather than when the bundle does: it brings
// @actions/http-client and undici, whose loading was a third of the CLI's start-up (the CLI
// imports the same bundle, and never needs them). One named chunk with @actions/github
// (scripts/build.mjs), as the two share those modules.
type Core = typeof import('@actions/core');

let loaded: Core | undefined;

/** Loads @actions/core once; every Action entry point awaits this before it speaks. */
export async function loadCore(): Promise<Core> {
  loaded ??= await import(/* webpackChunkName: "github-client" */ '@actions/core');
  return loaded;
}

/** @actions/core, once loadCore() has run (always so after the Action's first step). */
export function core(): Core {
  if (!loaded) throw new Error('podlint: @actions/core was used before loadCore()');
  return loaded;
}
