import { parseCommandLine } from './parseCommandLine.js';
import { serveUntilSignal } from './serve.js';
import { serverFlags, serverOptionsFrom } from './serverFlags.js';
import { UsageError } from './usage.js';

export async function mockCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(args, { ...serverFlags, dynamic: { type: 'boolean' }, seed: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.seed !== undefined && !values.dynamic) throw new UsageError('--seed only matters with --dynamic');
  const { startMock } = await import('../startMock.js');
  const running = await startMock({
    ...serverOptionsFrom(values),
    dynamic: values.dynamic ?? false,
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
  });
  await serveUntilSignal(running, 'Voucher Programs mock');
}
