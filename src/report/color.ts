// Whether output gets colour, and the colouring itself (util.styleText, Node's own ANSI styles).
// Decided once, in the order Node's own tty colour detection uses: an explicit --color/--no-color,
// then FORCE_COLOR (0 or false turns colour off, anything else on), then NO_COLOR (any value turns
// it off), then TERM=dumb (off), else colour on a terminal only.
import { styleText } from 'node:util';

export type Style = 'red' | 'yellow' | 'cyan' | 'dim' | 'bold';

export function wantsColor(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, isTTY: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}

/** `paint(style, text)`: styled when colour is on, the text unchanged otherwise. */
export function painter(color: boolean): (style: Style, text: string) => string {
  // validateStream: false because the decision above is already made (and may be --color into a pipe).
  return color ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
