export type * from './schema.js';

/** Absolute path of the bundled spec, for tools that take a file (Prism, Redocly). */
export declare const openapiJsonPath: URL;
export declare const openapiYamlPath: URL;
/** The bundled spec, parsed. */
export declare function loadOpenApiDocument(): Record<string, any>;
