// Documents that are test assertions or test-tool configuration whatever file holds them: a
// chainsaw / kyverno-json assertion tree (JMESPath keys such as `(spec)` or `~.(containers)`),
// and the objects of the test tools themselves (a chainsaw Test, a kuttl TestStep). Plain data
// in, no file system: check-text.ts asks these per document (test-suites.ts knows the files).
import { isObject } from './resources.js';

/** API groups of test tools: their objects configure a test run, nothing is deployed. */
const TEST_TOOL_GROUP = /^(chainsaw\.kyverno\.io|kuttl\.dev)\//;

/** A test tool's own object (a chainsaw Test, a kuttl TestStep): it configures a run, nothing is deployed. */
export function isTestToolDocument(value: unknown): boolean {
  return isObject(value) && typeof value.apiVersion === 'string' && TEST_TOOL_GROUP.test(value.apiVersion);
}

/**
 * A JMESPath-style key of a chainsaw / kyverno-json assertion tree: `(spec)`, `(length(items))`,
 * `~.(containers)`, `(spec)->specBinding`. No Kubernetes field, label or data key can start so.
 */
const ASSERTION_KEY = /^(~[\w-]*\.)?\(.*\)(->[\w-]+)?$/s;

/** Lines that could hold such a key: a cheap test before walking the document. */
const MAYBE_ASSERTION_KEY = /^[ \t]*(?:-[ \t]+)*["']?~?[\w-]*\.?\(/m;

export function mayHoldAssertionKeys(text: string): boolean {
  return MAYBE_ASSERTION_KEY.test(text);
}

/** The path to the first JMESPath-style key in the value, or undefined. */
export function findAssertionKey(value: unknown, depth = 0): (string | number)[] | undefined {
  if (depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findAssertionKey(value[i], depth + 1);
      if (found) return [i, ...found];
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (ASSERTION_KEY.test(key)) return [key];
    const found = findAssertionKey(item, depth + 1);
    if (found) return [key, ...found];
  }
  return undefined;
}
