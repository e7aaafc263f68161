import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is the module object on some toolchains.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

let shared: Ajv | undefined;

/** One ajv instance for the process: schemas are compiled once, when a tool or case is registered. */
function ajv(): Ajv {
  if (!shared) {
    shared = new Ajv({ allErrors: true, strict: false });
    addFormats(shared);
  }
  return shared;
}

/** A compiled JSON Schema: `validate(value)` returns human sentences, empty when the value is valid. */
export interface CompiledSchema {
  validate(value: unknown): string[];
}

/** Compiles a JSON Schema once. Throws (ajv's message) when the schema itself is invalid. */
export function compileJsonSchema(schema: Record<string, unknown>): CompiledSchema {
  const check: ValidateFunction = ajv().compile(schema);
  return {
    validate(value) {
      if (check(value)) return [];
      return (check.errors ?? []).map(describeAjvError);
    },
  };
}

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : 'the value';
  if (error.keyword === 'additionalProperties') {
    return `${where} has an unexpected property "${String(error.params.additionalProperty)}"`;
  }
  if (error.keyword === 'required') {
    return `${where} is missing the required property "${String(error.params.missingProperty)}"`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}
