// Which template line each line of `helm template` output came from. Helm keeps the template's
// text and only fills in its actions, so the rendered document is aligned with the template
// (dynamic programming, as a diff aligns two files): literal text must match, each `{{ … }}`
// matches anything, a line of actions only may stand for no line or many (an include, a toYaml),
// and template lines inside a false `if` are left out. A rendered line matched to a template line
// is exact; one that came out of an action's expansion belongs to that action's line, approximately.

export interface LineMatch {
  /** 0-based template line. */
  line: number;
  exact: boolean;
}

interface TemplateLine {
  /** 0-based line in the template file where this line starts. */
  line: number;
  /** Anchored pattern for the trimmed line; undefined for a line of actions only. */
  pattern?: RegExp;
  literal: boolean;
  /** Ends with an action, which may expand into the lines after it (`key: {{ toYaml … | nindent 4 }}`). */
  expands: boolean;
}

const ACTION = /\{\{[\s\S]*?\}\}/g;
const MAX_CELLS = 4_000_000;

/** The template's lines, actions replaced by a marker (an action over several lines is one line). */
export function templateLines(template: string): TemplateLine[] {
  const marked = template.replace(ACTION, (action) => '\u0000' + '\u0001'.repeat(action.split('\n').length - 1));
  const out: TemplateLine[] = [];
  let line = 0;
  for (const raw of marked.split('\n')) {
    const continued = raw.includes('\u0001');
    const text = raw.replace(/\u0001/g, '');
    if (!continued || out.length === 0) out.push(lineOf(text, line));
    else out[out.length - 1] = lineOf(text, out[out.length - 1]!.line); // (never reached: the marker keeps actions on one line)
    line += 1 + (raw.match(/\u0001/g)?.length ?? 0);
  }
  return out;
}

function lineOf(text: string, line: number): TemplateLine {
  const trimmed = text.trim();
  if (trimmed.replace(/\u0000/g, '').trim() === '') {
    return trimmed === '' ? { line, pattern: /^$/, literal: true, expands: false } : { line, literal: false, expands: true };
  }
  const parts = trimmed.split('\u0000').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { line, pattern: new RegExp(`^${parts.join('.*')}$`, 's'), literal: parts.length === 1, expands: trimmed.endsWith('\u0000') };
}

/**
 * For each rendered line (0-based), the template line it came from, or undefined before any.
 * `rendered` is one document's text as helm wrote it.
 */
export function alignLines(template: readonly TemplateLine[], rendered: readonly string[]): (LineMatch | undefined)[] {
  const T = template.length;
  const R = rendered.length;
  if ((T + 1) * (R + 1) > MAX_CELLS) return rendered.map(() => undefined);
  const W = R + 1;
  const cost = new Float64Array((T + 1) * W).fill(Infinity);
  // How each cell was reached: 1 match, 2 template line left out, 3 rendered line absorbed.
  const move = new Uint8Array((T + 1) * W);
  const trimmed = rendered.map((l) => l.trim());
  cost[0] = 0;
  for (let i = 0; i <= T; i++) {
    for (let j = 0; j <= R; j++) {
      const here = cost[i * W + j]!;
      if (here === Infinity) continue;
      if (i < T && j < R) {
        const t = template[i]!;
        if (t.pattern && t.pattern.test(trimmed[j]!)) relax((i + 1) * W + j + 1, here + (t.literal ? 0 : 0.1), 1);
      }
      if (i < T) relax((i + 1) * W + j, here + (template[i]!.pattern ? 1 : 0), 2);
      if (j < R) {
        const previous = i > 0 ? template[i - 1]! : undefined;
        relax(i * W + j + 1, here + (previous?.expands ? 0.05 : 1), 3);
      }
    }
  }
  function relax(cell: number, value: number, how: number): void {
    if (value < cost[cell]!) {
      cost[cell] = value;
      move[cell] = how;
    }
  }
  const result: (LineMatch | undefined)[] = new Array(R).fill(undefined);
  let i = T;
  let j = R;
  const absorbed: number[] = [];
  while (i > 0 || j > 0) {
    const how = move[i * W + j];
    if (how === 1) {
      result[j - 1] = { line: template[i - 1]!.line, exact: true };
      i--;
      j--;
    } else if (how === 2) {
      i--;
    } else if (how === 3) {
      absorbed.push(j - 1);
      result[j - 1] = i > 0 ? { line: template[i - 1]!.line, exact: false } : undefined;
      j--;
    } else break;
  }
  return result;
}
