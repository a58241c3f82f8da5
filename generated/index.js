import { readFileSync } from 'node:fs';

/** Absolute path of the bundled spec, for tools that take a file (Prism, Redocly). */
export const openapiJsonPath = new URL('./openapi.json', import.meta.url);
export const openapiYamlPath = new URL('./openapi.yaml', import.meta.url);

/** The bundled spec, parsed. Read once, on first use. */
let cached;
export function loadOpenApiDocument() {
  cached ??= JSON.parse(readFileSync(openapiJsonPath, 'utf8'));
  return cached;
}
