// The CLI door: argv in, a report printed, an exit code out (0 clean, 1 a finding reaches
// --fail-on, 2 a usage, configuration or run error). Everything else is lint()'s.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { writeInitConfig } from './commands/init.js';
import { formatRuleHelp, formatRuleList } from './commands/rules.js';
import { DEFAULT_MAX_FILE_SIZE, lint, type LintOptions } from './lint.js';
import { readStream, STDIN_ARG } from './source/stdin.js';
import { NEWEST_KUBERNETES_VERSION, parseKubernetesVersion } from './k8s-schema/api-lifecycle.js';
import { ConfigError, loadConfig } from './config.js';
import { formatGithub } from './report/github.js';
import { formatJson } from './report/json.js';
import { formatSarif, sarifCategory } from './report/sarif.js';
import { escapeControls } from './quote.js';
import { wantsColor } from './report/color.js';
import { formatText, printableFile } from './report/text.js';
import { plural } from './report/words.js';
import { nearest } from './suggest.js';
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
       podlint rules [ID]     list the rules, or explain one and its fix
       podlint init           write a commented .podlint.yml here

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
  -q, --quiet                          report errors only (no warnings or notices)
  --max-warnings <n>                   exit 1 when there are more than n warnings
  -o, --output-file <file>             write the report to a file instead of standard output
  --color, --no-color                  force colour on or off (default: on a terminal, unless
                                       NO_COLOR is set or TERM=dumb; FORCE_COLOR forces it)
  -h, --help                           show this help
  -v, --version                        show the version

The config is .podlint.yml (or .podlint.yaml) in this folder or the nearest parent folder, up to
the repository root. A folder named "rules" or "init" is linted as ./rules or ./init.

Exit status: 0 no finding reaches --fail-on, 1 one does (or more warnings than --max-warnings),
2 usage, configuration or run error.
`;

class UsageError extends Error {}

export async function runCli(argv: readonly string[], io: CliIo, workerScript?: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`podlint: ${usageMessage(error as Error & { code?: string })}\nRun "podlint --help" for usage.\n`);
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
  if (parsed.command) return runCommand(parsed.command, parsed.paths, io);

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

  const full = await lint(options);
  const report = parsed.quiet ? errorsOnly(full) : full;
  // A report written to a file is uncoloured unless --color asks.
  const color = wantsColor(parsed.color, io.env, parsed.outputFile === undefined && io.stdout.isTTY === true);
  const output = render(report, parsed, color);
  if (parsed.outputFile === undefined) io.stdout.write(output);
  else {
    const written = writeOutput(path.resolve(io.cwd, parsed.outputFile), output);
    if (written !== undefined) {
      io.stderr.write(`podlint: cannot write the report to ${parsed.outputFile}: ${written}\n`);
      return 2;
    }
  }
  for (const problem of report.problems) {
    const where = problem.file !== undefined ? `${printableFile(problem.file)}: ` : '';
    io.stderr.write(`podlint: ${where}${escapeControls(problem.message)}\n`);
  }
  if (report.problems.length > 0) return 2;
  // Warnings count against --max-warnings under --quiet too: quiet hides them, it does not fix them.
  const warnings = full.findings.filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = parsed.maxWarnings !== undefined && warnings > parsed.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`podlint: ${plural(warnings, 'warning')}, more than --max-warnings ${parsed.maxWarnings}\n`);
  return reachesFailOn(report.findings, parsed.failOn) || tooManyWarnings ? 1 : 0;
}

/** `podlint rules [ID]` and `podlint init`. */
function runCommand(command: 'rules' | 'init', args: readonly string[], io: CliIo): number {
  if (command === 'rules') {
    if (args.length > 1) {
      io.stderr.write('podlint: "podlint rules" takes at most one rule id\n');
      return 2;
    }
    if (args.length === 0) {
      io.stdout.write(formatRuleList());
      return 0;
    }
    const help = formatRuleHelp(args[0]!);
    if (help.error !== undefined) {
      io.stderr.write(`podlint: ${help.error}\n`);
      return 2;
    }
    io.stdout.write(help.text!);
    return 0;
  }
  if (args.length > 0) {
    io.stderr.write('podlint: "podlint init" takes no arguments; run it in the folder the config belongs in\n');
    return 2;
  }
  const init = writeInitConfig(io.cwd);
  if (init.error !== undefined) {
    io.stderr.write(`podlint: ${init.error}\n`);
    return 2;
  }
  io.stdout.write(`wrote ${init.file}: every setting in it is commented out; uncomment what you need\n`);
  return 0;
}

/** The report with only its errors, counted again. */
function errorsOnly(report: Report): Report {
  const findings = report.findings.filter((f) => f.severity === 'error');
  return { ...report, findings, summary: { ...report.summary, warnings: 0, notices: 0 } };
}

/** Undefined when written; otherwise why not. */
function writeOutput(file: string, text: string): string | undefined {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

/** Node's parseArgs message, or for an unknown option ours, with the nearest known option. */
function usageMessage(error: Error & { code?: string }): string {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message;
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const name = option.replace(/^-+/, '').split('=')[0]!;
  const longs = Object.keys(OPTIONS);
  const near = option.startsWith('--') ? nearest(name, longs) : undefined;
  return `unknown option ${option}${near ? ` (did you mean --${near}?)` : ''}`;
}

function render(report: Report, parsed: ParsedArguments, color: boolean): string {
  switch (parsed.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, { category: sarifCategory(parsed.paths.length > 0 ? parsed.paths : ['.'], parsed.config) });
    case 'github':
      return formatGithub(report.findings);
    case 'text':
      return formatText(report, { color });
  }
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
  quiet: boolean;
  maxWarnings?: number;
  outputFile?: string;
  /** `podlint rules …` / `podlint init`: the first path names a command; `paths` are its arguments. */
  command?: 'rules' | 'init';
  help: boolean;
  version: boolean;
}

/** Every option podlint takes: the parser, and the did-you-mean of an unknown one, read them here. */
const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'max-file-size': { type: 'string' },
  'stdin-filename': { type: 'string' },
  'kubernetes-version': { type: 'string' },
  shard: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  'output-file': { type: 'string', short: 'o' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

function parseArguments(argv: readonly string[]): ParsedArguments {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
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
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = /^\d+$/.test(values['max-warnings']) ? Number(values['max-warnings']) : NaN;
    if (!Number.isSafeInteger(maxWarnings)) throw new UsageError(`--max-warnings takes a whole number of 0 or more, not ${JSON.stringify(values['max-warnings'])}`);
  }
  if (values['output-file'] === '') throw new UsageError('--output-file needs a file name');
  const command = positionals[0] === 'rules' || positionals[0] === 'init' ? positionals[0] : undefined;
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
    paths: command ? positionals.slice(1) : positionals,
    command,
    quiet: values.quiet === true,
    maxWarnings,
    outputFile: values['output-file'],
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
