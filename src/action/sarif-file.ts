// The `sarif-file` input: where the SARIF report is written. The workspace holds the pull
// request's files, so a path inside it may meet a symbolic link the pull request planted (at the
// file, or at a folder on the way) pointing anywhere on the runner. Such a path is refused rather
// than followed out of the workspace, and the file is written beside its place and renamed into
// it, which replaces a link there instead of writing through it. A path outside the workspace
// (`${{ runner.temp }}/podlint.sarif`) is the workflow author's choice and is written as given.
import fs from 'node:fs';
import path from 'node:path';
import { quote } from '../quote.js';

/** Writes `text` to the `sarif-file` path; resolves to the absolute path, or a one-line reason it could not. */
export function writeSarifFile(sarifFile: string, workspace: string, text: string): { written: string } | { failure: string } {
  const target = path.resolve(workspace, sarifFile);
  const shown = quote(sarifFile);
  try {
    if (isInside(path.resolve(workspace), target)) {
      const realWorkspace = fs.realpathSync(workspace);
      if (!isInside(realWorkspace, fs.realpathSync(nearestExisting(path.dirname(target))))) {
        return { failure: `sarif-file ${shown} leads out of the workspace through a symbolic link; not written` };
      }
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temp, text, { flag: 'wx' });
    try {
      fs.renameSync(temp, target);
    } finally {
      fs.rmSync(temp, { force: true });
    }
    return { written: target };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    return { failure: `could not write sarif-file ${shown}: ${code ?? quote((error as Error)?.message ?? String(error))}` };
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

/** The folder itself, or the closest of its parents that exists. */
function nearestExisting(folder: string): string {
  let current = folder;
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}
