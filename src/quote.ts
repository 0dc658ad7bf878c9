// Every value that comes from a manifest is shown through quote(): it escapes line breaks and
// other control characters, so crafted text can never start a new output line (and with it a
// workflow command) nor break an annotation, and it cuts values too long to read.
//
// Every line podlint writes for a terminal or a log goes through escapeControls() as well: ESC
// and the other C0 and C1 controls would let a file recolour, hide or rewrite what a reviewer
// sees, and bidirectional overrides reorder it (a "Trojan Source" file name or message). JSON and
// SARIF keep the exact strings: their own escaping is enough there.
const MAX_SHOWN = 120;

/** C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls. */
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, less the characters JSON.stringify escapes itself. */
const CONTROLS_AFTER_JSON = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function quote(value: unknown): string {
  let text = typeof value === 'string' ? value : String(value);
  if (text.length > MAX_SHOWN) text = `${text.slice(0, MAX_SHOWN)}…`;
  return JSON.stringify(text).replace(CONTROLS_AFTER_JSON, unicodeEscape);
}

/**
 * Text with every control character shown as `\u001b` (and the like): safe on one terminal line.
 * `keep`: characters the caller escapes its own way (workflow commands: `\r` and `\n`).
 */
export function escapeControls(text: string, keep = ''): string {
  return text.replace(CONTROLS, (c) =>
    keep.includes(c) ? c : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : unicodeEscape(c),
  );
}

/** Whether the text holds a character escapeControls() would change. */
export function hasControls(text: string): boolean {
  return new RegExp(CONTROLS.source).test(text);
}

/** The longest message, detail or name a finding carries: a huge aliased name cannot blow up JSON or SARIF. */
export const MAX_FINDING_TEXT = 1000;

/** Text cut to `max` characters (an ellipsis marks the cut), never inside a surrogate pair. */
export function capLength(text: string, max = MAX_FINDING_TEXT): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
