import { startMock, type MockOptions, type RunningContractMock } from '@voucher-programs/mock';
import { afterAll, beforeAll } from 'vitest';

// Handles that would mean the mock left something behind: a listening server, a socket, a child process.
const watchedHandles = ['TCPServerWrap', 'TCPSocketWrap', 'ProcessWrap'] as const;

// Node 20 has it (experimental); the pinned @types/node does not declare it.
const activeResources = (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo.bind(process);

function openHandles(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(watchedHandles.map((name) => [name, 0]));
  for (const name of activeResources()) if (name in counts) counts[name]!++;
  return counts;
}

/** Waits (bounded) until no more watched handles are open than before the mock started. */
export async function handlesLeftOpen(baseline: Record<string, number>, withinMs = 2_000): Promise<Record<string, number>> {
  const until = Date.now() + withinMs;
  for (;;) {
    const now = openHandles();
    const extra = Object.fromEntries(Object.entries(now).filter(([name, count]) => count > (baseline[name] ?? 0)));
    if (Object.keys(extra).length === 0 || Date.now() > until) return extra;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function openHandleBaseline(): Record<string, number> {
  return openHandles();
}

/**
 * One mock for this test file (vitest runs each file in its own worker) on a port the OS picks.
 * After the file it stops the mock and fails if a server, socket or child process is still open.
 */
export function useMock(options: MockOptions = {}): { readonly url: string; readonly mock: RunningContractMock } {
  let running: RunningContractMock | undefined;
  let baseline: Record<string, number> = {};
  beforeAll(async () => {
    baseline = openHandleBaseline();
    running = await startMock({ port: 0, logLevel: 'silent', ...options });
  });
  afterAll(async () => {
    await running?.stop();
    const left = await handlesLeftOpen(baseline);
    if (Object.keys(left).length > 0) throw new Error(`the mock left handles open after stop(): ${JSON.stringify(left)}`);
  });
  return {
    get url() {
      if (!running) throw new Error('the mock is not running (used outside a test?)');
      return running.url;
    },
    get mock() {
      if (!running) throw new Error('the mock is not running (used outside a test?)');
      return running;
    },
  };
}
