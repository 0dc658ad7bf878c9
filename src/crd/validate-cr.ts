// A custom resource against the schema of its CRD (or of a catalog file): types, enums, patterns,
// bounds and required fields from a walk over the schema (interpret.ts), unknown fields from the
// pruning walk. Each schema is read and converted once per thread, when the first resource that
// needs it comes, and cached by content: most CRDs in a repository describe kinds none of its
// manifests use, and those cost nothing.
import type { ErrorObject } from 'ajv';
import { holdsPlaceholder } from '../manifest/placeholder.js';
import { isObject, walk, type PlainObject, type Resource } from '../manifest/resources.js';
import { describeSchemaErrors, pointerToPath, type SchemaProblem } from '../schema-errors.js';
import { validateValue } from './interpret.js';
import { toAjvSchema } from './to-ajv.js';
import { unknownFields } from './unknown-fields.js';

export interface CustomSchema {
  /**
   * The openAPIV3Schema as JSON text. Also the cache key: the same schema in two CRDs (or files)
   * is prepared once. (A Map hashes a string this long by its length alone, and compares texts
   * only of equal length.)
   */
  text: string;
  /** Kubernetes keeps unknown fields (a v1beta1 CRD without `preserveUnknownFields: false`). */
  preserveUnknownFields: boolean;
}

interface Prepared {
  schema: PlainObject;
  /** The schema in JSON Schema terms (to-ajv.ts); undefined when it could not be read. */
  validation?: PlainObject;
  /** Why the schema could not be used: said in the summary, never a finding on the resource. */
  error?: string;
}

const prepared = new Map<string, Prepared>();

function prepare(source: CustomSchema): Prepared {
  const cached = prepared.get(source.text);
  if (cached) return cached;
  let result: Prepared;
  try {
    const schema = JSON.parse(source.text) as PlainObject;
    const ajvSchema = toAjvSchema(schema);
    delete ajvSchema.$schema;
    delete ajvSchema.$id;
    delete ajvSchema.id;
    result = { schema, validation: ajvSchema };
  } catch (error) {
    result = { schema: {}, error: (error as Error).message.split('\n')[0] };
  }
  prepared.set(source.text, result);
  return result;
}

export interface CustomCheckOptions {
  strict: boolean;
  partial: boolean;
}

export type CustomCheck = { problems: SchemaProblem[] } | { unusable: string };

export function validateCustomResource(resource: Resource, source: CustomSchema, options: CustomCheckOptions): CustomCheck {
  const { schema, validation, error } = prepare(source);
  if (!validation) return { unusable: `its schema could not be read (${error})` };
  const problems: SchemaProblem[] = [];
  let errors: ErrorObject[];
  try {
    errors = validateValue(validation, resource.value).filter((e) => keep(e, resource.value, options.partial));
  } catch (e) {
    // A pattern that is no regular expression (RE2, as Kubernetes reads them).
    return { unusable: `its schema could not be used (${(e as Error).message.split('\n')[0]})` };
  }
  if (errors.length > 0) problems.push(...describeSchemaErrors(errors, resource.value, 'the resource'));
  if (options.strict && !source.preserveUnknownFields && isObject(schema)) {
    problems.push(...unknownFields(resource.value, schema, resource.kind, options.partial));
  }
  return { problems };
}

/** Errors the API server would not raise, or that a patch cannot be blamed for. */
function keep(e: ErrorObject, value: PlainObject, partial: boolean): boolean {
  if (e.keyword === 'required') return !partial;
  const at = walk(value, pointerToPath(e.instancePath, value));
  // null is "unset": the API server drops it before validating (unless the field is nullable,
  // and then it is valid anyway). A placeholder is unknown until substituted, not wrong.
  return at !== null && !holdsPlaceholder(at);
}
