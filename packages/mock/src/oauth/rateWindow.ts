/** Counts requests per key over a sliding window, on an injected clock. */
export interface RateWindow {
  /** Records one request; the seconds to wait when it is over the limit, else undefined. */
  take(key: string): number | undefined;
}

export function createRateWindow(limit: number, windowMs: number, now: () => number): RateWindow {
  const seen = new Map<string, number[]>();
  return {
    take(key) {
      const at = now();
      const recent = (seen.get(key) ?? []).filter((time) => time > at - windowMs);
      if (recent.length >= limit) {
        seen.set(key, recent);
        return Math.max(1, Math.ceil(((recent[0] as number) + windowMs - at) / 1000));
      }
      recent.push(at);
      seen.set(key, recent);
      return undefined;
    },
  };
}
