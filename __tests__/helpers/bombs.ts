// YAML bombs of every shape, each small on disk and astronomically large once expanded: for the
// bomb tests and the hostile tree.

/** Every shape of bomb, each small on disk and astronomically large expanded. */
export const BOMBS: Record<string, string> = {
  nested: (() => {
    let s = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) s += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    return s;
  })(),
  wide: `a: &a [${Array(400).fill('x').join(',')}]\nb: [${Array(400).fill('*a').join(',')}]\n`,
  'merge keys': (() => {
    let s = 'x0: &a0 { k: v, l: w }\n';
    for (let i = 1; i < 40; i++) s += `x${i}: &a${i}\n  <<: [*a${i - 1}, *a${i - 1}]\n  n${i}: *a${i - 1}\n`;
    return s;
  })(),
  'merge keys without other aliases': (() => {
    let s = 'x0: &a0 { k0: v }\n';
    for (let i = 1; i < 40; i++) s += `x${i}: &a${i}\n  <<: [*a${i - 1}, *a${i - 1}, *a${i - 1}]\n  k${i}: v\n`;
    return s;
  })(),
  'string keys': (() => {
    let s = 'a: &k1 { x: 1 }\n';
    for (let i = 2; i < 40; i++) s += `b${i}: &k${i}\n  ? [*k${i - 1}, *k${i - 1}]\n  : 1\n`;
    return s;
  })(),
  'a long string repeated': `s: &s "${'x'.repeat(200_000)}"\nl: &l [${Array(100).fill('*s').join(',')}]\nm: [${Array(100).fill('*l').join(',')}]\n`,
  'a long key repeated': `s: &s "${'k'.repeat(200_000)}"\nm: &m { *s : 1 }\nl: [${Array(100).fill('*m').join(',')}]\n`,
};
