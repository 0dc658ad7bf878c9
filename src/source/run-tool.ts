// Runs helm or kustomize: a child process with no shell (arguments are never parsed by one), a
// timeout, bounded output (a chart can render without end) and an environment without the
// runner's tokens. The tools are trusted; their input is not, so every limit is ours to keep.
import { spawn } from 'node:child_process';

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The run was stopped: it took longer than the timeout, or wrote more than the limit. */
  stopped?: 'timeout' | 'too-large';
}

export interface RunLimits {
  cwd: string;
  timeoutMs: number;
  maxBytes: number;
}

/** Variables a tool may see: where to find programs and its own settings, never a token. */
const PASSED = /^(PATH|HOME|TMPDIR|TMP|TEMP|LANG|LC_[A-Z]+|HELM_[A-Z_]+|KUSTOMIZE_[A-Z_]+|XDG_[A-Z_]+)$/;

export function toolEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (PASSED.test(name)) kept[name] = value;
  // No cluster is ever asked: kubectl and helm get an empty kubeconfig.
  kept.KUBECONFIG = '/dev/null';
  return kept;
}

export function runTool(command: string, args: readonly string[], limits: RunLimits, env = toolEnv()): Promise<ToolRun> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, [...args], { cwd: limits.cwd, env, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, stdout: '', stderr: (error as Error).message });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let stopped: ToolRun['stopped'];
    const stop = (why: NonNullable<ToolRun['stopped']>) => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout'), limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limits.maxBytes) stop('too-large');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      // Only the start of an error message is worth showing.
      if (errBytes < 64 * 1024) err.push(chunk);
      errBytes += chunk.length;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: '', stderr: error.message, stopped });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stopped });
    });
  });
}
