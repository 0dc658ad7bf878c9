// The repository files a rendered source came from, each read (through the guarded reader) and
// parsed once per run, however many findings point into it.
import path from 'node:path';
import { isInside, readTextGuarded, realFolder } from '../fs/read-file.js';
import { toRelative } from '../manifest/discover.js';
import { parseManifestText, type ParsedFile } from '../manifest/parse.js';
import { resourcesOf, type Resource } from '../manifest/resources.js';
import { findSuppressions, type Suppressions } from '../manifest/suppress.js';

export interface SourceFile {
  abs: string;
  /** As findings show it: relative to cwd, `/` separators. */
  rel: string;
  text: string;
  parsed: ParsedFile;
  /** The Kubernetes objects of each document, by document position in `parsed.documents`. */
  resources: Resource[][];
  suppressions: Suppressions;
}

export class SourceFiles {
  private readonly cache = new Map<string, SourceFile | null>();
  private readonly realRepo: string;

  constructor(private readonly cwd: string, repo: string, private readonly maxBytes: number) {
    this.realRepo = realFolder(repo);
    this.realCwd = realFolder(cwd);
  }

  /** The working directory with links resolved: the tools name files by their real paths. */
  private readonly realCwd: string;

  private readonly byRel = new Map<string, SourceFile>();

  get(abs: string): SourceFile | undefined {
    if (!this.cache.has(abs)) {
      const file = this.read(abs);
      this.cache.set(abs, file ?? null);
      if (file) this.byRel.set(file.rel, file);
    }
    return this.cache.get(abs) ?? undefined;
  }

  /** A file read already, by the name findings give it. */
  byRelative(rel: string): SourceFile | undefined {
    return this.byRel.get(rel);
  }

  /** A file's text only (a template is no YAML until rendered). */
  text(abs: string): string | undefined {
    const read = readTextGuarded(abs, { maxBytes: this.maxBytes, within: this.realRepo });
    return read.ok ? read.text : undefined;
  }

  absolute(rel: string): string {
    return path.resolve(this.cwd, rel);
  }

  relative(abs: string): string {
    // A path under the real working directory (when it is reached through a link, as macOS's
    // /var is /private/var) is named as the scan names it, relative to the working directory.
    if (this.realCwd !== this.cwd && !isInside(abs, this.cwd) && isInside(abs, this.realCwd)) return toRelative(this.realCwd, abs);
    return toRelative(this.cwd, abs);
  }

  private read(abs: string): SourceFile | undefined {
    const text = this.text(abs);
    if (text === undefined) return undefined;
    const parsed = parseManifestText(text);
    return {
      abs,
      rel: this.relative(abs),
      text,
      parsed,
      resources: parsed.documents.map((doc) => resourcesOf(doc.value)),
      suppressions: findSuppressions(parsed.text),
    };
  }
}
