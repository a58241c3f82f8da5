import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { openapiJsonPath } from '@voucher-programs/spec';

/** The bundled Voucher Programs spec, the default for every mock. */
export const bundledSpecPath: string = fileURLToPath(openapiJsonPath);

/** The sandbox control API's spec, which the sandbox serves beside the API. */
// require.resolve, not import.meta.resolve: vitest's module runner (a globalSetup importing a linked copy of this package) has no import.meta.resolve.
export const sandboxControlSpecPath: string = createRequire(import.meta.url).resolve('@voucher-programs/spec/sandbox-control/openapi.json');
