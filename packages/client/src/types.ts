import type { operations } from '@voucher-programs/spec';
import type { operationTable } from '@voucher-programs/spec/operations';
import type { FetchResponse, HeadersOptions } from 'openapi-fetch';
import type { RetryPolicy } from './retry.js';

/** The generated operation table's literal type: the source of every name below. */
export type OperationTable = typeof operationTable;
export type OperationId = keyof OperationTable & keyof operations;
export type Tag = OperationTable[OperationId]['tag'];

/** Options every named call takes besides its parameters. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Extra headers, such as Prism's `Prefer: code=404` or a per-call `Accept-Language`. */
  headers?: HeadersOptions;
  /** A token for this call only (a rider's token for redeem); never refreshed. */
  accessToken?: string;
  timeoutMs?: number;
  deadlineMs?: number;
  retry?: Partial<RetryPolicy> | false;
}

type ParametersOf<O> = O extends { parameters: infer P } ? P : {};
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** `organization_id` comes from the client, so it is optional here; the other path ids are not. */
type PathInit<O> =
  ParametersOf<O> extends { path: infer P extends Record<string, unknown> }
    ? 'organization_id' extends keyof P
      ? [Exclude<keyof P, 'organization_id'>] extends [never]
        ? { path?: { organization_id?: string } }
        : { path: Omit<P, 'organization_id'> & { organization_id?: string } }
      : { path: P }
    : { path?: never };

type QueryInit<O> =
  ParametersOf<O> extends { query: infer Q extends object }
    ? { query: Q }
    : ParametersOf<O> extends { query?: infer Q }
      ? [NonNullable<Q>] extends [never]
        ? { query?: never }
        : { query?: NonNullable<Q> }
      : { query?: never };

type BodyInit<O> = O extends { requestBody: infer R }
  ? { body: JsonContent<R> }
  : O extends { requestBody?: infer R }
    ? [JsonContent<NonNullable<R>>] extends [never]
      ? { body?: never }
      : { body?: JsonContent<NonNullable<R>> }
    : { body?: never };

/** The one argument of a named method: `path`, `query`, `body` as the spec types them, plus call options. */
export type OperationInit<K extends OperationId> = PathInit<operations[K]> & QueryInit<operations[K]> & BodyInit<operations[K]> & CallOptions;

type RequiredKeys<T> = { [P in keyof T]-?: {} extends Pick<T, P> ? never : P }[keyof T];
export type OperationArgs<K extends OperationId> = [RequiredKeys<OperationInit<K>>] extends [never] ? [init?: OperationInit<K>] : [init: OperationInit<K>];

type Data<K extends OperationId> = Extract<FetchResponse<operations[K], {}, 'application/json'>, { error?: never }>['data'];
/** The parsed success body, or undefined for an answer without one (204). */
export type OperationResult<K extends OperationId> = [Data<K>] extends [never] ? undefined : Data<K>;

export type NamedMethod<K extends OperationId> = (...init: OperationArgs<K>) => Promise<OperationResult<K>>;

/** `client.programs.searchVoucherPrograms(…)`: one group per tag, one method per operationId. */
export type NamedGroups = {
  [T in Tag]: { [K in OperationId as OperationTable[K]['tag'] extends T ? K : never]: NamedMethod<K> };
};

/** Operations with `x-pagination`, and the type of one item of their pages. */
export type PaginatedOperationId = { [K in OperationId]: OperationTable[K]['pagination'] extends { items: string } ? K : never }[OperationId];
type ItemsKey<K extends PaginatedOperationId> = OperationTable[K]['pagination'] extends { items: infer I extends string } ? I : never;
export type PageItem<K extends PaginatedOperationId> = NonNullable<NonNullable<OperationResult<K>>[ItemsKey<K> & keyof NonNullable<OperationResult<K>>]> extends readonly (infer Item)[] ? Item : never;

/** Operations whose spec documents `409 code_generation_in_progress`. */
export type CodeGenerationOperationId = { [K in OperationId]: 'code_generation_in_progress' extends OperationTable[K]['errorCodes'][number] ? K : never }[OperationId];
