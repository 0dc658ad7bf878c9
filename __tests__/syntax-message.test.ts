// yaml-syntax findings in plain words: what is wrong, what to do, and where the construct that
// went wrong began (the parser notices most mistakes a line or more after them).
import { checkText } from '../src/check-text.js';

async function syntax(text: string): Promise<string[]> {
  const { findings } = await checkText(text, { file: 'k8s/x.yaml' });
  return findings.filter((f) => f.rule === 'yaml-syntax').map((f) => `${f.line}:${f.column} ${f.message}`);
}

test.each([
  ['a: 1\nb: 2\na: 3\n', '3:1 the key "a" is set twice in one map (first at line 1, column 1): keep one'],
  ['k:\n  a: 1\n b: 2\n', '3:1 this key is not indented like the other keys of the map that begins at line 2, column 3: align it with them'],
  ['x: {a: 1\ny: 2\n', '2:1 the { opened at line 1, column 4 is not closed: end it with } (a value that starts with { must be quoted if it is a string)'],
  ['x: [a, b\n', '2:1 the [ opened at line 1, column 4 is not closed: end it with ] (a value that starts with [ must be quoted if it is a string)'],
  [
    'x: "abc" def\n',
    '1:10 more text follows a value that already ended (the value begins at line 1, column 4): a value that starts with a quote, { or [ must be quoted as a whole if it is one string',
  ],
  ['a: 1\nc: "abc\nd: 2\n', '4:1 a quoted string is not closed (it opens at line 2, column 4): add the closing quote'],
  ['a:\n\t- b\n', '2:1 a tab is used to indent: YAML allows only spaces'],
  ['- a\nb: 1\n', '2:1 this line does not fit the collection that begins at line 1, column 1: check its indentation, or whether a "- " or ":" is missing'],
  ['key: a: b\n', '1:6 a second ": " on one line: a value that holds ": " must be quoted'],
  ['x: "\\q"\n', '1:5 a backslash in a double-quoted string starts an escape YAML does not know: double the backslash, or use single quotes'],
])('%j', async (text, message) => {
  expect(await syntax(text)).toEqual([message]);
});

test('no message keeps the parser\'s "at line …, column …" tail: the finding has the position', async () => {
  for (const text of ['x: *b\n', '- a\nb: 1\n', 'a: b\n  c: d\n']) {
    for (const m of await syntax(text)) expect(m).not.toMatch(/ at line \d+, column \d+:?$/);
  }
});
