// The CLI door: argv in, a report printed, an exit code out (0 clean, 1 a finding reaches
// --fail-on, 2 a usage, configuration or run error). Everything else is lint()'s.
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_FILE_SIZE, lint, type LintOptions } from './lint.js';
import { readStream, STDIN_ARG } from './source/stdin.js';
import { NEWEST_KUBERNETES_VERSION, parseKubernetesVersion } from './k8s-schema/api-lifecycle.js';
import { ConfigError, loadConfig } from './config.js';
import { formatGithub } from './report/github.js';
import { formatJson } from './report/json.js';
import { formatSarif } from './report/sarif.js';
import { escapeControls } from './quote.js';
import { formatText, printableFile } from './report/text.js';
import { reachesFailOn, type FailOn, type Report } from './types.js';
import { VERSION } from './version.js';
import { parseShard, type Shard } from './shard.js';

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Standard input, read only when `-` is among the paths. */
  stdin?: AsyncIterable<Buffer | string>;
}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

export const USAGE = `Usage: podlint [options] [paths...]

Checks Kubernetes manifests for the mistakes that break multi-container pods.
Paths are files, folders (searched for *.yaml, *.yml, *.json) or quoted globs; default ".".
"-" reads manifests from standard input: helm template . | podlint -

Options:
  --format <text|json|sarif|github>    output format (default: text)
  --fail-on <error|warning|notice|never>
                                       exit 1 when a finding reaches this severity (default: error)
  --config <file>                      config file (default: .podlint.yml or .podlint.yaml here)
  --max-file-size <bytes>              skip larger files (default: 5242880, 5 MiB)
  --stdin-filename <name>              the name findings in standard input (path -) carry
  --kubernetes-version <X.Y>           the Kubernetes version the manifests target, for removed and
                                       deprecated APIs (default: ${NEWEST_KUBERNETES_VERSION}, the newest the schemas know)
  --shard <K/N>                        check only the K-th of N shares of the work, split by path (a
                                       kustomization or chart stays whole): one job of a CI matrix
  --color, --no-color                  force colour on or off (default: on a terminal only)
  -h, --help                           show this help
  -v, --version                        show the version

Exit status: 0 no finding reaches --fail-on, 1 one does, 2 usage, configuration or run error.
`;

class UsageError extends Error {}

export async function runCli(argv: readonly string[], io: CliIo, workerScript?: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`podlint: ${(error as Error).message}\nRun "podlint --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (parsed.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }

  let options: LintOptions;
  try {
    const config = loadConfig({ cwd: io.cwd, file: parsed.config });
    options = { ...config.lintOptions, paths: parsed.paths, cwd: io.cwd, workerScript };
    if (parsed.maxFileSize !== undefined) options.maxFileSize = parsed.maxFileSize;
    if (parsed.paths.includes(STDIN_ARG)) {
      const read = io.stdin ? await readStream(io.stdin, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) : { text: '' };
      if ('tooLarge' in read) {
        io.stderr.write(`podlint: standard input is over the ${options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE}-byte limit (raise it with --max-file-size)\n`);
        return 2;
      }
      options.stdin = { text: read.text, name: parsed.stdinFilename };
    }
    if (parsed.kubernetesVersion !== undefined) options.kubernetesVersion = parsed.kubernetesVersion;
    if (parsed.shard !== undefined) options.shard = parsed.shard;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`podlint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const report = await lint(options);
  io.stdout.write(render(report, parsed.format, useColor(parsed.color, io)));
  for (const problem of report.problems) {
    const where = problem.file !== undefined ? `${printableFile(problem.file)}: ` : '';
    io.stderr.write(`podlint: ${where}${escapeControls(problem.message)}\n`);
  }
  if (report.problems.length > 0) return 2;
  return reachesFailOn(report.findings, parsed.failOn) ? 1 : 0;
}

function render(report: Report, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report.findings);
    case 'text':
      return formatText(report, { color });
  }
}

function useColor(flag: boolean | undefined, io: CliIo): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}

interface ParsedArguments {
  paths: string[];
  format: Format;
  failOn: FailOn;
  config?: string;
  maxFileSize?: number;
  stdinFilename?: string;
  kubernetesVersion?: string;
  shard?: Shard;
  color?: boolean;
  help: boolean;
  version: boolean;
}

function parseArguments(argv: readonly string[]): ParsedArguments {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      'fail-on': { type: 'string' },
      config: { type: 'string', short: 'c' },
      'max-file-size': { type: 'string' },
      'stdin-filename': { type: 'string' },
      'kubernetes-version': { type: 'string' },
      shard: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const format = oneOf('--format', values.format ?? 'text', FORMATS);
  const failOn = oneOf('--fail-on', values['fail-on'] ?? 'error', FAIL_ON);
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size']);
    if (!Number.isSafeInteger(maxFileSize) || maxFileSize <= 0) {
      throw new UsageError(`--max-file-size takes a number of bytes, not ${JSON.stringify(values['max-file-size'])}`);
    }
  }
  if (values.config === '') throw new UsageError('--config needs a file name');
  if (values['stdin-filename'] === '') throw new UsageError('--stdin-filename needs a name');
  if (values['stdin-filename'] !== undefined && !positionals.includes(STDIN_ARG)) {
    throw new UsageError('--stdin-filename names standard input: add "-" to the paths');
  }
  let kubernetesVersion: string | undefined;
  if (values['kubernetes-version'] !== undefined) {
    kubernetesVersion = parseKubernetesVersion(values['kubernetes-version']);
    if (kubernetesVersion === undefined) {
      throw new UsageError(`--kubernetes-version takes a version such as 1.29, not ${JSON.stringify(values['kubernetes-version'])}`);
    }
  }
  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    shard = parseShard(values.shard);
    if (!shard) throw new UsageError(`--shard takes K/N with 1 <= K <= N <= 256 (such as 2/4), not ${JSON.stringify(values.shard)}`);
  }
  return {
    shard,
    paths: positionals,
    format,
    failOn,
    config: values.config,
    maxFileSize,
    stdinFilename: values['stdin-filename'],
    kubernetesVersion,
    color: values['no-color'] ? false : values.color,
    help: values.help === true,
    version: values.version === true,
  };
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
}
