// Every value that comes from a manifest is shown through quote(): it escapes line breaks and
// other control characters, so crafted text can never start a new output line (and with it a
// workflow command) nor break an annotation, and it cuts values too long to read.
const MAX_SHOWN = 120;

export function quote(value: unknown): string {
  let text = typeof value === 'string' ? value : String(value);
  if (text.length > MAX_SHOWN) text = `${text.slice(0, MAX_SHOWN)}…`;
  return JSON.stringify(text).replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
