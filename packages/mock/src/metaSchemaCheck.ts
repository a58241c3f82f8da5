/**
 * Ajv checks each schema against its meta-schema before compiling it, and to do so first compiles
 * the meta-schema itself, once in each of Prism's Ajv instances: about half the time of a fresh
 * mock's first answer. The build checks every schema of the bundled spec's operations against
 * the same meta-schemas (metaSchemaFit.ts); while Prism validates a request or an answer of such
 * an operation, Ajv skips that check. A valid schema compiles to the same validator either way;
 * every other operation's schemas are checked as before.
 */
import { createRequire } from 'node:module';
import type { IHttpOperation } from '@stoplight/types';

interface AjvCore {
  prototype: { validateSchema(this: unknown, schema: unknown, throwOrLogError?: boolean): boolean | Promise<unknown> };
}

const checkedAtBuild = new WeakSet<IHttpOperation>();
// Above zero only while Prism validates for a checked operation: Ajv compiles synchronously inside.
let skipping = 0;
let installed = false;

/** These operations' schemas were found valid against their meta-schemas when the package was built. */
export function markCheckedAtBuild(operations: readonly IHttpOperation[]): void {
  for (const operation of operations) checkedAtBuild.add(operation);
}

/** Ajv's class as Prism's validators load it, so only that copy of Ajv is touched. */
export function prismAjvCore(): AjvCore {
  const validatorUtils = createRequire(import.meta.url).resolve('@stoplight/prism-http/dist/validator/validators/utils.js');
  return (createRequire(validatorUtils)('ajv/dist/core.js') as { default: AjvCore }).default;
}

function install(): void {
  if (installed) return;
  installed = true;
  const { prototype } = prismAjvCore();
  const check = prototype.validateSchema;
  prototype.validateSchema = function validateSchema(schema, throwOrLogError) {
    return skipping > 0 ? true : check.call(this, schema, throwOrLogError);
  };
}

/** A Prism validator that skips Ajv's meta-schema check for operations checked at build. */
export function skippingBuildCheckedMetaSchemas<Options extends { resource: IHttpOperation }, Result>(
  validate: (options: Options) => Result,
): (options: Options) => Result {
  install();
  return (options) => {
    if (!checkedAtBuild.has(options.resource)) return validate(options);
    skipping += 1;
    try {
      return validate(options);
    } finally {
      skipping -= 1;
    }
  };
}
