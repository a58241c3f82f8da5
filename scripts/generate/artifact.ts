/** One file that `pnpm generate` writes into generated/, as a path relative to it and its full contents. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

/** The bundled spec, parsed, handed to every emitter so that each reads the same document. */
export type BundledSpec = Record<string, any>;
