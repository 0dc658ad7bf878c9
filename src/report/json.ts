// `--format json`: one object, as CONTRACT.md shows it, for scripts.
import type { Report } from '../types.js';

export function formatJson(report: Report): string {
  const { findings, summary, skipped, problems, rendered, notices } = report;
  return JSON.stringify({ findings, summary, skipped, problems, ...(rendered ? { rendered } : {}), ...(notices ? { notices } : {}) }, null, 2) + '\n';
}
