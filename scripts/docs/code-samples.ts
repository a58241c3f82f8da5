import type { BundledSpec } from '../generate/artifact.ts';
import { curlSample } from './samples/curl.ts';
import { typescriptSample } from './samples/typescript.ts';
import { listOperations, type SpecOperation } from './spec-walk.ts';

/** One entry of Redoc's `x-codeSamples`. */
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export function codeSamplesFor(spec: BundledSpec, op: SpecOperation, serverUrl: string): CodeSample[] {
  return [
    { lang: 'typescript', label: 'TypeScript', source: typescriptSample(spec, op, serverUrl) },
    { lang: 'bash', label: 'curl', source: curlSample(spec, op, serverUrl) },
  ];
}

/**
 * A copy of the bundle with `x-codeSamples` on every operation, for the docs only: the published
 * bundle stays free of them. Samples call the first server (production), as a reader would, or the
 * operation's own server when it has one.
 */
export function withCodeSamples(spec: BundledSpec): BundledSpec {
  const copy = structuredClone(spec);
  const serverUrl: unknown = copy.servers?.[0]?.url;
  if (typeof serverUrl !== 'string') throw new Error('the spec names no server for the code samples to call');
  for (const op of listOperations(copy)) {
    // An operation with servers of its own (the sandbox calls) is served only there.
    const own: unknown = op.operation.servers?.[0]?.url;
    op.operation['x-codeSamples'] = codeSamplesFor(copy, op, typeof own === 'string' ? own : serverUrl);
  }
  return copy;
}
