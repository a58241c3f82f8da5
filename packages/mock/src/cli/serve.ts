import type { Listening } from '../listen.js';
import { untilSignal } from './untilSignal.js';

/** Prints where the server listens, then stops it on SIGINT/SIGTERM. */
export async function serveUntilSignal(running: Listening, what: string): Promise<void> {
  process.stdout.write(`${what} listening on ${running.url}\n`);
  const signal = await untilSignal();
  process.stderr.write(`${signal}: stopping\n`);
  await running.stop();
}
