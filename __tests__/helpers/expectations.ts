// `# expect: rule-a, rule-b` comments at the end of lines, read from every file of a folder:
// the findings a rendered fixture must give, as "file:line rule" strings.
import fs from 'node:fs';
import path from 'node:path';

const EXPECT_COMMENT = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

export function expectedIn(dir: string, cwd: string, only?: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, entry.name);
      if (entry.isDirectory()) walk(abs);
      else {
        const rel = path.relative(cwd, abs).split(path.sep).join('/');
        if (only && !only(rel)) continue;
        fs.readFileSync(abs, 'utf8').split('\n').forEach((line, i) => {
          const m = EXPECT_COMMENT.exec(line);
          if (m) for (const rule of m[1]!.split(',')) out.push(`${rel}:${i + 1} ${rule.trim()}`);
        });
      }
    }
  };
  walk(dir);
  return out.sort();
}
