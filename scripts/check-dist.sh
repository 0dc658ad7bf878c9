#!/usr/bin/env bash
# dist/ is committed (the Action and the `podlint` bin run it, not src/): it must be exactly what
# the sources build. Rebuilds dist/ and fails when anything in it changed, was added or removed.
# Run by .ci/run and by .github/workflows/ci.yml, so both check the same thing.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build
if ! git diff --quiet -- dist || [ -n "$(git ls-files --others --exclude-standard -- dist)" ]; then
  message="dist/ differs from a fresh build: run 'npm run build' and commit dist/."
  if [ -n "${GITHUB_ACTIONS:-}" ]; then echo "::error::$message"; fi
  echo "$message" >&2
  git status --short -- dist >&2
  exit 1
fi
echo "dist/ matches a fresh build."
