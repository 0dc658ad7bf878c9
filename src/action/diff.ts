// The lines a pull request adds or modifies in one file, read from the unified-diff `patch` the
// REST API gives for each file. A modified line shows in a diff as a removed line and an added
// one, so "added or modified" is simply every `+` line, numbered on the new side.

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Line numbers (1-based, in the file after the change) of the `+` lines of a patch. */
export function addedLines(patch: string): Set<number> {
  const added = new Set<number>();
  let next = 0; // the new-side number of the next context or added line
  let remaining = 0; // new-side lines left in the current hunk
  for (const line of patch.split(/\r?\n/)) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      next = Number(header[1]);
      remaining = header[2] === undefined ? 1 : Number(header[2]);
      continue;
    }
    if (remaining <= 0) continue; // outside a hunk (or past its end): nothing to count
    if (line.startsWith('+')) {
      added.add(next++);
      remaining--;
    } else if (line.startsWith(' ') || line === '') {
      // Context; a blank context line can lose its leading space in transit.
      next++;
      remaining--;
    }
    // '-' lines exist only on the old side; '\ No newline at end of file' on neither.
  }
  return added;
}
