// What a kubernetes-models schema module exports: a precompiled ajv validator.
import type { ErrorObject } from 'ajv';

export interface SchemaModule {
  validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
}
