// Talking to the Actions runner: inputs from INPUT_* variables, outputs to the GITHUB_OUTPUT
// file, and workflow commands (`::error::…`, `::add-mask::…`) on stdout. These are the few
// functions of @actions/core the Action uses, written out because @actions/core loads an HTTP
// client (undici, for OIDC tokens) that would double the Action's start-up time. The protocol is
// GitHub's documented one, escaped the same way (report/github.ts).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { escapeData, escapeProperty } from '../report/github.js';

/** The input's value, trimmed; '' when unset. Hyphens stay: `fail-on` is INPUT_FAIL-ON. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Prints a workflow command; every value is escaped, so no text can end it or start another. */
export function issueCommand(command: string, message: string, properties: Record<string, string> = {}): void {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${os.EOL}`);
}

/** From here on the runner replaces the value with *** in the log. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', secret);
}

export function setOutput(name: string, value: string | number): void {
  const file = process.env.GITHUB_OUTPUT;
  const text = String(value);
  if (!file) {
    // Outside the runner (a local run): the old form, which nothing reads but people can.
    process.stdout.write(os.EOL);
    issueCommand('set-output', text, { name });
    return;
  }
  // A fresh delimiter per value, so a value cannot end the heredoc and write another output.
  const delimiter = `ghadelimiter_${randomUUID()}`;
  fs.appendFileSync(file, `${name}<<${delimiter}${os.EOL}${text}${os.EOL}${delimiter}${os.EOL}`, 'utf8');
}

/** A plain log line, for podlint's own words: text from a manifest goes through issueCommand. */
export function info(message: string): void {
  process.stdout.write(message + os.EOL);
}

export function debug(message: string): void {
  issueCommand('debug', message);
}

export function notice(message: string): void {
  issueCommand('notice', message);
}

export function warning(message: string): void {
  issueCommand('warning', message);
}

export function error(message: string): void {
  issueCommand('error', message);
}

/** An error annotation, and the step's exit status 1. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}
