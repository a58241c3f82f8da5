import type { ServerResponse } from 'node:http';
import { faultAnswer } from './faultAnswer.js';
import type { Fault } from './faultRule.js';

export interface ApplyFaultOptions {
  /** Wall-clock time, for `X-Rate-Limit-Reset` (see rateLimitWindow.ts). */
  now: () => number;
  /**
   * Waits real milliseconds (`setTimeout` from `node:timers/promises`). Latency is real time, not
   * sandbox time: it is the partner's HTTP timeouts it tests, and a manual clock would never end it.
   */
  sleep: (ms: number) => Promise<unknown>;
  /** `X-Rate-Limit-Limit` on a 429; 500 by default. */
  rateLimit?: number;
}

/** `answered`: the fault wrote the answer; `dropped`: the socket is gone; `continue`: answer as usual. */
export type FaultOutcome = 'answered' | 'dropped' | 'continue';

/** Applies a fault to a node:http exchange, before the sandbox answers. */
export async function applyFaultToNodeResponse(fault: Fault, response: ServerResponse, options: ApplyFaultOptions): Promise<FaultOutcome> {
  if (fault.fault === 'latency') {
    await options.sleep(fault.latency_ms ?? 0);
    return 'continue';
  }
  if (fault.fault === 'drop_connection') {
    response.socket?.destroy();
    return 'dropped';
  }
  const answer = faultAnswer(fault, options.now(), options.rateLimit)!;
  // setHeader, not writeHead's argument: the fault's X-Rate-Limit-* replace the window's counts.
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  response.writeHead(answer.status).end(JSON.stringify(answer.body));
  return 'answered';
}
