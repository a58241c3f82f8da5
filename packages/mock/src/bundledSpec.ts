import { fileURLToPath } from 'node:url';
import { openapiJsonPath } from '@voucher-programs/spec';

/** The bundled Voucher Programs spec, the default for every mock. */
export const bundledSpecPath: string = fileURLToPath(openapiJsonPath);
