// One ajv instance per JSON Schema draft, and one compiled validator per policy for the life of
// the process (or worker): schemas are compiled once, never per resource.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Policy } from './policy.js';
import { parseQuantity } from './quantity.js';
import { re2RegExp } from './regexp.js';

type AnyAjv = Ajv | Ajv2019 | Ajv2020;
type Draft = '07' | '2019-09' | '2020-12';

const DRAFTS: Record<string, Draft> = {
  'http://json-schema.org/draft-07/schema': '07',
  'https://json-schema.org/draft/2019-09/schema': '2019-09',
  'https://json-schema.org/draft/2020-12/schema': '2020-12',
};

// ajv-formats is CommonJS: its default export arrives wrapped once or twice depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: AnyAjv) => void;

const instances = new Map<Draft, AnyAjv>();

/** The draft a schema's `$schema` names; 2020-12 when it names none. */
export function draftOf(schema: unknown): Draft | undefined {
  const declared = typeof schema === 'object' && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  if (declared === undefined) return '2020-12';
  if (typeof declared !== 'string') return undefined;
  return DRAFTS[declared.replace(/#$/, '')];
}

export function ajvFor(draft: Draft): AnyAjv {
  let ajv = instances.get(draft);
  if (!ajv) {
    const options = { allErrors: true, strict: false, verbose: true, code: { regExp: re2RegExp } } as const;
    ajv = draft === '07' ? new Ajv(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv2020(options);
    addFormats(ajv);
    addQuantityKeywords(ajv);
    instances.set(draft, ajv);
  }
  return ajv;
}

/**
 * `resourceMinimum: 200m` / `resourceMaximum: "2"`: Polaris's keywords for quantities. A value
 * that is not a quantity fails them (Polaris reports it too).
 */
function addQuantityKeywords(ajv: AnyAjv): void {
  const bound = (keyword: string, holds: (value: number, limit: number) => boolean) =>
    ajv.addKeyword({
      keyword,
      schemaType: ['string', 'number'],
      errors: false,
      validate: (limit: string | number, data: unknown) => {
        const value = parseQuantity(data);
        const max = parseQuantity(limit);
        return value !== undefined && max !== undefined && holds(value, max);
      },
    });
  bound('resourceMinimum', (value, limit) => value >= limit);
  bound('resourceMaximum', (value, limit) => value <= limit);
}

export interface SchemaCheck {
  /** ajv's complaints about the schema itself (paths inside the schema), if any. */
  schemaErrors?: ErrorObject[];
  /** A failure to compile (an RE2-unsupported pattern, an unresolvable $ref). */
  compileError?: string;
  validate?: ValidateFunction;
}

/** Validates and compiles a schema, never throwing: load.ts turns failures into messages. */
export function compileSchema(schema: unknown): SchemaCheck {
  const draft = draftOf(schema);
  if (!draft) return { compileError: `unsupported $schema ${JSON.stringify((schema as { $schema: unknown }).$schema)}; use draft-07, 2019-09 or 2020-12` };
  const ajv = ajvFor(draft);
  if (!ajv.validateSchema(schema as object)) return { schemaErrors: ajv.errors ?? [] };
  try {
    return { validate: ajv.compile(schema as object) };
  } catch (error) {
    return { compileError: (error as Error).message };
  }
}

// Keyed by the policy object: one compilation per policy per process, shared by every file.
const compiled = new WeakMap<Policy, ValidateFunction>();

/** The compiled validator of a policy that load.ts has already accepted. */
export function validatorOf(policy: Policy): ValidateFunction {
  let validate = compiled.get(policy);
  if (!validate) {
    const result = compileSchema(policy.schema);
    if (!result.validate) throw new Error(`policy ${policy.id} no longer compiles: ${result.compileError ?? 'invalid schema'}`);
    validate = result.validate;
    compiled.set(policy, validate);
  }
  return validate;
}
