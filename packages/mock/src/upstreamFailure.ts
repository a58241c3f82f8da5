import { errorAnswer, type ErrorAnswer } from './errorAnswer.js';

/** Why a proxied request got no answer from the upstream, said without the request's URL or any credentials. */
export interface UpstreamFailureAnswer {
  /** One line: the cause as the network or the upstream gave it, e.g. `connect ECONNREFUSED 127.0.0.1:8080`. */
  reason: string;
  answer: ErrorAnswer;
}

/**
 * The upstream's address as it may be shown: scheme, host, port and base path, never a user name,
 * password or query that the partner put in the upstream URL.
 */
export function upstreamAddress(upstream: URL): string {
  return `${upstream.origin}${upstream.pathname === '/' ? '' : upstream.pathname}`;
}

/**
 * What a proxy answers when Prism could not get an answer from the upstream: 502 Bad Gateway in
 * the API's error model (the spec's codes have no gateway code, so `internal_server_error`, as the
 * sandbox's 503 says too), naming the upstream and the cause. A 502 is not remapped to a status
 * the operation declares: it is the proxy speaking, not the API.
 */
export function upstreamFailureAnswer(failure: Error & { status?: number; detail?: string; code?: string }, upstream: URL): UpstreamFailureAnswer {
  const address = upstreamAddress(upstream);
  const reason = networkCause(failure, address);
  return { reason, answer: errorAnswer(undefined, 502, `The proxy could not get an answer from its upstream ${address}: ${reason}.`) };
}

/** Under the client's own 60 s, so a hung upstream is reported before the caller gives up unexplained. */
export const defaultUpstreamTimeoutMs = 30_000;

/** What a proxy answers when the upstream did not answer in time: 504 Gateway Timeout, as above. */
export function upstreamTimeoutAnswer(timeoutMs: number, upstream: URL): UpstreamFailureAnswer {
  const reason = `no answer within ${timeoutMs} ms`;
  return { reason, answer: errorAnswer(undefined, 504, `The proxy's upstream ${upstreamAddress(upstream)} gave ${reason}.`) };
}

export const upstreamTimedOut = Symbol('upstream timed out');

/**
 * `work` or, when it takes longer than `timeoutMs`, `upstreamTimedOut`. Prism's forward call takes
 * no signal, so a late answer is still read, then dropped; the caller is not kept waiting for it.
 */
export async function withinUpstreamTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T | typeof upstreamTimedOut> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof upstreamTimedOut>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, upstreamTimedOut);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * node-fetch says "request to <full url> failed, reason: <cause>" or "invalid json response body at
 * <full url> reason: <cause>"; the URL may carry the caller's query, so only the cause is kept, with
 * the system error code when the cause does not name it.
 */
function networkCause(failure: Error & { detail?: string; code?: string }, address: string): string {
  const text = failure.detail || failure.message;
  const marker = text.lastIndexOf('reason: ');
  let cause = marker === -1 ? text.replace(/\bhttps?:\/\/\S+/g, address) : text.slice(marker + 'reason: '.length);
  if (text.startsWith('invalid json response body')) cause = `its answer is not valid JSON (${cause})`;
  return failure.code && !cause.includes(failure.code) ? `${cause} (${failure.code})` : cause;
}

/**
 * Whether Prism's failure is the upstream's: a network or parse error from the forward call.
 * Prism's own refusals (a GET with a body it cannot forward) never reached the upstream, and an
 * upstream 501 never gets here: Prism answers from the spec's examples instead.
 */
export function isUpstreamFailure(failure: Error): boolean {
  return !failure.name.startsWith('https://stoplight.io/prism/errors#');
}
