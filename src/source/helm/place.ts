// Where a finding in `helm template` output belongs: each document follows a `# Source:
// CHART/templates/FILE` comment; the document is aligned with that template (align.ts) and the
// finding lands on the template line, at the value when the template writes it literally. When
// the template line takes the value from `.Values…` and values.yaml holds it, that line of
// values.yaml is a related location: often the line to change.
import type { Placed, Placement } from '../../check-text.js';
import type { Path } from '../../manifest/locate.js';
import { spanOfPath, type ParsedDocument, type Span } from '../../manifest/parse.js';
import { isObject, walk } from '../../manifest/resources.js';
import type { RelatedLocation } from '../../types.js';
import type { SourceFiles } from '../files.js';
import { alignLines, templateLines, type LineMatch } from './align.js';

export interface TemplateFile {
  abs: string;
  rel: string;
}

interface Segment {
  source: string;
  /** 1-based rendered lines of the document: first and last. */
  first: number;
  last: number;
  matches?: (LineMatch | undefined)[];
  template?: TemplateFile | null;
  templateText?: string[];
}

const SOURCE = /^# Source: (.+)$/;

export class HelmPlacement implements Placement {
  readonly readsSuppressions = true;
  private readonly lines: string[];
  private readonly segments: Segment[] = [];

  /**
   * `resolve` turns a `# Source:` path into the repository's template file; `values` gives the
   * values files in the order helm applies them (the last wins), once templates are resolved.
   */
  constructor(
    rendered: string,
    private readonly display: string,
    private readonly resolve: (source: string) => TemplateFile | undefined,
    private readonly files: SourceFiles,
    private readonly values: () => readonly string[],
  ) {
    this.lines = rendered.split('\n');
    let current: Segment | undefined;
    this.lines.forEach((line, i) => {
      const m = SOURCE.exec(line);
      if (m) {
        current = { source: m[1]!.trim(), first: i + 2, last: i + 1 };
        this.segments.push(current);
      } else if (line === '---') current = undefined;
      else if (current) current.last = i + 1;
    });
  }

  /** Whether any document carries a `# Source:` comment (piped helm output does). */
  get hasSources(): boolean {
    return this.segments.length > 0;
  }

  placeLine(span: Span): Placed {
    return this.placeAt(span, undefined);
  }

  place(doc: ParsedDocument, path: Path, span: Span): Placed {
    return this.placeAt(span, walk(doc.value, path));
  }

  private placeAt(span: Span, renderedValue: unknown): Placed {
    const segment = this.segments.find((s) => span.line >= s.first && span.line <= s.last);
    const template = segment ? this.templateOf(segment) : undefined;
    if (!segment || !template || !segment.matches || !segment.templateText) return { file: this.display, span };
    const match = segment.matches[span.line - segment.first];
    const firstMatched = segment.matches.find((m) => m?.exact);
    const line = match?.line ?? firstMatched?.line ?? 0;
    const text = segment.templateText[line] ?? '';
    const placed: Placed = { file: template.rel, span: columnsIn(text, line + 1, this.lines[span.line - 1] ?? '', span) };
    if (!match?.exact) placed.approximate = true;
    else {
      const related = this.valuesBehind(text, renderedValue);
      if (related.length > 0) placed.related = related;
    }
    return placed;
  }

  private templateOf(segment: Segment): TemplateFile | undefined {
    if (segment.template === undefined) {
      segment.template = this.resolve(segment.source) ?? null;
      const text = segment.template ? this.files.text(segment.template.abs) : undefined;
      if (segment.template && text !== undefined) {
        segment.templateText = text.split('\n');
        segment.matches = alignLines(templateLines(text), this.lines.slice(segment.first - 1, segment.last));
      }
    }
    return segment.template ?? undefined;
  }

  /** values.yaml lines that hold the value a template line writes through `.Values.a.b`. */
  private valuesBehind(templateLine: string, rendered: unknown): RelatedLocation[] {
    if (rendered === undefined || typeof rendered === 'object') return [];
    const out: RelatedLocation[] = [];
    for (const m of templateLine.matchAll(/\.Values((?:\.[A-Za-z_][\w-]*)+)/g)) {
      const keys = m[1]!.slice(1).split('.');
      for (const abs of [...this.values()].reverse()) {
        const file = this.files.get(abs);
        const doc = file?.parsed.documents[0];
        if (!file || !doc || !isObject(doc.value)) continue;
        const value = walk(doc.value, keys);
        if (value === undefined) continue;
        if (value !== null && typeof value !== 'object' && String(value) !== '' && String(rendered).includes(String(value))) {
          out.push({ file: file.rel, ...spanOfPath(file.parsed, doc, keys), message: `${keys.join('.')} is set here` });
        }
        break; // the file that sets the key decides, whether it explains the value or not
      }
    }
    return out;
  }
}

/** The span on the template line: the value where the template writes it, else the key's value. */
function columnsIn(templateLine: string, line: number, renderedLine: string, span: Span): Span {
  const end = span.endLine === span.line ? span.endColumn - 1 : renderedLine.length;
  const value = renderedLine.slice(span.column - 1, end);
  const at = value.trim() !== '' ? templateLine.indexOf(value) : -1;
  if (at >= 0) return { line, column: at + 1, endLine: line, endColumn: at + 1 + value.length };
  const key = /^\s*(?:-\s+)?([^:#{}]+):/.exec(renderedLine)?.[1]?.trim();
  const keyAt = key ? templateLine.indexOf(`${key}:`) : -1;
  // A YAML comment at the end of the line is no part of the value.
  const comment = /\s+#(?![^"]*"\s*$).*$/.exec(templateLine);
  const textEnd = (comment ? templateLine.slice(0, comment.index) : templateLine).trimEnd().length + 1;
  if (keyAt >= 0) {
    let start = keyAt + key!.length + 1;
    while (templateLine[start] === ' ') start++;
    if (start < textEnd - 1) return { line, column: start + 1, endLine: line, endColumn: textEnd };
  }
  const indent = templateLine.length - templateLine.trimStart().length;
  return { line, column: indent + 1, endLine: line, endColumn: Math.max(indent + 1, textEnd) };
}
