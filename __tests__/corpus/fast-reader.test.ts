// The differential sweep of the fast reader over every file of ../shared/corpus (real/ and
// trees/): each file checked with the `auto` reader and with the full one must give identical
// findings, spans, counts, skips and problems; so must the whole runs. The reasons files went the
// full way are printed, and the fast reader must have answered for most files, or it is not there.
import path from 'node:path';
import { compareReadersPerFile, compareReadersWhole, withoutReading, relativeTo } from '../helpers/differential.js';

const root = process.cwd();
const corpus = path.resolve(root, '..', 'shared', 'corpus');

describe.each(['real', 'trees'])('the fast reader on corpus/%s', (part) => {
  const dir = relativeTo(root, path.join(corpus, part));

  test('gives every file the outcome of the full reader', async () => {
    const result = await compareReadersPerFile([dir], root);
    console.log(`corpus/${part}: ${result.files} files, ${result.fast} by the fast reader alone, the full way: ${JSON.stringify(result.full)}`);
    expect(result.mismatches).toEqual([]);
    expect(result.files).toBeGreaterThan(800);
    expect(result.fast).toBeGreaterThan(result.files * 0.7);
  });

  test('gives the whole run the report of the full reader', async () => {
    const { auto, full } = await compareReadersWhole({ paths: [dir], cwd: root });
    expect(withoutReading(auto)).toEqual(withoutReading(full));
    expect(auto.reading!.fast).toBeGreaterThan(auto.summary.files * 0.7);
  });
});
